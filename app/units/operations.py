"""Changes to units that are not imports: deactivation, deletion of an unused unit."""
import logging

from flask_babel import gettext as _

from .. import policy
from ..auth.models import Membership
from ..errors import Forbidden, Invalid
from ..extensions import db
from ..plans.models import Assignment, Plan
from .models import Unit

log = logging.getLogger(__name__)


def set_active(actor, unit, active):
    """Deactivate (or reactivate) a unit: it keeps its history but gets no new work."""
    if not policy.can_reshape_unit(actor, unit):
        raise Forbidden(_("Only an administrator above this unit can rename it, change its kind or deactivate it."))
    unit.is_active = active
    db.session.flush()
    log.info("unit %s %s by %s", unit.code, "activated" if active else "deactivated", actor.email)


def is_in_use(unit):
    """A unit that has units below it, people, plans or assignments is never deleted."""
    checks = (
        db.select(Unit.id).where(Unit.parent_id == unit.id),
        db.select(Membership.id).where(Membership.unit_id == unit.id),
        db.select(Assignment.id).where(Assignment.unit_id == unit.id),
        db.select(Plan.id).where((Plan.issuing_unit_id == unit.id) | (Plan.coordinating_unit_id == unit.id)),
    )
    return any(db.session.scalar(q.limit(1)) is not None for q in checks)


def delete_unused(actor, unit):
    """Delete a unit created by mistake; anything with a history can only be deactivated."""
    if not policy.can_reshape_unit(actor, unit):
        raise Forbidden(_("Only an administrator above this unit can rename it, change its kind or deactivate it."))
    if is_in_use(unit):
        raise Invalid(_("This unit has documents, people or units below it: deactivate it instead."))
    db.session.delete(unit)
    db.session.flush()
    log.info("unit %s deleted by %s", unit.code, actor.email)
