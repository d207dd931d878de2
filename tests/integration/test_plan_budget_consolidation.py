"""The consolidation sets the units' budget lines against the plan's own budget (issue 16,
point 5): per project and source, the plan's amount, the units' total, the difference and the
share disbursed — on the page, in Excel, Word, CSV and the API. While one of the two districts
has not reported, the units' amounts are those of the one that did, said so, and the
difference is never computed."""
import csv
import io
from decimal import Decimal

import docx
import openpyxl
import pytest

from app.api.operations import create_token
from app.budget.models import BudgetItem
from app.documents import operations as doc_ops
from app.extensions import db
from app.plans import budget as plan_budget
from tests.factories import login, ready
from tests.htmlforms import _Table
from workflows.enums import DeliverableKind, Trigger

D = Decimal
FIRST_DATA_ROW = 5  # title, subtitle, two header rows


def key(plan, code):
    return str(db.session.scalar(db.select(BudgetItem.id).where(BudgetItem.programme_id == plan.programme_id,
                                                                BudgetItem.code == code)))


def approve_report(world, assignment, head, lines):
    """The unit's six-month report with ``lines`` ({code: {measure: {column: amount}}}), approved."""
    plan = world.plan
    doc = next(d for d in assignment.deliverables if d.kind is DeliverableKind.SIX_MONTH).document
    budget = {key(plan, code): measures for code, measures in lines.items()}
    doc_ops.save_content(doc, head, ready(doc, budget=budget), None)
    doc_ops.transition(doc, head, Trigger.SUBMIT)
    doc_ops.transition(doc, world.reviewer, Trigger.APPROVE)
    db.session.commit()


@pytest.fixture
def half_reported(world):
    """The plan allocates DA1.TDA1 1.000 (central investment) and DA7 200 + 20 (central and
    local recurrent); Krông Nô's approved report has DA1.TDA1 500 (100 disbursed) and DA7
    120 (60 disbursed); Cư Jút has not reported."""
    plan = world.plan
    plan_budget.set_budget(world.admin, plan, {
        key(plan, "DA1.TDA1"): {"central_investment": D(1000)},
        key(plan, "DA7"): {"central_recurrent": D(200), "local_recurrent": D(20)}})
    db.session.commit()
    approve_report(world, world.assignment, world.head, {
        "DA1.TDA1": {"allocated": {"central_investment": "500"}, "disbursed": {"central_investment": "100"}},
        "DA7": {"allocated": {"central_recurrent": "120"}, "disbursed": {"central_recurrent": "60"}}})
    return world


@pytest.fixture
def all_reported(half_reported):
    """Cư Jút's report too: DA7 100 central recurrent, 50 disbursed."""
    world = half_reported
    other = next(a for a in world.plan.assignments if a.unit_id == world.other_district.id)
    approve_report(world, other, world.other_head, {
        "DA7": {"allocated": {"central_recurrent": "100"}, "disbursed": {"central_recurrent": "50"}}})
    return world


def page_table(client, plan):
    """{(item cell, source): [plan, allocated, disbursed, difference, share]} of the page's table."""
    page = client.get(f"/plans/{plan.id}/consolidation")
    assert page.status_code == 200
    parser = _Table("plan-budget-table")
    parser.feed(page.get_data(as_text=True))
    out, item = {}, None
    for _css, cells in parser.rows[2:]:  # after the two header rows
        texts = [text for text, _span in cells]
        if sum(span for _text, span in cells) == 7:  # a line's first row: the item's cell spans its rows
            item, texts = texts[0].split(" ")[0], texts[1:]
        out[(item, texts[0])] = texts[1:]
    return page.get_data(as_text=True), out


def test_while_a_unit_has_not_reported_the_difference_is_not_known(client, half_reported):
    world = half_reported
    login(client, world.reviewer)
    text, rows = page_table(client, world.plan)
    assert "1/2 đơn vị đã có báo cáo" in text and "Các đơn vị đã báo cáo (1/2)" in text
    # Krông Nô's amounts as they are, never set against the plan.
    assert rows[("DA7", "NSTW: vốn sự nghiệp")][:3] == ["200", "120", "60"]
    assert rows[("DA7", "NSTW: vốn sự nghiệp")][3] == "chưa đủ số liệu"
    assert rows[("Tổng", "Tổng cộng")][:3] == ["1.220", "620", "160"]
    assert "chưa đủ số liệu 1/2 đơn vị đã có báo cáo" in rows[("Tổng", "Tổng cộng")][3]
    assert "-100" not in text and "-600" not in text and "-80" not in text


def test_with_every_unit_reported_the_plan_and_the_units_are_compared(client, all_reported):
    world = all_reported
    login(client, world.reviewer)
    text, rows = page_table(client, world.plan)
    assert "Các đơn vị (đã báo cáo đủ)" in text and "Số liệu chưa đầy đủ" not in text.split('id="plan-budget"')[1]
    assert rows[("DA7", "NSTW: vốn sự nghiệp")] == ["200", "220", "110", "20", "55,00%"]
    assert rows[("DA7", "NSĐP: vốn sự nghiệp")] == ["20", "–", "–", "-20", "–"]
    assert rows[("DA7", "Tổng cộng")] == ["220", "220", "110", "0", "50,00%"]
    assert rows[("DA1", "NSTW: vốn đầu tư phát triển")] == ["1.000", "500", "100", "-500", "10,00%"]
    assert rows[("DA1.TDA1", "Tổng cộng")] == ["1.000", "500", "100", "-500", "10,00%"]
    assert rows[("Tổng", "Tổng cộng")] == ["1.220", "720", "210", "-500", "17,21%"]


def excel_rows(client, plan):
    response = client.get(f"/plans/{plan.id}/consolidation.xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    sheet = book["Kinh phí so với KH"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=FIRST_DATA_ROW)]
    return sheet, {(r[0] or "Tổng", r[2]): r[3:] for r in rows}


def test_the_excel_sheet_reads_back_as_the_page(client, half_reported):
    world = half_reported
    login(client, world.reviewer)
    sheet, rows = excel_rows(client, world.plan)
    assert "1/2 đơn vị đã có báo cáo" in sheet.cell(2, 1).value
    assert [sheet.cell(4, c).value for c in range(3, 10)] == [
        None, None, "Kế hoạch vốn", "Đã giải ngân", None, None, None]  # the group's columns, under "Các đơn vị"
    assert sheet.cell(3, 5).value == "Các đơn vị" and sheet.cell(3, 7).value == "Chênh lệch (đơn vị − Kế hoạch)"
    assert rows[("DA7", "NSTW: vốn sự nghiệp")] == [200, 120, 60, None, None, None]
    total = rows[("Tổng", "Tổng cộng")]
    assert total[:5] == [1220, 620, 160, None, None] and total[5] == "chưa đủ số liệu: 1/2 đơn vị đã có báo cáo"

    other = next(a for a in world.plan.assignments if a.unit_id == world.other_district.id)
    approve_report(world, other, world.other_head, {
        "DA7": {"allocated": {"central_recurrent": "100"}, "disbursed": {"central_recurrent": "50"}}})
    sheet, rows = excel_rows(client, world.plan)
    assert "1/2" not in sheet.cell(2, 1).value
    assert rows[("DA7", "NSTW: vốn sự nghiệp")] == [200, 220, 110, 20, 55, None]
    assert rows[("DA7", "NSĐP: vốn sự nghiệp")] == [20, None, None, -20, None, None]
    assert rows[("Tổng", "Tổng cộng")] == [1220, 720, 210, -500, 17.21, None]
    assert sheet.cell(FIRST_DATA_ROW, 4).number_format == "#,##0"


def word_table(client, plan):
    response = client.get(f"/plans/{plan.id}/consolidation.docx")
    assert response.status_code == 200
    report = docx.Document(io.BytesIO(response.data))
    table = next(t for t in report.tables if t.rows[0].cells[0].text == "Mã" and
                 any(c.text == "Nguồn vốn" for c in t.rows[0].cells))
    paragraphs = [p.text for p in report.paragraphs]
    return [[c.text for c in row.cells] for row in table.rows[2:]], paragraphs


def test_the_word_report_carries_the_comparison(client, half_reported):
    world = half_reported
    login(client, world.reviewer)
    rows, paragraphs = word_table(client, world.plan)
    assert any("Mới có 1/2 đơn vị" in p and "chưa đủ để so sánh" in p for p in paragraphs)
    assert rows[-1][2:] == ["Tổng cộng", "1.220", "620", "160", "", "chưa đủ số liệu: 1/2 đơn vị đã có báo cáo"]

    other = next(a for a in world.plan.assignments if a.unit_id == world.other_district.id)
    approve_report(world, other, world.other_head, {
        "DA7": {"allocated": {"central_recurrent": "100"}, "disbursed": {"central_recurrent": "50"}}})
    rows, paragraphs = word_table(client, world.plan)
    da7 = next(i for i, r in enumerate(rows) if r[0] == "DA7")
    assert rows[da7][2:] == ["NSTW: vốn sự nghiệp", "200", "220", "110", "20", "55,00"]
    assert rows[da7 + 1][:3] == ["", "", "NSĐP: vốn sự nghiệp"]  # the project named once
    # The total's sources, bold at the end, the total named on the first of them.
    first_total = next(i for i, r in enumerate(rows) if r[:2] == ["", "Tổng cộng"])
    assert [r[2] for r in rows[first_total:]] == [
        "NSTW: vốn đầu tư phát triển", "NSTW: vốn sự nghiệp", "NSĐP: vốn sự nghiệp", "Tổng cộng"]
    assert rows[-1] == ["", "", "Tổng cộng", "1.220", "720", "210", "-500", "17,21"]
    assert any("Kinh phí của Kế hoạch 1.220 triệu đồng; các đơn vị đã phân bổ 720 triệu đồng" in p
               for p in paragraphs)


def test_the_csv_and_the_api_say_the_same(client, all_reported):
    world = all_reported
    login(client, world.reviewer)
    response = client.get(f"/plans/{world.plan.id}/consolidation/budget.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    lines = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert lines[0][:4] == ["Mã", "Dự án / tiểu dự án", "Nguồn vốn", "Kế hoạch"]
    assert lines[-1] == ["", "Tổng cộng", "Tổng cộng", "1220", "720", "210", "-500", "17.21", ""]

    secret = create_token(None, world.reviewer, "kịch bản")[1]
    read = client.get(f"/api/v1/plans/{world.plan.id}/consolidation",
                      headers={"Authorization": f"Bearer {secret}"}).get_json()["plan_budget"]
    assert read["entered"] is True and read["coverage"]["units_reported"] == read["coverage"]["units_expected"] == 2
    total = read["lines"][-1]
    assert total["item"] is None and total["sources"][-1] == {
        "column": "total", "planned": 1220, "allocated": 720, "disbursed": 210, "difference": -500,
        "disbursed_share": 17.21}


def test_the_api_leaves_the_difference_out_while_partial(client, half_reported):
    world = half_reported
    secret = create_token(None, world.reviewer, "kịch bản")[1]
    read = client.get(f"/api/v1/plans/{world.plan.id}/consolidation",
                      headers={"Authorization": f"Bearer {secret}"}).get_json()["plan_budget"]
    assert read["coverage"]["is_partial"] is True and read["coverage"]["units_reported"] == 1
    total = read["lines"][-1]["sources"][-1]
    assert (total["allocated"], total["difference"], total["disbursed_share"]) == (620, None, None)


def test_without_the_plan_budget_the_page_says_so(client, world):
    login(client, world.admin)
    text = client.get(f"/plans/{world.plan.id}/consolidation").get_data(as_text=True)
    assert "Kinh phí của Kế hoạch chưa được nhập" in text and f'href="/plans/{world.plan.id}#budget"' in text
    response = client.get(f"/plans/{world.plan.id}/consolidation.xlsx")
    assert "Kinh phí so với KH" not in openpyxl.load_workbook(io.BytesIO(response.data)).sheetnames


def test_the_comparison_costs_the_consolidation_no_query(client, world, count_queries):
    """The plan's lines come with the plan, the catalog is the one the consolidation reads."""
    plan = world.plan
    login(client, world.reviewer)

    def counted():
        client.get(f"/plans/{plan.id}/consolidation")  # caches warm, as for a second look
        db.session.expire_all()
        with count_queries() as queries:
            assert client.get(f"/plans/{plan.id}/consolidation").status_code == 200
        return queries.n

    without = counted()
    plan_budget.set_budget(world.admin, plan, {key(plan, "DA1.TDA1"): {"central_investment": D(1000)},
                                               key(plan, "DA7"): {"other": D(5)}, "total": {"total": D(1005)}})
    db.session.commit()
    assert "1.005" in client.get(f"/plans/{plan.id}/consolidation").get_data(as_text=True)
    assert counted() == without


# --- the budget by project: a partial sum says so (the partial-totals rule, as the results) ---

def budget_table(client, plan):
    page = client.get(f"/plans/{plan.id}/consolidation")
    parser = _Table("budget-table")
    parser.feed(page.get_data(as_text=True))
    return page.get_data(as_text=True), [[text for text, _span in cells] for _css, cells in parser.rows[1:]]


def test_the_budget_by_project_of_some_units_says_how_many_everywhere(client, half_reported):
    world = half_reported
    login(client, world.reviewer)
    text, rows = budget_table(client, world.plan)
    assert 'id="budget-partial"' in text and "1/2 đơn vị đã có báo cáo" in text
    assert rows[-1][0].startswith("Các đơn vị đã báo cáo (1/2)") and rows[-1][6] == "620"
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(f"/plans/{world.plan.id}/consolidation.xlsx").data))
    sheet = workbook["Nguồn vốn"]
    assert "1/2 đơn vị đã có báo cáo" in sheet.cell(2, 1).value
    assert [r[1] for r in sheet.iter_rows(values_only=True) if r[1] and "đơn vị đã báo cáo" in str(r[1])] == [
        "Các đơn vị đã báo cáo (1/2)"]
    report = docx.Document(io.BytesIO(client.get(f"/plans/{world.plan.id}/consolidation.docx").data))
    paragraphs = [p.text for p in report.paragraphs]
    assert any(p.startswith("Mới có 1/2 đơn vị báo cáo đủ; các đơn vị này có kế hoạch vốn 620 triệu đồng")
               for p in paragraphs)
    assert not any(p.startswith("Tổng kế hoạch vốn") for p in paragraphs)
    table = next(t for t in report.tables if t.rows[0].cells[0].text == "Mã" and
                 not any(c.text == "Nguồn vốn" for c in t.rows[0].cells))
    assert table.rows[-1].cells[1].text == "Cộng 1/2 đơn vị đã báo cáo"
    secret = create_token(None, world.reviewer, "kịch bản")[1]
    read = client.get(f"/api/v1/plans/{world.plan.id}/consolidation",
                      headers={"Authorization": f"Bearer {secret}"}).get_json()
    assert read["budget_coverage"] == {"units_expected": 2, "units_reported": 1, "households_expected": None,
                                       "households_covered": None, "is_partial": True}


def test_the_budget_by_project_of_every_unit_is_the_total(client, all_reported):
    world = all_reported
    login(client, world.reviewer)
    text, rows = budget_table(client, world.plan)
    assert 'id="budget-partial"' not in text
    assert rows[-1][0] == "Tổng cộng" and rows[-1][6] == "720"


def test_a_unit_inside_a_district_not_yet_complete_is_not_summed(client, half_reported):
    """Cư Jút owes its report and has two communes of the plan; one of them reported: Cư Jút
    is not known yet, so the commune's lines wait with it (never part of a unit in a sum)."""
    from app.plans import operations as plan_ops
    from tests.factories import unit, user
    from workflows.enums import Role, UnitKind

    world = half_reported
    communes = [unit(name, UnitKind.COMMUNE, parent=world.other_district) for name in ("Xã Tâm Thắng", "Xã Nam Dong")]
    plan_ops.assign_units(world.admin, world.plan, communes)
    db.session.commit()
    commune_head = user((Role.HEAD, communes[0]), name="Trưởng xã")
    db.session.commit()
    assignment = next(a for a in world.plan.assignments if a.unit_id == communes[0].id)
    approve_report(world, assignment, commune_head, {
        "DA7": {"allocated": {"central_recurrent": "999"}, "disbursed": {"central_recurrent": "9"}}})
    login(client, world.reviewer)
    text, rows = budget_table(client, world.plan)
    assert rows[-1][0].startswith("Các đơn vị đã báo cáo (1/2)") and rows[-1][6] == "620"
    assert "999" not in " ".join(" ".join(r) for r in rows) and "Xã Tâm Thắng" not in " ".join(rows[-2])
