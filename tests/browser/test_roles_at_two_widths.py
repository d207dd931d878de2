"""Each role walks its pages of the demo in Vietnamese, at a desk (1366 px) and on a phone
(390 × 844): nothing is wider than the screen (wide tables scroll inside their own box),
the decisions are reachable without sideways scrolling, and the points of issue 14 are
there to see. Screenshots go to test-artifacts/roles-<role>-<width>-<page>.png.
"""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS

PASSWORD = "demo-giamngheo"
DOMAIN = "daknong.demo.vn"
WIDTHS = {"desk": (1366, 900), "phone": (390, 844)}


@pytest.fixture(scope="module")
def demo(live_app):
    """The Đắk Nông demo in the browser's database, and the ids the walk needs."""
    from app.demo import dak_nong
    from app.demo.loader import load
    from app.documents.models import Deliverable, Document
    from app.extensions import db
    from app.plans.models import Assignment
    from app.units.models import Unit

    from app.transaction import unit_of_work

    with live_app.app_context():
        with unit_of_work():  # committed, as `flask demo` does
            [plan] = load((dak_nong,))

        def doc(code, state=None, kind=None):
            q = (db.select(Document.id).join(Deliverable).join(Assignment).join(Unit)
                 .where(Unit.code == code, Assignment.plan_id == plan.id))
            if state:
                q = q.where(Document.state == state)
            if kind:
                q = q.where(Deliverable.kind == kind)
            return db.session.scalar(q.order_by(Document.id).limit(1))

        return {"plan": plan.id, "programme": plan.programme_id, "returned": doc("KRONG-NO", "returned"), "draft": doc("KRONG-NO", "draft"),
                "submitted": db.session.scalar(db.select(Document.id).join(Deliverable).join(Assignment)
                                               .where(Assignment.plan_id == plan.id, Document.state == "submitted")
                                               .order_by(Document.id).limit(1))}


@pytest.fixture(params=list(WIDTHS))
def screen(request, browser):
    width, height = WIDTHS[request.param]
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh",
                                  viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(10000)
    yield request.param, page
    context.close()


def log_in(page, base, who):
    page.goto(f"{base}/login")
    page.get_by_label("Email").fill(f"{who}@{DOMAIN}")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()


def look(page, base, path, role, tag, name):
    """Open ``path``; it must fit the screen; keep a screenshot."""
    page.goto(f"{base}{path}")
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{path} is wider than {width} px"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"roles-{role}-{tag}-{name}.png"), full_page=True)


def reachable(page, locator):
    """On screen without scrolling sideways: its right edge within the viewport."""
    box = locator.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"] + 1


def test_a_unit_head(screen, live_server, demo):
    tag, page = screen
    log_in(page, live_server, "thutruong.krong-no")
    look(page, live_server, "/", "head", tag, "todo")
    expect(page.locator("ul.cards.todo .card")).not_to_have_count(0)
    # A returned document: the reason at the top of the edit page; totals as one types.
    look(page, live_server, f"/documents/{demo['returned']}/edit", "head", tag, "edit-returned")
    expect(page.locator("#return-reason")).to_be_visible()
    page.locator("#poor_escaped").fill("100")
    expect(page.locator("#poor_end ~ small.computed, #poor_end + small.computed").first).to_contain_text(
        "Theo các số đã nhập")
    expect(page.locator("textarea[data-max] + small.count").first).to_contain_text("/ 20.000")
    # Leaving with unsaved changes asks first.
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Việc cần làm").click()
    page.wait_for_timeout(300)  # the browser's question, answered "stay"
    assert asked == ["beforeunload"]
    expect(page.locator("#doc-form")).to_be_visible()
    look(page, live_server, "/account/", "head", tag, "account")
    look(page, live_server, "/notifications", "head", tag, "bell")


def test_a_reviewer(screen, live_server, demo):
    tag, page = screen
    log_in(page, live_server, "truongphong.giamngheo")
    look(page, live_server, "/review/", "reviewer", tag, "queue")
    expect(page.locator("#queue-filters")).to_be_visible()
    look(page, live_server, f"/documents/{demo['submitted']}", "reviewer", tag, "review")
    expect(page.locator("#review-facts")).to_be_visible()
    for name in ("Phê duyệt", "Trả lại để chỉnh sửa"):
        assert reachable(page, page.get_by_role("button", name=name)), name
    look(page, live_server, f"/plans/{demo['plan']}/consolidation", "reviewer", tag, "consolidation")
    expect(page.locator(".callout.coverage").first).to_contain_text("Số liệu chưa đầy đủ")
    look(page, live_server, f"/plans/{demo['plan']}/dashboard", "reviewer", tag, "dashboard")
    look(page, live_server, f"/plans/{demo['plan']}", "reviewer", tag, "plan")


def test_the_director_of_the_coordinating_unit(screen, live_server, demo):
    tag, page = screen
    log_in(page, live_server, "giamdoc")
    look(page, live_server, f"/plans/{demo['plan']}/consolidation", "director", tag, "consolidation")
    expect(page.get_by_role("link", name="Tải báo cáo (Word)")).to_be_visible()
    look(page, live_server, f"/plans/{demo['plan']}/dashboard", "director", tag, "dashboard")


def test_leadership_and_the_national_view(screen, live_server, demo):
    tag, page = screen
    log_in(page, live_server, "lanhdao")
    look(page, live_server, "/plans/", "observer", tag, "plans")
    look(page, live_server, "/rollup", "observer", tag, "rollup")
    expect(page.locator("#rollup")).to_contain_text(re.compile(r"\d+/\d+"))


def test_an_administrator(screen, live_server, demo):
    tag, page = screen
    log_in(page, live_server, "quantri")
    for path, name in (("/admin/units", "units"), ("/admin/users", "users"), ("/admin/outbox/", "outbox"),
                       ("/plans/new", "new-plan"), (f"/plans/{demo['plan']}/reminders", "reminders"),
                       ("/admin/catalog/", "programmes"), (f"/admin/catalog/programmes/{demo['programme']}", "catalog"),
                       (f"/admin/catalog/programmes/{demo['programme']}/edit", "programme")):
        look(page, live_server, path, "admin", tag, name)


def test_an_administrator_enters_the_plan_budget_and_reads_it_against_the_units(screen, live_server, demo):
    """Section V of the plan, typed the Vietnamese way; a wrong sum is named in its row; the
    consolidation then sets the units' lines against it (partial: not every unit reported)."""
    tag, page = screen
    log_in(page, live_server, "quantri")
    look(page, live_server, f"/plans/{demo['plan']}/budget", "admin", tag, "plan-budget")
    expect(page.locator("#not-copied")).to_contain_text("không sao chép")

    def cell(code, column):
        return page.locator(f'#budget-allocated tr:has(th .code:text-is("{code}")) input[name$="-{column}"]')

    cell("DA1.TDA1", "central_investment").fill("1.234,5")
    cell("DA1.TDA2", "central_investment").fill("765,5")
    cell("DA7", "central_recurrent").fill("300")
    # The computed line shows the grand total as one types.
    expect(page.locator("#budget-allocated tfoot tr.computed td").last).to_have_text("2.300")
    page.locator('input[name="budget-total-allocated-total"]').fill("2.400")
    page.get_by_role("button", name="Lưu kinh phí").click()
    expect(page.locator("tr.row-errors")).to_contain_text("các dòng cộng lại được 2.300")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert reachable(page, page.get_by_role("button", name="Lưu kinh phí"))
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"roles-admin-{tag}-plan-budget-refused.png"), full_page=True)
    page.locator('input[name="budget-total-allocated-total"]').fill("2.300")
    page.get_by_role("button", name="Lưu kinh phí").click()
    expect(page.locator(".flash-success")).to_contain_text("Đã lưu kinh phí của Kế hoạch")
    expect(page.locator("#plan-budget")).to_contain_text("1.234,5")
    look(page, live_server, f"/plans/{demo['plan']}#budget", "admin", tag, "plan-with-budget")
    look(page, live_server, f"/plans/{demo['plan']}/consolidation", "admin", tag, "consolidation-budget")
    expect(page.locator("#plan-budget-table")).to_contain_text("2.300")
    page.locator("#plan-budget-table").screenshot(path=str(ARTIFACTS / f"roles-admin-{tag}-plan-budget-table.png"))
    expect(page.locator("#plan-budget-table thead")).to_contain_text(re.compile(r"Các đơn vị (đã báo cáo \(\d+/\d+\)|\(đã báo cáo đủ\))"))
