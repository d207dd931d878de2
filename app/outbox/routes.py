"""The outbox, for administrators: what went, what waits, what failed, and what is coming."""
from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from workflows.enums import MailKind, MailStatus

from .. import policy
from ..clock import now
from ..extensions import db
from ..plans.forms import CsrfOnlyForm
from ..plans.models import Plan
from ..reminders.queries import reminder_label
from ..reminders.queries import upcoming as coming
from ..reminders.recipients import People
from ..web import attempt, id_arg, page_arg
from . import operations
from .models import OutboxMessage

bp = Blueprint("outbox", __name__, url_prefix="/admin/outbox")
PER_PAGE = 50


@bp.before_request
@login_required
def _admins_only():
    if not policy.can_see_outbox(current_user):
        abort(403)


def _plans_in_scope():
    return db.session.scalars(db.select(Plan).where(policy.administered_plan_filter(current_user))
                              .order_by(Plan.year.desc(), Plan.id.desc())).all()


@bp.route("/")
def index():
    status, kind, q = request.args.get("status", ""), request.args.get("kind", ""), request.args.get("q", "").strip()
    plan_id = id_arg("plan")
    scope = policy.outbox_filter(current_user)
    stmt = db.select(OutboxMessage).where(scope)
    if plan_id:
        stmt = stmt.where(OutboxMessage.plan_id == plan_id)
    counts = dict(db.session.execute(
        db.select(OutboxMessage.status, db.func.count()).where(stmt.whereclause).group_by(OutboxMessage.status)).all())
    if status in {s.value for s in MailStatus}:
        stmt = stmt.where(OutboxMessage.status == MailStatus(status))
    if kind in {k.value for k in MailKind}:
        stmt = stmt.where(OutboxMessage.kind == MailKind(kind))
    if q:  # % and _ are what they are, not wildcards
        stmt = stmt.where(OutboxMessage.to_addrs.icontains(q, autoescape=True)
                          | OutboxMessage.cc_addrs.icontains(q, autoescape=True)
                          | OutboxMessage.subject.icontains(q, autoescape=True))
    page = db.paginate(stmt.order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc()),
                       page=page_arg(), per_page=PER_PAGE, error_out=False)
    return render_template("outbox/index.html", page=page, counts=counts, status=status, kind=kind, q=q,
                           plan_id=plan_id, plans=_plans_in_scope(), statuses=list(MailStatus),
                           kinds=list(MailKind), mail_configured=operations.mail_configured())


@bp.route("/upcoming")
def upcoming():
    plan_id = id_arg("plan")
    plans = _plans_in_scope()
    plan_ids = {p.id for p in plans} if plan_id is None else {plan_id} & {p.id for p in plans}
    unit_ids = policy.admin_unit_ids(current_user) if plan_id is None else None
    items = coming(now(), days=14, plan_ids=plan_ids, unit_ids=unit_ids)
    people = People()
    rows = [(item, people.addressees(item.deliverable, item.reminder.escalated)) for item in items]
    return render_template("outbox/upcoming.html", rows=rows, plans=plans, plan_id=plan_id,
                           reminder_label=reminder_label, mail_configured=operations.mail_configured())


def _load(message_id):
    message = db.session.get(OutboxMessage, message_id)
    if message is None:
        abort(404)
    if not policy.can_see_message(current_user, message):
        abort(403)
    return message


@bp.route("/<int:message_id>")
def show(message_id):
    return render_template("outbox/show.html", message=_load(message_id), form=CsrfOnlyForm())


@bp.route("/<int:message_id>/retry", methods=["POST"])
def retry(message_id):
    message = _load(message_id)
    if not CsrfOnlyForm().validate_on_submit():
        abort(400)
    return attempt(lambda: operations.retry(current_user, message),
                   lambda m: (_("The message is queued again."), url_for(".show", message_id=m.id))) \
        or redirect(url_for(".show", message_id=message.id))
