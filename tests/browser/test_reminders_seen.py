"""Reminders as their users meet them: the plan's calendar and policy, the outbox, the bell."""
import datetime as dt

import pytest
from playwright.sync_api import expect

from app.clock import VN_TZ
from tests.factories import PASSWORD, World


@pytest.fixture(scope="module")
def people(live_app):
    from app.reminders.sweep import sweep
    from app.transaction import unit_of_work

    with live_app.app_context(), unit_of_work():  # committed, as the scheduler's job would
        world = World(year=2029)
        # 31/3/2029 is a Saturday; the first overdue notice goes out Monday 2/4 at 08:00.
        sweep(dt.datetime(2029, 4, 2, 9, 0, tzinfo=VN_TZ))
        return {"admin": world.admin.email, "staff": world.staff.email, "plan": world.plan.id,
                "title": world.plan.title}


def log_in(page, server, email):
    page.goto(f"{server}/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def test_the_plan_admin_sets_the_policy_and_reads_the_outbox(page, live_server, people, shoot):
    log_in(page, live_server, people["admin"])
    page.goto(f"{live_server}/plans/{people['plan']}")
    page.get_by_role("link", name="Nhắc hạn").click()
    calendar = page.locator("table.reminder-calendar")
    expect(calendar).to_contain_text("02/04/2029")  # Sunday 1/4 cannot be after the Saturday due date
    expect(calendar).to_contain_text("dời từ Thứ Bảy 24/03/2029")

    page.get_by_label("Giờ gửi (0–23, giờ Việt Nam)").fill("25")
    page.get_by_role("button", name="Lưu thiết lập").click()
    expect(page.locator(".field.has-error .error")).to_have_text("Giờ từ 0 đến 23.")
    expect(page.get_by_label("Giờ gửi (0–23, giờ Việt Nam)")).to_have_value("25")
    shoot("reminders-01-policy-error")
    page.get_by_label("Giờ gửi (0–23, giờ Việt Nam)").fill("7")
    page.get_by_role("button", name="Lưu thiết lập").click()
    expect(page.locator(".flash-success")).to_contain_text("Đã lưu thiết lập nhắc hạn")
    expect(page.locator(".callout.info")).to_contain_text("Gửi lúc 07:00")
    shoot("reminders-02-calendar")

    page.get_by_role("link", name="Hộp thư đi của kế hoạch").click()
    rows = page.locator("table.outbox tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Quá hạn")
    expect(page.locator(".callout.warning")).to_contain_text("Chưa cấu hình máy chủ thư")
    shoot("reminders-03-outbox")
    rows.first.get_by_role("link").click()
    mail = page.frame_locator("iframe.mail-html")
    expect(mail.locator("body")).to_contain_text("Kính gửi: Huyện")
    expect(mail.locator("body")).to_contain_text(people["title"])
    shoot("reminders-04-message")

    page.get_by_role("link", name="Lời nhắc sắp gửi").click()
    expect(page.get_by_role("heading", name="Lời nhắc sắp gửi")).to_be_visible()


def test_a_unit_sees_its_notification_and_opens_the_document(page, live_server, people, shoot):
    log_in(page, live_server, people["staff"])
    bell = page.get_by_role("link", name="Thông báo: 1")
    expect(bell).to_be_visible()
    bell.click()
    item = page.locator("ul.notifications li.unread")
    expect(item).to_contain_text("Huyện Krông Nô: Kế hoạch của đơn vị đã quá hạn")
    shoot("reminders-05-notifications")
    item.get_by_role("button").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kế hoạch của đơn vị")
    expect(page.get_by_role("link", name="Thông báo", exact=True)).to_be_visible()  # nothing unread now
