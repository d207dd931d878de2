"""The pages and commands around reminders: policy, outbox, coming reminders, the bell,
the calendar feed, ``reminders preview`` and ``scheduler --once``."""
import datetime as dt

import pytest
import time_machine
from icalendar import Calendar

from app.clock import VN_TZ
from app.documents import operations as doc_ops
from app.extensions import db
from app.notifications.models import Notification
from app.outbox.models import OutboxMessage
from app.reminders.models import ReminderPolicy
from app.reminders.sweep import sweep
from tests.factories import World, login, ready, unit, user
from workflows.enums import DeliverableKind, MailStatus, Role, Trigger, UnitKind


def vn(*args):
    return dt.datetime(*args, tzinfo=VN_TZ)


@pytest.fixture
def world(db):
    return World(year=2027)


POLICY_FORM = {"enabled": "y", "days_before": "10, 5, 0", "first_overdue_after": "2", "overdue_every": "3",
               "send_hour": "7", "grace_days": "1", "escalate_overdue": "y"}


def test_the_plan_shows_its_reminder_calendar_to_its_units(world, client):
    login(client, world.head)
    page = client.get(f"/plans/{world.plan.id}/reminders").get_data(as_text=True)
    assert "24/03/2027" in page and "26/03/2027" in page  # 7 and 3 days before 31/3 (28/3 is a Sunday)
    assert "dời từ Chủ Nhật 28/03/2027" in page
    assert "Lưu thiết lập" not in page  # a unit head sees the calendar, not the form
    assert client.post(f"/plans/{world.plan.id}/reminders", data=POLICY_FORM).status_code == 403


def test_the_plan_admin_changes_the_policy(world, client):
    login(client, world.admin)
    response = client.post(f"/plans/{world.plan.id}/reminders", data=POLICY_FORM)
    assert response.status_code == 302
    row = db.session.get(ReminderPolicy, world.plan.id)
    assert (row.days_before, row.first_overdue_after, row.overdue_every, row.send_hour, row.grace_days) == \
        ("10,5,0", 2, 3, 7, 1)
    page = client.get(f"/plans/{world.plan.id}/reminders").get_data(as_text=True)
    assert "21/03/2027" in page and "Gửi lúc 07:00" in page  # 10 days before 31/3
    assert 'value="10, 5, 0"' in page


@pytest.mark.parametrize("field, value, message", [
    ("days_before", "7, ba", "Nhập các số ngày nguyên"),
    ("days_before", "7, 7", "Một hoặc nhiều số ngày khác nhau"),
    ("days_before", "45", "từ 0 đến 30"),
    ("send_hour", "25", "Giờ từ 0 đến 23."),
    ("grace_days", "9", "Từ 0 đến 7 ngày."),
    ("overdue_every", "0", "Từ 1 đến 30 ngày."),
    ("overdue_every", "một tuần", "Nhập một số nguyên."),
])
def test_a_bad_policy_is_refused_with_a_message_and_nothing_changes(world, client, field, value, message):
    login(client, world.admin)
    response = client.post(f"/plans/{world.plan.id}/reminders", data={**POLICY_FORM, field: value})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page and value in page  # what was typed stays
    assert db.session.get(ReminderPolicy, world.plan.id) is None


def test_the_outbox_lists_filters_and_shows_messages(world, client):
    sweep(vn(2027, 3, 24, 8, 0))
    login(client, world.admin)
    page = client.get("/admin/outbox/").get_data(as_text=True)
    assert "Chưa cấu hình máy chủ thư" in page  # the suite's app has no MAIL_SERVER
    assert page.count("Nhắc hạn: Kế hoạch của đơn vị, hạn 31/03/2027 (còn 7 ngày)") == 2
    assert "Chờ gửi" in page
    only_sent = client.get("/admin/outbox/?status=sent").get_data(as_text=True)
    assert "Nhắc hạn: Kế hoạch" not in only_sent
    found = client.get("/admin/outbox/?q=krongno").get_data(as_text=True)
    assert found.count("Nhắc hạn: Kế hoạch") == 1
    message = db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id)).first()
    shown = client.get(f"/admin/outbox/{message.id}").get_data(as_text=True)
    assert "Kính gửi: Huyện" in shown and "srcdoc=" in shown and "sandbox" in shown


def test_the_outbox_is_for_administrators_of_the_plan_or_unit(world, client):
    sweep(vn(2027, 3, 24, 8, 0))
    message = db.session.scalars(db.select(OutboxMessage)).first()
    login(client, world.head)
    assert client.get("/admin/outbox/").status_code == 403
    elsewhere = unit("Tỉnh Lâm Đồng", UnitKind.PROVINCE)
    other_admin = user((Role.ADMIN, elsewhere))
    client.post("/logout")
    login(client, other_admin)
    assert client.get("/admin/outbox/").status_code == 200
    assert "Nhắc hạn: Kế hoạch" not in client.get("/admin/outbox/").get_data(as_text=True)
    assert client.get(f"/admin/outbox/{message.id}").status_code == 403


def test_a_failed_message_is_sent_again_on_request(world, client):
    sweep(vn(2027, 3, 24, 8, 0))
    message = db.session.scalars(db.select(OutboxMessage)).first()
    message.status, message.last_error = MailStatus.FAILED, "SMTPDataError: (554, b'rejected')"
    db.session.commit()
    login(client, world.admin)
    assert "Gửi lại" in client.get(f"/admin/outbox/{message.id}").get_data(as_text=True)
    assert client.post(f"/admin/outbox/{message.id}/retry").status_code == 302
    db.session.refresh(message)
    assert message.status is MailStatus.QUEUED
    again = client.post(f"/admin/outbox/{message.id}/retry", follow_redirects=True)
    assert "Chỉ gửi lại được thư gửi không thành công." in again.get_data(as_text=True)


def test_coming_reminders(world, client):
    with time_machine.travel(vn(2027, 3, 20, 10, 0), tick=False):
        login(client, world.admin)
        page = client.get("/admin/outbox/upcoming").get_data(as_text=True)
    assert "08:00 24/03/2027" in page and "08:00 26/03/2027" in page and "08:00 02/04/2027" not in page
    assert "krongno@example.org" in page and "Huyện Cư Jút" in page


def test_the_bell_counts_and_the_list_marks_read(world, client):
    sweep(vn(2027, 4, 1, 8, 0))  # the first overdue notice: staff, head and reviewers are told
    login(client, world.staff)
    home = client.get("/notifications").get_data(as_text=True)
    assert 'class="count">1<' in home
    assert "Huyện Krông Nô: Kế hoạch của đơn vị đã quá hạn 1 ngày" in home
    note = db.session.scalar(db.select(Notification).where(Notification.user_id == world.staff.id))
    response = client.post(f"/notifications/{note.id}/open")
    assert response.status_code == 302 and response.headers["Location"].endswith(
        f"/documents/{note.deliverable.document.id}")
    db.session.refresh(note)
    assert note.read_at is not None
    assert 'class="count"' not in client.get("/notifications").get_data(as_text=True)
    client.post("/logout")
    login(client, world.reviewer)
    assert 'class="count">2<' in client.get("/notifications").get_data(as_text=True)  # both districts
    client.post("/notifications/read-all")
    assert 'class="count"' not in client.get("/notifications").get_data(as_text=True)
    # Nobody opens somebody else's notification.
    other = db.session.scalar(db.select(Notification).where(Notification.user_id == world.head.id))
    assert client.post(f"/notifications/{other.id}/open").status_code == 404


def test_a_return_is_in_the_bell_at_once(world, client):
    doc = world.document(DeliverableKind.SUBPLAN)
    doc_ops.save_content(doc, world.staff, ready(doc, tasks="a", responsible="b", timeline="c"), doc.lock_version)
    doc_ops.transition(doc, world.head, Trigger.SUBMIT)
    doc_ops.transition(doc, world.reviewer, Trigger.RETURN, "Thiếu tiến độ theo quý.")
    login(client, world.head)
    page = client.get("/notifications").get_data(as_text=True)
    assert "bị trả lại để hoàn thiện" in page and "Thiếu tiến độ theo quý." in page
    assert world.reviewer.full_name in page


def test_the_private_calendar_feed(world, client):
    login(client, world.staff)
    assert "Tạo địa chỉ lịch của tôi" in client.get("/calendar").get_data(as_text=True)
    client.post("/calendar")
    db.session.refresh(world.staff)
    token = world.staff.calendar_token
    page = client.get("/calendar").get_data(as_text=True)
    assert f"http://127.0.0.1:5000/calendar/{token}.ics" in page and "webcal://" in page
    client.post("/logout")

    response = client.get(f"/calendar/{token}.ics")  # calendar applications do not log in
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    cal = Calendar.from_ical(response.data)
    events = sorted(cal.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))
    assert [e.decoded("dtstart") for e in events] == [dt.date(2027, 3, 31), dt.date(2027, 6, 15),
                                                      dt.date(2027, 12, 15)]
    first = events[0]
    assert str(first["summary"]) == "Hạn nộp: Kế hoạch của đơn vị – Huyện Krông Nô"
    assert first.decoded("dtend") == dt.date(2027, 4, 1)
    assert str(first["url"]).endswith(f"/documents/{world.document(DeliverableKind.SUBPLAN).id}")
    assert len({str(e["uid"]) for e in events}) == 3

    # A new address kills the old one.
    login(client, world.staff)
    client.post("/calendar")
    client.post("/logout")
    assert client.get(f"/calendar/{token}.ics").status_code == 404
    assert client.get("/calendar/not-a-token.ics").status_code == 404


def test_a_reviewer_s_calendar_holds_the_plans_their_unit_coordinates(world, client):
    login(client, world.reviewer)
    client.post("/calendar")
    db.session.refresh(world.reviewer)
    client.post("/logout")
    cal = Calendar.from_ical(client.get(f"/calendar/{world.reviewer.calendar_token}.ics").data)
    assert len(cal.walk("VEVENT")) == 6  # two districts × three deliverables


def test_reminders_preview_prints_what_is_due(world, app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["reminders", "preview", "--at", "2027-04-01 09:00"])
    assert result.exit_code == 0, result.output
    assert "2 reminder(s) due on 01/04/2027 by 09:00" in result.output
    assert "Sub-plan, 98/KH-UBND (2027), due 31/03/2027" in result.output
    assert "overdue notice, 1 day after the due date; goes out 01/04/2027 08:00 [to send]" in result.output
    assert f"To: krongno@example.org, {world.staff.email}" in result.output
    assert f"Cc: {world.head.email}, {world.reviewer.email}, {world.reviewer2.email}" in result.output
    assert db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage)) == 0  # sent nothing

    early = runner.invoke(args=["reminders", "preview", "--at", "2027-04-01 07:30"])
    assert "No reminders due on 01/04/2027 by 07:30." in early.output
    bad = runner.invoke(args=["reminders", "preview", "--at", "1/4/2027"])
    assert bad.exit_code == 2 and "YYYY-MM-DD HH:MM" in bad.output


def test_scheduler_once_sweeps_and_delivers(world, app, smtp):
    runner = app.test_cli_runner()
    with time_machine.travel(vn(2027, 3, 24, 8, 5), tick=False):
        result = runner.invoke(args=["scheduler", "--once"])
    assert result.exit_code == 0, result.output
    assert "sweep: 2 queued, 0 skipped; delivery: 2 sent" in result.output
    assert len(smtp.messages()) == 2
