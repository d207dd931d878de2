"""Deadline reminders end to end: sweep → outbox → a real SMTP server (aiosmtpd).

Time is passed in (or moved with time-machine), never waited for. The world's plan is
for 2027: sub-plan due Wednesday 31/3/2027, six-month report Tuesday 15/6/2027.
"""
import datetime as dt

import pytest

from app.clock import VN_TZ
from app.documents import operations as doc_ops
from app.extensions import db
from app.outbox.models import OutboxMessage
from app.outbox.delivery import deliver_pending
from app.notifications.models import Notification
from app.plans import operations as plan_ops
from app.reminders.models import Reminder
from app.reminders.sweep import sweep
from tests.factories import World, ready
from workflows.enums import DeliverableKind, DocState, MailStatus, ReminderStatus, Trigger


def vn(*args):
    return dt.datetime(*args, tzinfo=VN_TZ)


@pytest.fixture
def world(db):
    return World(year=2027)


def subplan(world, assignment=None):
    return world.document(DeliverableKind.SUBPLAN, assignment)


def other_assignment(world):
    return next(a for a in world.plan.assignments if a.unit_id == world.other_district.id)


def fill_and_submit(world, doc, at):
    content = ready(doc, tasks="Nhiệm vụ", responsible="Phòng LĐ-TB&XH", timeline="Quý I–IV")
    doc_ops.save_content(doc, world.staff if doc.deliverable.assignment.unit_id == world.district.id
                         else world.other_head, content, doc.lock_version, at=at)
    head = world.head if doc.deliverable.assignment.unit_id == world.district.id else world.other_head
    doc_ops.transition(doc, head, Trigger.SUBMIT, at=at)


def reminders_of(doc):
    return db.session.scalars(db.select(Reminder).where(Reminder.deliverable_id == doc.deliverable_id)
                              .order_by(Reminder.nominal_on)).all()


def test_nothing_before_the_hour_then_each_unit_once(world, smtp):
    assert sweep(vn(2027, 3, 24, 7, 59)).queued == 0
    report = sweep(vn(2027, 3, 24, 8, 0))
    assert report.queued == 2  # "7 days before" for each district's sub-plan
    assert deliver_pending(vn(2027, 3, 24, 8, 1)).sent == 2

    mails = {tuple(sorted(m.to)): m for m in smtp.messages()}

    district = mails[tuple(sorted(["krongno@example.org", world.staff.email]))]
    assert district.cc == []
    assert district.subject == "Nhắc hạn: Kế hoạch của đơn vị, hạn 31/03/2027 (còn 7 ngày)"
    assert "Kính gửi: Huyện Krông Nô" in district.text
    link = f"http://127.0.0.1:5000/documents/{subplan(world).id}"
    assert link in district.text and f'href="{link}"' in district.html
    assert "98/KH-UBND" in district.text and "31/03/2027" in district.html
    # Cư Jút has no contact address and no staff: its head is written to.
    assert (world.other_head.email,) in mails

    # Re-runs, at the same moment or later that day, send nothing again.
    for minute in (2, 30):
        assert sweep(vn(2027, 3, 24, 8, minute)).queued == 0
        assert deliver_pending(vn(2027, 3, 24, 8, minute)).sent == 0
    assert len(smtp.messages()) == 2
    assert [r.status for r in reminders_of(subplan(world))] == [ReminderStatus.SENT]


def test_the_weekend_shift_and_escalation(world, smtp):
    # "3 days before" is Sunday 28/3/2027: it goes out on Friday 26/3.
    assert sweep(vn(2027, 3, 26, 8, 0)).queued == 2
    deliver_pending(vn(2027, 3, 26, 8, 0))
    keys = {r.key: r for r in reminders_of(subplan(world))}
    assert keys["before-3"].nominal_on == dt.date(2027, 3, 28)
    assert keys["before-3"].send_on == dt.date(2027, 3, 26)

    # The day after the due date: the first overdue notice copies the head and the reviewers.
    smtp.clear()
    sweep(vn(2027, 4, 1, 8, 0))
    deliver_pending(vn(2027, 4, 1, 8, 0))
    mail = next(m for m in smtp.messages() if world.staff.email in m.to)
    assert mail.subject == "Quá hạn 1 ngày: Kế hoạch của đơn vị (hạn 31/03/2027)"
    assert sorted(mail.cc) == sorted([world.head.email, world.reviewer.email, world.reviewer2.email])
    assert "gửi đồng thời" in mail.text  # says who else was told
    assert set(mail.message["Cc"].addresses[i].addr_spec for i in range(3)) == set(mail.cc)


def test_a_submitted_document_is_not_reminded_a_returned_one_is(world, smtp):
    fill_and_submit(world, subplan(world), vn(2027, 3, 20, 9, 0))
    deliver_pending(vn(2027, 3, 20, 9, 1))  # the reviewers are told of the submission (test_notices.py)
    smtp.clear()
    sweep(vn(2027, 3, 24, 8, 0))
    deliver_pending(vn(2027, 3, 24, 8, 0))
    assert [m.to for m in smtp.messages()] == [[world.other_head.email]]

    # Returned on 29/3: the unit is told at once, and reminders resume.
    smtp.clear()
    doc = subplan(world)
    doc_ops.transition(doc, world.reviewer, Trigger.RETURN, "Bổ sung tiến độ theo quý.", at=vn(2027, 3, 29, 10, 0))
    deliver_pending(vn(2027, 3, 29, 10, 1))
    [returned] = smtp.messages()
    assert returned.subject == "Trả lại để hoàn thiện: Kế hoạch của đơn vị"
    assert sorted(returned.to) == sorted(["krongno@example.org", world.staff.email, world.head.email])
    assert "Bổ sung tiến độ theo quý." in returned.text and world.reviewer.full_name in returned.text

    smtp.clear()
    sweep(vn(2027, 3, 30, 8, 0))
    deliver_pending(vn(2027, 3, 30, 8, 0))
    mail = next(m for m in smtp.messages() if "krongno@example.org" in m.to)
    assert "còn 1 ngày" in mail.subject and "trả lại" in mail.text


def test_submitted_between_sweep_and_delivery(world, smtp):
    sweep(vn(2027, 3, 24, 8, 0))
    fill_and_submit(world, subplan(world), vn(2027, 3, 24, 8, 0, 30))
    report = deliver_pending(vn(2027, 3, 24, 8, 1))
    assert (report.sent, report.skipped) == (2, 1)  # Cư Jút's reminder, and the submission to the reviewers
    assert [m.to for m in smtp.messages() if world.reviewer.email not in m.to] == [[world.other_head.email]]
    [reminder] = reminders_of(subplan(world))
    assert (reminder.status, reminder.reason) == (ReminderStatus.SKIPPED, "submitted")
    message = db.session.scalar(db.select(OutboxMessage).where(OutboxMessage.reminder_id == reminder.id))
    assert (message.status, message.skip_reason) == (MailStatus.SKIPPED, "submitted")


def test_due_date_moved_after_reminders_were_queued(world, smtp):
    sweep(vn(2027, 3, 24, 8, 0))  # queued for a due date of 31/3; SMTP not tried yet
    values = {f: getattr(world.plan, f) for f in plan_ops.PLAN_FIELDS}
    plan_ops.update_plan(world.admin, world.plan, **{**values, "subplan_due_on": dt.date(2027, 4, 9)})
    report = deliver_pending(vn(2027, 3, 24, 8, 5))
    assert (report.sent, report.skipped) == (0, 2)
    assert {r.reason for r in reminders_of(subplan(world))} == {"due_moved"}
    # The new date's reminders follow: 7 days before 9/4 is Friday 2/4.
    assert sweep(vn(2027, 3, 31, 8, 0)).queued == 0  # nothing was due for 31/3 any more
    assert sweep(vn(2027, 4, 2, 8, 0)).queued == 2
    deliver_pending(vn(2027, 4, 2, 8, 1))
    assert {m.subject for m in smtp.messages()} == {"Nhắc hạn: Kế hoạch của đơn vị, hạn 09/04/2027 (còn 7 ngày)"}


def test_downtime_shorter_than_the_grace_period_sends_late(world, smtp):
    # The scheduler was down from Tuesday evening to Thursday 25/3 10:00 (26 hours late).
    assert sweep(vn(2027, 3, 25, 10, 0)).queued == 2
    deliver_pending(vn(2027, 3, 25, 10, 0))
    assert len(smtp.messages()) == 2
    assert all("31/03/2027" in m.subject for m in smtp.messages())


def test_downtime_longer_than_the_grace_period_skips(world, smtp):
    # Down from 23/3 to Friday 26/3 09:00: "7 days before" (24/3 08:00) is 49 hours late.
    report = sweep(vn(2027, 3, 26, 9, 0))
    assert (report.queued, report.skipped) == (2, 2)  # "3 days before" (26/3) still goes
    deliver_pending(vn(2027, 3, 26, 9, 0))
    assert {m.subject for m in smtp.messages()} == {"Nhắc hạn: Kế hoạch của đơn vị, hạn 31/03/2027 (còn 5 ngày)"}
    states = {r.key: (r.status, r.reason) for r in reminders_of(subplan(world))}
    assert states == {"before-7": (ReminderStatus.SKIPPED, "late"), "before-3": (ReminderStatus.SENT, "")}


def test_an_smtp_outage_loses_nothing_and_sends_nothing_twice(world, smtp):
    sweep(vn(2027, 3, 24, 8, 0))
    smtp.stop()
    report = deliver_pending(vn(2027, 3, 24, 8, 0))
    assert (report.sent, report.retrying) == (0, 1)  # the pass stops at the first refused connection
    waiting = db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id)).all()
    assert [m.status for m in waiting] == [MailStatus.QUEUED, MailStatus.QUEUED]
    tried = next(m for m in waiting if m.attempts == 1)
    assert "Connection refused" in tried.last_error or "ConnectionRefused" in tried.last_error
    assert tried.next_attempt_at == vn(2027, 3, 24, 8, 1)

    # Still down a minute later: both tried, both wait longer (backoff doubles).
    deliver_pending(vn(2027, 3, 24, 8, 1))
    deliver_pending(vn(2027, 3, 24, 8, 1, 30))
    db.session.expire_all()
    # 8:01 tries the message not tried yet (the pass stops again); 8:01:30 the first one.
    assert sorted(m.attempts for m in waiting) == [1, 2]

    smtp.start()
    for minute in range(2, 10):
        deliver_pending(vn(2027, 3, 24, 8, minute))
    assert len(smtp.messages()) == 2
    db.session.expire_all()
    assert all(m.status is MailStatus.SENT for m in waiting)
    assert all(m.last_error for m in waiting if m.attempts > 1)  # the history of the outage is kept


def test_a_message_refused_for_good_is_failed_and_can_be_retried(world, smtp, monkeypatch):
    import smtplib

    sweep(vn(2027, 3, 24, 8, 0))

    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPDataError(554, b"5.7.1 Message rejected")

    monkeypatch.setattr(smtplib.SMTP, "sendmail", refuse)
    report = deliver_pending(vn(2027, 3, 24, 8, 0))
    assert report.failed == 2
    monkeypatch.undo()
    message = db.session.scalars(db.select(OutboxMessage)).first()
    assert message.status is MailStatus.FAILED and "554" in message.last_error
    from app.outbox.operations import retry

    retry(world.admin, message, at=vn(2027, 3, 24, 9, 0))
    assert deliver_pending(vn(2027, 3, 24, 9, 0)).sent == 1


def test_switched_off_policy_sends_nothing(world, smtp):
    from app.reminders.operations import set_policy

    set_policy(world.admin, world.plan, enabled=False, days_before="7,3,1,0", first_overdue_after=1,
               overdue_every=7, send_hour=8, grace_days=2, escalate_overdue=True)
    assert sweep(vn(2027, 3, 24, 8, 0)).queued == 0


def test_policy_send_hour_and_days(world, smtp):
    from app.reminders.operations import set_policy

    set_policy(world.admin, world.plan, enabled=True, days_before="10, 2", first_overdue_after=2,
               overdue_every=14, send_hour=14, grace_days=1, escalate_overdue=False)
    assert sweep(vn(2027, 3, 29, 13, 59)).queued == 0
    assert sweep(vn(2027, 3, 29, 14, 0)).queued == 2  # 2 days before 31/3, at 14:00
    sweep(vn(2027, 4, 2, 14, 0))  # first overdue notice after two days, no escalation
    deliver_pending(vn(2027, 4, 2, 14, 0))
    overdue = [m for m in smtp.messages() if m.subject.startswith("Quá hạn")]
    assert len(overdue) == 2 and all(m.cc == [] for m in overdue)


def test_notifications_follow_the_mail(world, smtp):
    sweep(vn(2027, 4, 1, 8, 0))
    for who in (world.staff, world.head, world.reviewer):
        kinds = db.session.scalars(db.select(Notification.kind).where(Notification.user_id == who.id)).all()
        assert "overdue" in kinds
    assert not db.session.scalars(db.select(Notification).where(Notification.user_id == world.observer.id)).all()


def test_a_stale_notice_is_not_sent_a_week_late(world, smtp):
    doc = subplan(world)
    fill_and_submit(world, doc, vn(2027, 3, 20, 9, 0))
    doc_ops.transition(doc, world.reviewer, Trigger.RETURN, "Thiếu số liệu.", at=vn(2027, 3, 21, 9, 0))
    report = deliver_pending(vn(2027, 3, 29, 9, 0))
    assert report.skipped == 2 and smtp.messages() == []  # the submission's notice and the return's
    assert doc.state is DocState.RETURNED


def test_after_downtime_across_the_deadline_only_the_latest_reminder_goes(world, smtp):
    # Down from 29/3 to Thursday 1/4 08:00: "1 day before" and "on the due date" are
    # within the grace period but stale; the unit gets the overdue notice only.
    report = sweep(vn(2027, 4, 1, 8, 0))
    deliver_pending(vn(2027, 4, 1, 8, 0))
    assert report.queued == 2
    assert {m.subject for m in smtp.messages()} == {"Quá hạn 1 ngày: Kế hoạch của đơn vị (hạn 31/03/2027)"}
    reasons = {r.key: r.reason for r in reminders_of(subplan(world))}
    assert reasons == {"before-7": "late", "before-3": "late",  # missed by more than two days
                       "before-1": "superseded", "before-0": "superseded", "overdue-1": ""}


def test_mail_held_through_an_outage_does_not_go_once_superseded(world, smtp):
    smtp.stop()
    sweep(vn(2027, 3, 30, 8, 0))  # "1 day before": the server is down all day
    deliver_pending(vn(2027, 3, 30, 8, 0))
    sweep(vn(2027, 3, 31, 8, 0))  # "on the due date"
    smtp.start()
    deliver_pending(vn(2027, 3, 31, 9, 0))
    assert {m.subject for m in smtp.messages()} == {"Đến hạn hôm nay: Kế hoạch của đơn vị (hạn 31/03/2027)"}
    reasons = {r.key: (r.status, r.reason) for r in reminders_of(subplan(world))}
    assert reasons["before-1"] == (ReminderStatus.SKIPPED, "superseded")


def test_new_users_and_password_resets_get_their_link_by_mail(world, smtp, client):
    from tests.factories import login

    login(client, world.admin)
    response = client.post("/admin/users/new", data={"email": "chutich.xa@example.org", "full_name": "Y Phôn Niê",
                                                     "unit_code": world.district.code, "role": "head"})
    assert response.status_code == 302
    deliver_pending()
    [mail] = smtp.messages()
    assert mail.to == ["chutich.xa@example.org"] and mail.subject == "Tài khoản của bạn: đặt mật khẩu"
    link = next(line for line in mail.text.splitlines() if "/password/" in line).strip()
    assert "Kính gửi Y Phôn Niê," in mail.text and f'href="{link}"' in mail.html
    client.post("/logout")
    assert client.get(link.replace("http://127.0.0.1:5000", "")).status_code == 200  # the link works

    smtp.clear()
    login(client, world.admin)
    client.post(f"/admin/users/{world.staff.id}/reset-password")
    deliver_pending()
    [reset] = smtp.messages()
    assert reset.to == [world.staff.email] and reset.subject == "Mật khẩu của bạn đã được đặt lại"
