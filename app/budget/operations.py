"""The only place where the budget catalog changes."""
import logging
import re

from flask_babel import gettext as _

from .. import policy
from ..errors import Forbidden, Invalid
from ..extensions import db
from .models import BudgetItem

log = logging.getLogger(__name__)
CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9._-]{0,29}$")


def _check(user):
    if not policy.can_edit_catalog(user):
        raise Forbidden(_("Only administrators of a top-level unit change the program catalog."))


def add_item(user, program, code, name, parent=None):
    """Add a project (no parent) or a sub-project to the catalog."""
    _check(user)
    program, code, name = (program or "").strip(), (code or "").strip().upper(), (name or "").strip()
    if parent is not None:
        program = parent.program
    errors = {}
    if not program:
        errors["program"] = _("Name the program, e.g. QĐ 90/QĐ-TTg.")
    if not CODE_RE.match(code):
        errors["code"] = _("A short code of letters, digits, dots or dashes, e.g. DA3 or DA3.TDA1.")
    elif db.session.scalar(db.select(BudgetItem.id).where(BudgetItem.program == program, BudgetItem.code == code)):
        errors["code"] = _("This code is already used in the program.")
    if not name:
        errors["name"] = _("Enter the name.")
    if parent is not None and not parent.is_project:
        errors["parent_id"] = _("A sub-project belongs to a project, not to another sub-project.")
    if errors:
        raise Invalid(_("Please correct the highlighted fields."), errors)
    siblings = db.session.scalar(db.select(db.func.max(BudgetItem.position)).where(
        BudgetItem.program == program,
        BudgetItem.parent_id.is_(None) if parent is None else BudgetItem.parent_id == parent.id)) or 0
    item = BudgetItem(program=program, code=code, name=name, parent=parent, position=siblings + 1)
    db.session.add(item)
    db.session.flush()
    log.info("budget item %s %s added by %s", program, code, user.email)
    return item


def update_item(user, item, name, is_active):
    """Rename an item or retire it (it stays for the documents that used it)."""
    _check(user)
    name = (name or "").strip()
    if not name:
        raise Invalid(_("Please correct the highlighted fields."), {"name": _("Enter the name.")})
    item.name, item.is_active = name, bool(is_active)
    db.session.flush()
    log.info("budget item %s %s updated by %s", item.program, item.code, user.email)
    return item
