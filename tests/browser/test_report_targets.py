"""A district's head submits the annual report at a desk (1366 px) and on a phone (390 ×
844), in Vietnamese: more poor households than the plan's target for the district is a
warning beside the figure, explained before submitting; the report's page then shows the
plan's target beside each poverty figure. Nothing is wider than the screen.
Screenshots: test-artifacts/report-targets-<width>-<page>.png.
"""
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, signed_in

WIDTHS = {"desk": (1366, 900), "phone": (390, 844)}


@pytest.fixture(scope="module")
def reports(live_app):
    """Both districts' annual reports, saved with 90 poor households against a target of at most 50."""
    from app.documents import operations as doc_ops
    from app.extensions import db
    from app.plans import operations as plan_ops
    from tests.factories import REPORT_COUNTS, World, ready
    from workflows.enums import DeliverableKind

    with live_app.app_context():
        made = World(year=2033)
        out = {}
        for width, (district, head) in zip(WIDTHS, ((made.district, made.head), (made.other_district,
                                                                                   made.other_head)), strict=True):
            plan_ops.set_target(made.admin, made.plan, district, households_start=1000, poor_start=100,
                                poor_reduction=50, households_end=1000, poor_end=50, poor_rate_end=Decimal("5.00"),
                                near_poor_start=80, near_poor_reduction=20, near_poor_end=60)
            doc = next(d for a in made.plan.assignments if a.unit_id == district.id
                       for d in a.deliverables if d.kind is DeliverableKind.ANNUAL).document
            figures = {**REPORT_COUNTS, "near_poor_start": 80, "near_poor_escaped": 25, "near_poor_new": 5,
                       "near_poor_fell_back": 0, "near_poor_end": 60}
            doc_ops.save_content(doc, head, ready(doc, figures=figures), None)
            out[width] = {"doc": doc.id, "email": head.email}
        db.session.commit()
        db.session.remove()
    return out


def _fits(page, width, name):
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"], \
        f"{name} is wider than the screen"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"report-targets-{width}-{name}.png"), full_page=True)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_a_missed_target_is_explained_then_shown_beside_its_figure(browser, live_server, reports, width):

    w, h = WIDTHS[width]
    mine = reports[width]
    with signed_in(browser, live_server, mine["email"], w, h) as page:
        page.goto(f"{live_server}/documents/{mine['doc']}/edit")
        page.get_by_role("button", name="Lưu và xem lại trước khi nộp").click()
        box = page.locator("#finding-poor_end_target-poor_end")
        expect(box).to_contain_text("Hộ nghèo cuối năm: 90 hộ, chỉ tiêu không quá 50 hộ: hãy giải trình.")
        box.scroll_into_view_if_needed()
        _fits(page, width, "warning")
        page.locator("fieldset#figures").screenshot(path=str(ARTIFACTS / f"report-targets-{width}-warning-figures.png"))
        box.get_by_label("Giải trình gửi cơ quan thẩm định").fill("Hai xã có thêm hộ nghèo do lũ quét tháng 9.")
        page.get_by_role("button", name="Lưu và xem lại trước khi nộp").click()
        expect(page.get_by_text("Hai xã có thêm hộ nghèo do lũ quét tháng 9.")).to_be_visible()
        page.get_by_role("button", name="Nộp", exact=True).click()

        page.goto(f"{live_server}/documents/{mine['doc']}")
        table = page.locator("table#report-figures")
        poor = table.get_by_role("row", name=re.compile(r"^Hộ nghèo hiện nay"))
        expect(poor).to_contain_text("≤ 50 hộ")
        expect(poor).to_contain_text("chưa đạt")
        near = table.get_by_role("row", name=re.compile(r"^Hộ cận nghèo hiện nay"))
        expect(near).not_to_contain_text("chưa đạt")  # 60: met
        expect(table.get_by_role("row", name=re.compile(r"^Số hộ nghèo giảm trong năm"))).to_contain_text("≥ 50 hộ")
        # The target is on screen beside its figure, not scrolled out of view.
        cell = poor.locator("td.target")
        box = cell.bounding_box()
        assert box and box["x"] + box["width"] <= w, box
        table.scroll_into_view_if_needed()
        _fits(page, width, "view")
