"""The bell (a user's notifications) and the private calendar feed."""
import datetime as dt

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from icalendar import Alarm, Calendar, Event

from workflows.enums import OPEN_STATES
from workflows.notices import DIGEST_HOUR

from .. import policy
from ..auth.models import User
from ..clock import now
from ..documents.models import Deliverable
from ..extensions import db
from ..labels import STATE_LABELS, deliverable_label
from ..outbox.compose import absolute_url
from ..plans.forms import CsrfOnlyForm
from ..plans.models import Assignment, Plan
from ..web import attempt, page_arg
from . import operations
from .forms import DigestForm
from .models import Notification

bp = Blueprint("notifications", __name__)
bp.add_app_template_global(operations.describe, "describe_notification")
PER_PAGE = 30


@bp.app_context_processor
def _bell():
    if g.get("bare_page") or not getattr(current_user, "is_authenticated", False):
        return {}
    return {"unread_notifications": operations.unread_count(current_user)}


@bp.route("/notifications")
@login_required
def index():
    # A reminder renewed by a later one comes back to the top.
    stmt = (db.select(Notification).where(Notification.user_id == current_user.id)
            .order_by(Notification.updated_at.desc(), Notification.id.desc()))
    if request.args.get("unread"):
        stmt = stmt.where(Notification.read_at.is_(None))
    page = db.paginate(stmt, page=page_arg(), per_page=PER_PAGE, error_out=False)
    digest_form = None
    if policy.can_review_anything(current_user):
        digest_form = DigestForm(wants_digest=current_user.wants_digest)
    return render_template("notifications/index.html", page=page, form=CsrfOnlyForm(),
                           unread_only=bool(request.args.get("unread")), digest_form=digest_form,
                           digest_hour=f"{DIGEST_HOUR:02d}:00")


@bp.route("/notifications/digest", methods=["POST"])
@login_required
def digest():
    """A reviewer chooses the daily digest, or a mail per event."""
    form = DigestForm()
    if not form.validate_on_submit():
        abort(400)

    def done(user):
        if user.wants_digest:
            return (_("Each working day at %(hour)s you will receive one mail of what waits for you, instead of a "
                      "mail per submission.", hour=f"{DIGEST_HOUR:02d}:00"), url_for(".index"))
        return _("You will receive a mail for each submission again."), url_for(".index")

    return (attempt(lambda: operations.set_digest(current_user, form.wants_digest.data), done, forbidden_aborts=True)
            or redirect(url_for(".index")))


def _check_csrf():
    if not CsrfOnlyForm().validate_on_submit():
        abort(400)


@bp.route("/notifications/<int:notification_id>/open", methods=["POST"])
@login_required
def open_one(notification_id):
    """Mark read and go to what it is about."""
    _check_csrf()
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != current_user.id:
        abort(404)
    operations.mark_read(current_user, notification)
    return redirect(url_for("documents.view", document_id=notification.deliverable.document.id))


@bp.route("/notifications/read-all", methods=["POST"])
@login_required
def read_all():
    _check_csrf()
    operations.mark_all_read(current_user)
    return redirect(url_for(".index"))


@bp.route("/calendar", methods=["GET", "POST"])
@login_required
def calendar_settings():
    if request.method == "POST":
        _check_csrf()
        operations.new_calendar_token(current_user)

        flash(_("Your calendar has a new address; the old one no longer works."), "success")
        return redirect(url_for(".calendar_settings"))
    feed = None
    if current_user.calendar_token:
        feed = absolute_url(".calendar_feed", shown=True, token=current_user.calendar_token)
    return render_template("notifications/calendar.html", feed=feed, form=CsrfOnlyForm())


@bp.route("/calendar/<token>.ics")
def calendar_feed(token):
    """A user's deadlines as iCalendar, for Outlook or Google Calendar. The token is the key."""
    if len(token) < 20:
        abort(404)
    user = db.session.scalar(db.select(User).where(User.calendar_token == token))
    if user is None or not user.is_active:
        abort(404)
    body = _calendar(user)
    return Response(body, mimetype="text/calendar", headers={
        "Content-Disposition": 'inline; filename="han-nop.ics"', "Cache-Control": "private, max-age=900"})


def _calendar(user):
    own, reviewing = policy.calendar_scope(user)
    deliverables = db.session.scalars(
        db.select(Deliverable).join(Deliverable.assignment).join(Assignment.plan).join(Deliverable.document)
        .where(Plan.published_at.is_not(None),
               Assignment.unit_id.in_(own) | Plan.coordinating_unit_id.in_(reviewing))
        .order_by(Deliverable.due_on, Deliverable.id)).unique().all()
    cal = Calendar()
    cal.add("prodid", "-//giamngheo//deadlines//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _("Deadlines – poverty reduction plans"))
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    stamp = now()
    host = absolute_url("todo.index").split("/")[2]
    for d in deliverables:
        unit, plan, doc = d.assignment.unit, d.assignment.plan, d.document
        what = str(deliverable_label(d))
        event = Event()
        event.add("uid", f"deliverable-{d.id}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", d.due_on)
        event.add("dtend", d.due_on + dt.timedelta(days=1))
        event.add("summary", _("Due: %(what)s – %(unit)s", what=what, unit=unit.name))
        link = absolute_url("documents.view", document_id=doc.id)
        event.add("description", "\n".join([
            f"{plan.reference} – {plan.title}",
            _("Status: %(state)s", state=STATE_LABELS[doc.state]),
            link]))
        event.add("url", link)
        event.add("transp", "TRANSPARENT")
        if doc.state in OPEN_STATES:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", event["summary"])
            alarm.add("trigger", dt.timedelta(days=-1))
            event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()
