"""Notifications tell both ways and do not flood (issue 14, point 6).

An approval reaches the unit as a return does, by mail and in the bell; a submission
reaches the coordinating unit's reviewers; a deliverable's repeated reminders are one bell
item that is renewed; a reviewer may choose one daily digest of what waits instead of a
mail per event. Mail is read as the real SMTP server received it.

The world's plan is for 2027: sub-plans due Wednesday 31/3/2027.
"""
import datetime as dt
import re

import pytest
import time_machine

from app.clock import VN_TZ
from app.documents import operations as doc_ops
from app.extensions import db
from app.notifications.models import Digest, Notification
from app.outbox.models import OutboxMessage
from app.outbox.delivery import deliver_pending
from app.reminders.sweep import sweep
from app.scheduler import DIGEST_JOB, build
from tests.factories import World, login
from workflows.enums import DeliverableKind, MailKind, Trigger
from workflows.notices import digest_day


def vn(*args):
    return dt.datetime(*args, tzinfo=VN_TZ)


@pytest.fixture
def world(db):
    return World(year=2027)


def subplan(world, unit="district"):
    assignment = next(a for a in world.plan.assignments if a.unit_id == getattr(world, unit).id)
    return world.document(DeliverableKind.SUBPLAN, assignment)


CONTENT = {"tasks": "Rà soát hộ nghèo; hỗ trợ sinh kế.", "responsible": "Phòng LĐ-TB&XH", "timeline": "Quý I–IV",
           "target": {"households_start": 19680, "poor_start": 851, "poor_reduction": 180, "poor_end": 671,
                      "households_end": 19690}}


def submit(world, doc, at):
    """The district's head fills in and submits its sub-plan."""
    doc_ops.save_content(doc, world.staff, CONTENT, doc.lock_version, at=at)
    doc_ops.transition(doc, world.head, Trigger.SUBMIT, at=at)


def bell(user, kind=None, unread=False):
    stmt = db.select(Notification).where(Notification.user_id == user.id)
    if kind:
        stmt = stmt.where(Notification.kind == kind)
    if unread:
        stmt = stmt.where(Notification.read_at.is_(None))
    return db.session.scalars(stmt.order_by(Notification.id)).all()


def run_digest_job(app):
    job = build(app).get_job(DIGEST_JOB)
    return job.func(*job.args)


# --- An approval is told to the unit, by mail and bell, as a return is ------------------------

def test_an_approval_is_told_to_the_unit_by_mail_and_in_the_bell(world, smtp, client):
    doc = subplan(world)
    submit(world, doc, vn(2027, 3, 20, 9, 0))
    doc_ops.transition(doc, world.reviewer, Trigger.APPROVE, "Đạt yêu cầu, triển khai đúng tiến độ.",
                       at=vn(2027, 3, 22, 14, 30))
    deliver_pending(vn(2027, 3, 22, 14, 31))

    [approved] = [m for m in smtp.messages() if m.subject.startswith("Đã phê duyệt")]
    assert approved.subject == "Đã phê duyệt: Kế hoạch của đơn vị"
    assert sorted(approved.to) == sorted(["krongno@example.org", world.staff.email, world.head.email])
    assert "Kính gửi: Huyện Krông Nô" in approved.text
    assert "Cơ quan thường trực đã phê duyệt Kế hoạch của đơn vị." in approved.text
    assert "Người phê duyệt: Nguyễn Văn Bình, " in approved.text and "22/03/2027" in approved.text
    assert "Đạt yêu cầu, triển khai đúng tiến độ." in approved.text
    link = f"http://127.0.0.1:5000/documents/{doc.id}"
    assert link in approved.text and f'href="{link}"' in approved.html

    for who in (world.staff, world.head):
        [note] = bell(who, "approved", unread=True)
        assert note.data["by"] == world.reviewer.full_name
    assert bell(world.reviewer, "approved") == [] and bell(world.other_head) == []
    login(client, world.staff)
    page = client.get("/notifications").get_data(as_text=True)
    assert "Huyện Krông Nô: Kế hoạch của đơn vị đã được phê duyệt" in page
    # Decided: the reviewers' "submitted" items no longer wait unread.
    assert [n.read_at is not None for n in bell(world.reviewer2, "submitted")] == [True]


def test_a_return_is_told_as_before(world, smtp):
    doc = subplan(world)
    submit(world, doc, vn(2027, 3, 20, 9, 0))
    doc_ops.transition(doc, world.reviewer, Trigger.RETURN, "Bổ sung tiến độ theo quý.", at=vn(2027, 3, 22, 9, 0))
    deliver_pending(vn(2027, 3, 22, 9, 1))
    [returned] = [m for m in smtp.messages() if m.subject.startswith("Trả lại")]
    assert sorted(returned.to) == sorted(["krongno@example.org", world.staff.email, world.head.email])
    assert [n.data["reason"] for n in bell(world.head, "returned")] == ["Bổ sung tiến độ theo quý."]


# --- A submission is told to the coordinating unit's reviewers ---------------------------------

def test_a_submission_is_told_to_the_reviewers_by_mail_and_in_the_bell(world, smtp):
    doc = subplan(world)
    submit(world, doc, vn(2027, 3, 20, 9, 0))
    deliver_pending(vn(2027, 3, 20, 9, 1))
    [mail] = smtp.messages()
    assert mail.subject == "Nộp để thẩm định: Kế hoạch của đơn vị – Huyện Krông Nô"
    assert sorted(mail.to) == sorted([world.reviewer.email, world.reviewer2.email])
    assert "Huyện Krông Nô đã nộp Kế hoạch của đơn vị, đề nghị thẩm định." in mail.text
    assert "Người nộp: Phạm Văn Hùng, " in mail.text and "/notifications" in mail.text
    for who in (world.reviewer, world.reviewer2):
        assert [n.kind for n in bell(who, unread=True)] == ["submitted"]
    assert bell(world.head) == []  # not told of their own move

    # Returned, revised, submitted again: said so.
    smtp.clear()
    doc_ops.transition(doc, world.reviewer, Trigger.RETURN, "Thiếu số liệu.", at=vn(2027, 3, 21, 9, 0))
    doc_ops.transition(doc, world.head, Trigger.SUBMIT, at=vn(2027, 3, 22, 9, 0))
    deliver_pending(vn(2027, 3, 22, 9, 1))
    again = next(m for m in smtp.messages() if world.reviewer.email in m.to)
    assert again.subject == "Nộp lại để thẩm định: Kế hoạch của đơn vị – Huyện Krông Nô"
    assert "đã hoàn thiện và nộp lại" in again.text


def test_a_withdrawn_submission_no_longer_waits_in_the_bell(world):
    doc = subplan(world)
    submit(world, doc, vn(2027, 3, 20, 9, 0))
    assert len(bell(world.reviewer, "submitted", unread=True)) == 1
    doc_ops.transition(doc, world.head, Trigger.WITHDRAW, at=vn(2027, 3, 20, 10, 0))
    assert bell(world.reviewer, "submitted", unread=True) == []


# --- Repeated reminders are one bell item that updates ------------------------------------------

#: 7, 3 (on Friday), 1 and 0 days before the due date, then overdue the day after and weekly.
SWEEP_DAYS = [vn(2027, 3, 24, 8, 0), vn(2027, 3, 26, 8, 0), vn(2027, 3, 30, 8, 0), vn(2027, 3, 31, 8, 0),
              vn(2027, 4, 1, 8, 0), vn(2027, 4, 8, 8, 0), vn(2027, 4, 15, 8, 0), vn(2027, 4, 22, 8, 0)]


def test_repeated_reminders_leave_one_unread_item_per_deliverable(world, client):
    for at in SWEEP_DAYS:
        assert sweep(at).queued == 2  # one reminder a district each of these days
    # Eight reminders each: one item each, carrying the latest.
    [note] = bell(world.staff)
    assert (note.kind, note.data["days"], note.repeats, note.read_at) == ("overdue", -22, 7, None)
    assert note.updated_at == vn(2027, 4, 22, 8, 0) and note.created_at == vn(2027, 3, 24, 8, 0)
    assert len(bell(world.head, unread=True)) == 1
    # Four overdue notices of two districts copied to a reviewer: one item a district.
    assert len(bell(world.reviewer, unread=True)) == 2

    login(client, world.staff)
    page = client.get("/notifications").get_data(as_text=True)
    assert 'class="count">1<' in page
    assert "Huyện Krông Nô: Kế hoạch của đơn vị đã quá hạn 22 ngày" in page and "đã nhắc 8 lần" in page

    # Read, then the next notice: the same item is unread again, on top, with the new count.
    client.post(f"/notifications/{note.id}/open")
    assert 'class="count"' not in client.get("/notifications").get_data(as_text=True)
    sweep(vn(2027, 4, 29, 8, 0))
    db.session.refresh(note)
    assert (note.read_at, note.data["days"], note.repeats) == (None, -29, 8)
    assert [n.id for n in bell(world.staff)] == [note.id]
    page = client.get("/notifications").get_data(as_text=True)
    assert 'class="count">1<' in page and "quá hạn 29 ngày" in page


def test_other_notices_stay_items_of_their_own(world):
    doc = subplan(world)
    sweep(vn(2027, 3, 24, 8, 0))
    submit(world, doc, vn(2027, 3, 25, 9, 0))
    doc_ops.transition(doc, world.reviewer, Trigger.RETURN, "Thiếu số liệu.", at=vn(2027, 3, 26, 7, 0))
    sweep(vn(2027, 3, 26, 8, 0))  # "3 days before" (Sunday 28/3), the document being back with its unit
    assert sorted(n.kind for n in bell(world.staff)) == ["before", "returned"]
    [reminder] = bell(world.staff, "before")
    assert reminder.repeats == 1 and reminder.data["days"] == 5


# --- The daily digest ---------------------------------------------------------------------------

def test_the_digest_is_for_reviewers_to_choose(world, client):
    login(client, world.head)
    assert 'name="wants_digest"' not in client.get("/notifications").get_data(as_text=True)
    assert client.post("/notifications/digest", data={"wants_digest": "y"}).status_code == 403
    client.post("/logout")

    login(client, world.reviewer)
    response = client.post("/notifications/digest", data={"wants_digest": "y"}, follow_redirects=True)
    assert "vào 07:00 mỗi ngày làm việc, bạn sẽ nhận một thư tổng hợp" in response.get_data(as_text=True)
    db.session.refresh(world.reviewer)
    assert world.reviewer.wants_digest is True
    assert re.search(r'<input[^>]*checked[^>]*name="wants_digest"', client.get("/notifications").get_data(as_text=True))
    client.post("/notifications/digest", data={})
    db.session.refresh(world.reviewer)
    assert world.reviewer.wants_digest is False


def test_the_digest_replaces_the_mail_per_event_not_the_bell(world, smtp):
    world.reviewer.wants_digest = True
    db.session.commit()
    submit(world, subplan(world), vn(2027, 3, 30, 9, 0))
    sweep(vn(2027, 4, 1, 8, 0))  # Cư Jút's sub-plan is overdue: escalated
    deliver_pending(vn(2027, 4, 1, 8, 1))
    told = [m for m in smtp.messages() if world.reviewer.email in m.to + m.cc]
    assert told == []
    submitted = next(m for m in smtp.messages() if m.subject.startswith("Nộp để thẩm định"))
    assert submitted.to == [world.reviewer2.email]
    overdue = next(m for m in smtp.messages() if m.to == [world.other_head.email])
    assert world.reviewer2.email in overdue.cc
    assert sorted(n.kind for n in bell(world.reviewer)) == ["overdue", "submitted"]


def test_the_digest_job_run_twice_sends_once(world, smtp, app):
    world.reviewer.wants_digest = True
    db.session.commit()
    submit(world, subplan(world), vn(2027, 3, 31, 10, 0))  # on the due date

    with time_machine.travel(vn(2027, 4, 1, 6, 59), tick=False):  # before the hour
        assert run_digest_job(app).queued == 0
    with time_machine.travel(vn(2027, 4, 1, 7, 5), tick=False):
        assert run_digest_job(app).queued == 1
        assert run_digest_job(app).queued == 0  # again: the day's digest is recorded
    with time_machine.travel(vn(2027, 4, 1, 16, 0), tick=False):
        assert run_digest_job(app).queued == 0  # later that day
    deliver_pending(vn(2027, 4, 1, 16, 1))

    [digest] = [m for m in smtp.messages() if m.subject.startswith("Tổng hợp")]
    assert digest.to == [world.reviewer.email]
    assert digest.subject == "Tổng hợp ngày 01/04/2027: 1 hồ sơ chờ thẩm định, 1 quá hạn"
    assert "Kính gửi Nguyễn Văn Bình," in digest.text
    assert "Đã nộp, chờ bạn thẩm định: 1" in digest.text
    assert ("- Huyện Krông Nô: Kế hoạch của đơn vị (98/KH-UBND) – nộp lúc 10:00 31/03/2027, hạn 31/03/2027 [mới]"
            in digest.text)  # submitted since the day before
    assert "Quá hạn, chưa nộp: 1" in digest.text
    assert "- Huyện Cư Jút: Kế hoạch của đơn vị (98/KH-UBND) – hạn 31/03/2027, quá hạn 1 ngày" in digest.text
    link = f"http://127.0.0.1:5000/documents/{subplan(world).id}"
    assert link in digest.text and f'href="{link}"' in digest.html
    assert "http://127.0.0.1:5000/review/" in digest.text
    assert [(d.user_id, d.digest_on, d.waiting, d.overdue) for d in db.session.scalars(db.select(Digest))] == [
        (world.reviewer.id, dt.date(2027, 4, 1), 1, 1)]
    assert db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage)
                             .where(OutboxMessage.kind == MailKind.DIGEST)) == 1

    # Friday: the next one; what was listed yesterday is no longer new.
    smtp.clear()
    with time_machine.travel(vn(2027, 4, 2, 7, 0), tick=False):
        assert run_digest_job(app).queued == 1
    deliver_pending(vn(2027, 4, 2, 7, 1))
    [friday] = smtp.messages()
    assert "quá hạn 2 ngày" in friday.text and "[mới]" not in friday.text
    # Saturday: none.
    with time_machine.travel(vn(2027, 4, 3, 9, 0), tick=False):
        assert run_digest_job(app).queued == 0


def test_nothing_waiting_no_digest_mail(world, smtp, app):
    world.reviewer.wants_digest = True
    db.session.commit()
    with time_machine.travel(vn(2027, 3, 24, 7, 30), tick=False):  # before any due date
        report = run_digest_job(app)
    assert (report.queued, report.empty) == (0, 1)
    deliver_pending(vn(2027, 3, 24, 7, 31))
    assert smtp.messages() == []


@pytest.mark.parametrize(("at", "day"), [
    (vn(2027, 4, 1, 7, 0), dt.date(2027, 4, 1)),  # Thursday, at the hour
    (vn(2027, 4, 1, 23, 59), dt.date(2027, 4, 1)),
    (vn(2027, 4, 1, 6, 59), None),  # too early
    (vn(2027, 4, 3, 9, 0), None),  # Saturday
    (vn(2027, 2, 8, 9, 0), None),  # Tết 2027 (Monday 8/2)
    (vn(2027, 9, 2, 9, 0), None),  # National Day
    (dt.datetime(2027, 4, 1, 0, 30, tzinfo=dt.timezone.utc), dt.date(2027, 4, 1)),  # 07:30 in Hanoi
])
def test_digest_days(at, day):
    assert digest_day(at, VN_TZ) == day
