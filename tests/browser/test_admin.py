"""An administrator creates a unit and a user by hand; the user sets a password and logs in."""
import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, World


@pytest.fixture(scope="module")
def admin(live_app):
    with live_app.app_context():
        world = World(year=2028)
        return {"email": world.admin.email, "district": world.district.name, "district_code": world.district.code}


def test_create_a_unit_and_a_user_by_hand(page, live_server, admin, shoot):
    page.goto(f"{live_server}/login")
    page.get_by_label("Email").fill(admin["email"])
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    page.get_by_role("navigation").get_by_role("link", name="Quản trị").click()
    expect(page.get_by_role("heading", name="Đơn vị", exact=True)).to_be_visible()
    page.get_by_role("link", name="Thêm đơn vị").click()
    page.get_by_label("Mã").fill("XA-QUANG-PHU")
    page.get_by_label("Tên").fill("Xã Quảng Phú")
    page.get_by_label("Loại").select_option(label="Xã")
    page.get_by_label("Đơn vị cấp trên").select_option(label=f"{admin['district']} ({admin['district_code']})")
    page.get_by_label("Email liên hệ (mỗi dòng một địa chỉ)").fill("quangphu@krongno.gov.vn\nkhong-hop-le")
    page.get_by_role("button", name="Lưu").click()
    # A bad email is refused next to its field and what was typed stays.
    expect(page.locator(".field.has-error .error")).to_contain_text("khong-hop-le")
    expect(page.get_by_label("Tên")).to_have_value("Xã Quảng Phú")
    shoot("admin-01-unit-error")
    page.get_by_label("Email liên hệ (mỗi dòng một địa chỉ)").fill("quangphu@krongno.gov.vn")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".flash-success")).to_contain_text("Đã lưu đơn vị")
    page.get_by_placeholder("Tìm theo tên hoặc mã").fill("quang phu")
    page.get_by_role("button", name="Tìm kiếm").click()
    expect(page.locator("table.list")).to_contain_text("Xã Quảng Phú")
    shoot("admin-02-units")

    page.get_by_role("link", name="Người dùng").click()
    page.get_by_role("link", name="Thêm người dùng").click()
    page.get_by_label("Email").fill("chutich.quangphu@krongno.gov.vn")
    page.get_by_label("Họ và tên").fill("Y Phôn Niê")
    page.get_by_label("Đơn vị", exact=True).select_option(label="Xã Quảng Phú (XA-QUANG-PHU)")
    page.get_by_label("Vai trò").select_option(label="Thủ trưởng đơn vị")
    page.get_by_role("button", name="Tạo mới").click()
    flash = page.locator(".flash-success")
    expect(flash).to_contain_text("Đã tạo người dùng")
    shoot("admin-03-user")
    link = re.search(r"http\S+/password/\S+", flash.inner_text()).group(0)
    page.get_by_role("button", name="Đăng xuất").click()

    page.goto(live_server + link.split("5000", 1)[-1] if "127.0.0.1:5000" in link else link)
    page.get_by_label("Mật khẩu mới").fill("quảng phú 2028")
    page.get_by_label("Nhập lại mật khẩu").fill("quảng phú 2028")
    page.get_by_role("button", name="Lưu mật khẩu").click()
    expect(page.locator(".flash-success")).to_contain_text("Đã đặt mật khẩu")
    expect(page.locator(".usermenu")).to_contain_text("Y Phôn Niê")
    shoot("admin-04-first-login")
