"""On a phone (390 × 844), in Vietnamese, a plan's administrator adds an indicator of the
plan's own — a ratio over a built-in count — and chooses the units that report it, each
with its own target; then a district's staff gives it in a report and sees the rate
computed. Every page fits the screen. Screenshots: test-artifacts/indicators-*.png.
"""
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, signed_in


@pytest.fixture(scope="module")
def world(live_app):
    from app.extensions import db
    from tests.factories import World
    from workflows.enums import DeliverableKind

    with live_app.app_context():
        made = World(year=2031)
        ids = {"plan": made.plan.id, "email": made.admin.email, "district": made.district.name,
               "other": made.other_district.name, "staff": made.staff.email,
               "report": made.document(DeliverableKind.SIX_MONTH).id}
        db.session.remove()
    return ids


def _fits(page, name):
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} is wider than {width} px"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"indicators-{name}.png"), full_page=True)


def test_an_administrator_sets_an_indicator_up_on_a_phone(browser, live_server, world):
    from tests.factories import PASSWORD

    with signed_in(browser, live_server, world["email"]) as page:
        page.goto(f"{live_server}/plans/{world['plan']}")
        page.get_by_role("link", name="Chỉ tiêu", exact=True).click()
        expect(page.get_by_role("heading", name="Chỉ tiêu có sẵn")).to_be_visible()
        _fits(page, "list-empty")

        page.get_by_role("link", name="Thêm chỉ tiêu").click()
        page.get_by_label("Tên").fill("Hộ cận nghèo có thẻ BHYT")
        page.get_by_label("Mã", exact=True).fill("BHYT_CN_CO")
        page.get_by_role("button", name="Lưu").click()
        expect(page.get_by_text("Đã thêm chỉ tiêu.")).to_be_visible()

        page.get_by_role("link", name="Thêm chỉ tiêu").click()
        page.get_by_label("Tên").fill("Tỷ lệ hộ cận nghèo tham gia BHYT")
        page.get_by_label("Mã", exact=True).fill("BHYT_CN")
        page.get_by_label("Loại").select_option("ratio")
        page.get_by_label("Đơn vị tính").select_option("percent")
        page.get_by_label("Tử số (một số đếm)").select_option("BHYT_CN_CO")
        page.get_by_label("Mẫu số (một số đếm)").select_option("near_poor")
        page.get_by_label("Chỉ tiêu của kế hoạch").fill("101")
        page.get_by_role("button", name="Lưu").click()
        expect(page.get_by_text("Tỷ lệ phần trăm nằm trong khoảng 0 đến 100")).to_be_visible()
        _fits(page, "form-refused")
        page.get_by_label("Chỉ tiêu của kế hoạch").fill("98")
        page.get_by_role("button", name="Lưu").click()
        card = page.locator("li.card.indicator", has_text="Tỷ lệ hộ cận nghèo tham gia BHYT")
        expect(card).to_contain_text("≥ 98,00%")
        _fits(page, "list")

        card.get_by_role("link", name="Đơn vị và chỉ tiêu").click()
        page.get_by_role("checkbox", name=world["district"]).check()
        page.get_by_role("checkbox", name=world["other"]).check()
        page.get_by_label(f"Chỉ tiêu của {world['district']}").fill("99")
        _fits(page, "units")
        page.get_by_role("button", name="Lưu").click()
        expect(page.get_by_text("Đã lưu: 2 đơn vị báo cáo «Tỷ lệ hộ cận nghèo tham gia BHYT».")).to_be_visible()
        expect(card).to_contain_text("Báo cáo bởi 2 đơn vị")

        page.get_by_role("button", name="Đăng xuất").click()
        page.get_by_label("Email").fill(world["staff"])
        page.get_by_label("Mật khẩu").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.goto(f"{live_server}/documents/{world['report']}/edit")
        box = page.locator("fieldset#indicators")
        expect(box).to_contain_text("Tỷ lệ hộ cận nghèo tham gia BHYT")
        expect(box).to_contain_text("Chỉ tiêu giao: ≥ 99,00%")
        page.get_by_label("Tổng số hộ hiện nay").fill("20.000")
        page.get_by_label("Hộ cận nghèo hiện nay").fill("800")
        box.get_by_label("Hộ cận nghèo có thẻ BHYT").fill("790")
        _fits(page, "report-edit")
        box.screenshot(path=str(ARTIFACTS / "indicators-report-edit-box.png"))
        page.get_by_role("button", name="Lưu dự thảo").click()
        section = page.locator("section#indicators")
        expect(section).to_contain_text("98,75%")
        expect(section).to_contain_text("(790 / 800)")
        _fits(page, "report-view")
        section.screenshot(path=str(ARTIFACTS / "indicators-report-view-box.png"))


def test_a_supervisor_reads_the_plans_indicators_in_the_rollup_on_a_phone(browser, live_server, live_app):
    """The roll-up's indicator table: each plan a heading row over its indicators, every
    indicator's target, total, coverage and verdict within the width of a phone."""
    from decimal import Decimal

    from app.extensions import db
    from app.plans import indicators as ind_ops
    from tests.factories import World
    from workflows.enums import Direction, IndicatorKind, MeasureUnit

    with live_app.app_context():
        made = World(year=2032)
        ind_ops.add_indicator(made.admin, made.plan, code="TL_TE_KDC", name=(
            "Tỷ lệ trẻ em thuộc hộ nghèo không được học đúng cấp học, bậc học phù hợp với độ tuổi"),
            unit=MeasureUnit.PERCENT, kind=IndicatorKind.VALUE, direction=Direction.AT_MOST, target=Decimal("9.24"),
            is_required=True, numerator_code=None, denominator_code=None)
        ind_ops.add_indicator(made.admin, made.plan, code="NHA_HN", name="Nhà ở cho hộ nghèo được xây dựng mới, sửa chữa",
                              unit=MeasureUnit.HOUSES, kind=IndicatorKind.COUNT, direction=Direction.AT_LEAST,
                              target=Decimal(200), is_required=True, numerator_code=None, denominator_code=None)
        db.session.commit()
        email = made.observer.email
        db.session.remove()
    with signed_in(browser, live_server, email) as page:
        page.goto(f"{live_server}/rollup?year=2032")
        table = page.locator("table.indicator-rollup")
        expect(table).to_contain_text("≥ 200 căn nhà")
        expect(table).to_contain_text("≤ 9,24%")
        box = table.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        _fits(page, "rollup")
        table.screenshot(path=str(ARTIFACTS / "indicators-rollup-table.png"))
