"""Issue 4 as a new user meets it: the coordinating reviewer imports the target table, a
district fills in its figures and budget, a wrong sum is caught before submission, and
the consolidated report downloads as a Word file in the official format."""
import io

import docx
import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, World
from tests.province import HEADER, xlsx

APPENDIX = [
    ["Huyện Krông Nô", 19680, 851, 4.32, 180, 1, 3.41, 19690],
    ["Huyện Cư Jút", 22180, 1183, 5.33, 480, 2.2, 3.17, 22200],
    ["Tổng cộng", 41860, 2034, 4.86, 660, 1.6, 3.28, 41890],
]


@pytest.fixture(scope="module")
def people(live_app):
    from app.budget.models import BudgetItem
    from app.extensions import db

    with live_app.app_context():
        world = World(year=2030)
        codes = dict(db.session.execute(db.select(BudgetItem.code, BudgetItem.id)).all())
        return {"reviewer": world.reviewer.email, "head": world.head.email, "plan": world.plan.id,
                "items": codes}


def log_in(page, server, email):
    page.goto(f"{server}/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def log_out(page):
    page.get_by_role("button", name="Đăng xuất").click()


def test_import_fill_catch_the_wrong_sum_and_download_the_report(page, live_server, people, shoot, tmp_path):
    plan = people["plan"]
    # 1. The coordinating reviewer imports the target table.
    log_in(page, live_server, people["reviewer"])
    page.goto(f"{live_server}/plans/{plan}")
    page.get_by_role("link", name="Nhập bảng chỉ tiêu").click()
    page.locator("input[type=file]").set_input_files(str(xlsx(tmp_path / "chi-tieu.xlsx", APPENDIX, HEADER)))
    page.get_by_role("button", name="Kiểm tra và nhập").click()
    expect(page.locator(".flash-success")).to_contain_text("Đã nhập bảng chỉ tiêu")
    expect(page.locator("table.targets")).to_contain_text("2.034")
    shoot("figures-01-targets-imported")
    log_out(page)

    # 2. The district head fills in the sub-plan: the target row comes from the plan.
    log_in(page, live_server, people["head"])
    page.get_by_role("link", name="Kế hoạch của đơn vị").first.click()
    page.get_by_role("link", name="Chỉnh sửa").click()
    expect(page.get_by_label("Số hộ nghèo đầu năm", exact=True)).to_have_value("851")
    page.get_by_label("Nhiệm vụ trong năm").fill("Hỗ trợ sản xuất, dinh dưỡng cho hộ nghèo.")
    items = people["items"]

    def cell(code, column):
        return page.locator(f"input[name='budget-{items[code]}-allocated-{column}']")

    cell("DA3.TDA1", "central_recurrent").fill("1.200")
    cell("DA3.TDA2", "central_recurrent").fill("300,5")
    cell("DA3", "total").fill("1.600")  # the sub-projects make 1.500,5
    # As one types, the page works the lines out and marks the project line that disagrees
    # with its sub-projects (the server stays the truth).
    expect(cell("DA3", "total")).to_have_class("amount mismatch")
    expect(cell("DA3", "total")).to_have_attribute("title", "Các tiểu dự án cộng lại được 1.500,5")
    page.get_by_role("button", name="Lưu và xem lại trước khi nộp").click()

    # 3. The wrong sum is caught before submission, next to the line, and nothing typed is lost.
    expect(page.locator(".flash-danger")).to_contain_text("lỗi số liệu")
    row_error = page.locator("#budget-allocated tr.row-errors")
    expect(row_error).to_contain_text("các tiểu dự án cộng lại được 1.500,5, không phải 1.600")
    expect(cell("DA3.TDA2", "central_recurrent")).to_have_value("300,5")
    expect(page.locator("#checks li.finding.error")).to_have_count(1)
    shoot("figures-02-wrong-sum-caught")
    cell("DA3", "total").fill("")
    expect(page.locator("#budget-allocated tfoot tr.computed")).to_contain_text("1.500,5")
    page.get_by_role("button", name="Lưu và xem lại trước khi nộp").click()
    page.get_by_role("button", name="Nộp", exact=True).click()
    expect(page.locator(".flash-success")).to_contain_text("Đã nộp")
    expect(page.locator("#budget")).to_contain_text("1.500,5")
    shoot("figures-03-submitted")
    log_out(page)

    # 4. The reviewer approves it, reads the consolidation and downloads the Word report.
    log_in(page, live_server, people["reviewer"])
    page.goto(f"{live_server}/review/")
    page.locator(".queue-item", has_text="Huyện Krông Nô").get_by_role("link").first.click()
    expect(page.locator("#checks")).to_contain_text("Mọi phép kiểm tra đều đạt")
    page.locator("#decide button.primary").click()
    page.goto(f"{live_server}/plans/{plan}")
    page.get_by_role("link", name="Tổng hợp số liệu").click()
    expect(page.locator("table#units")).to_contain_text("2.034")
    expect(page.locator("table#budget-table")).to_contain_text("1.500,5")
    shoot("figures-04-consolidation")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải báo cáo (Word)").click()
    assert download.value.suggested_filename == "tong-hop-98-kh-ubnd-2030.docx"
    report = docx.Document(io.BytesIO(open(download.value.path(), "rb").read()))
    cells = " ".join(c.text for t in report.tables for r in t.rows for c in r.cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells
    assert "2.034" in cells and "4,86" in cells and "1.500,5" in cells
