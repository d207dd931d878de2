"""The consolidation's Excel, CSV and Word files against the page they come from.

Every figure of the unit table, totals included, is the one the consolidation page shows
(blank where the page says the total is not yet known) — near-poor households beside the
poor ones, their rates and falls in percentage points; the workbook has the two header
rows of a plan's appendix and shows whole numbers without decimals; the Word report
carries the coordinating unit's own abbreviation and its head's name under the signature.

Gia Nghĩa gives no near-poor households, neither in the plan nor in its report: the
near-poor totals are those of the seven other districts, and say so.
"""
import csv
import datetime as dt
import io

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn

from app.auth.models import Membership
from app.budget.models import BudgetItem
from app.documents import operations as doc_ops
from app.extensions import db
from app.plans import operations as plan_ops
from tests.factories import login, submit_through_pages, unit, user
from tests.htmlforms import table_rows
from tests.province import APPENDIX, DAK_NONG_DISTRICTS, NEAR_POOR
from workflows.deadlines import default_due_on
from workflows.enums import DeliverableKind, DocState, Role, Trigger, UnitKind

YEAR = 2027
ROWS = {row[0]: row for row in APPENDIX}
WITHOUT_NEAR_POOR = "Thành phố Gia Nghĩa"
FIRST_DATA_ROW = 5  # title, subtitle, two header rows


@pytest.fixture
def province(db):
    top = unit("Ủy ban nhân dân tỉnh Đắk Nông", UnitKind.PROVINCE)
    labour = unit("Sở Lao động - Thương binh và Xã hội", parent=top)
    districts = {name: unit(name, UnitKind.DISTRICT, parent=top) for _code, name in DAK_NONG_DISTRICTS}
    admin = user((Role.ADMIN, top))
    reviewer = user((Role.REVIEWER, labour), name="Nguyễn Văn Bình")
    director = user((Role.HEAD, labour), name="Lê Văn Cường")
    heads = {name: user((Role.HEAD, d)) for name, d in districts.items()}
    plan = plan_ops.create_plan(
        admin, top, labour, year=YEAR, number="98", symbol="KH-UBND",
        title=f"Thực hiện chỉ tiêu giảm nghèo bền vững năm {YEAR} trên địa bàn tỉnh Đắk Nông", place="Đắk Nông",
        issued_on=dt.date(YEAR, 2, 15), legal_bases="", goals="",
        **{f"{k.value}_due_on": default_due_on(k, YEAR)
           for k in (DeliverableKind.SUBPLAN, DeliverableKind.SIX_MONTH, DeliverableKind.ANNUAL)})
    plan_ops.assign_units(admin, plan, list(districts.values()))
    plan_ops.publish_plan(admin, plan)
    for name, district in districts.items():
        row = ROWS[name]
        near = {} if name == WITHOUT_NEAR_POOR else {
            "near_poor_start": NEAR_POOR[name][0], "near_poor_end": NEAR_POOR[name][2],
            "near_poor_reduction": NEAR_POOR[name][0] - NEAR_POOR[name][2]}
        plan_ops.set_target(admin, plan, district, households_start=row[1], poor_start=row[2],
                            poor_reduction=row[4], households_end=row[7], poor_end=row[2] - row[4], **near)
    return {"plan": plan, "admin": admin, "reviewer": reviewer, "director": director, "heads": heads,
            "labour": labour, "districts": districts}


def budget_field(code, measure, column):
    item_id = db.session.scalar(db.select(BudgetItem.id).where(BudgetItem.code == code))
    return f"budget-{item_id}-{measure}-{column}"


def approve_annual_report(client, province, name, escaped, money=None):
    """The district's annual report, submitted by its head through the pages and approved."""
    assignment = next(a for a in province["plan"].assignments if a.unit.name == name)
    doc = next(d for d in assignment.deliverables if d.kind is DeliverableKind.ANNUAL).document
    row = ROWS[name]
    data = {"results": "Hoàn thành các nhiệm vụ.", "households_end": str(row[7]), "poor_start": str(row[2]),
            "poor_escaped": str(escaped), "poor_new": "8", "poor_fell_back": "2",
            "poor_end": str(row[2] - escaped + 10), **(money or {})}
    if row[2] - escaped + 10 > row[2] - row[4]:  # short of the plan's target: explained before submitting
        data["ack-poor_end_target:poor_end"] = "Nguồn vốn hỗ trợ sinh kế phân bổ chậm."
    if name != WITHOUT_NEAR_POOR:  # its near-poor target met: 100 escaped, the rest new
        start, end = NEAR_POOR[name][0], NEAR_POOR[name][2]
        data.update(near_poor_start=str(start), near_poor_escaped="100", near_poor_new=str(end - start + 100),
                    near_poor_end=str(end))
    login(client, province["heads"][name])
    response = submit_through_pages(client, doc, data)
    assert response.status_code == 302 and doc.state is DocState.SUBMITTED, response.get_data(as_text=True)[:3000]
    client.post("/logout")
    doc_ops.transition(doc, province["reviewer"], Trigger.APPROVE)


@pytest.fixture
def partly_reported(province, client):
    """Two of the eight districts have an approved annual report, one with budget lines."""
    approve_annual_report(client, province, "Huyện Đắk Song", 150, {
        budget_field("DA3.TDA1", "allocated", "central_recurrent"): "11.097,6",
        budget_field("DA3.TDA1", "allocated", "local_recurrent"): "1.387,2",
        budget_field("DA3.TDA1", "disbursed", "central_recurrent"): "9.000",
        budget_field("DA1.TDA1", "allocated", "central_investment"): "40.905",
        budget_field("DA1.TDA1", "disbursed", "central_investment"): "36.000,5"})
    approve_annual_report(client, province, "Thành phố Gia Nghĩa", 34)
    return province


@pytest.fixture
def fully_reported(partly_reported, client):
    for name in ROWS:
        if name not in ("Tổng cộng", "Huyện Đắk Song", "Thành phố Gia Nghĩa"):
            approve_annual_report(client, partly_reported, name, ROWS[name][4] + 10)
    return partly_reported


# --- the page, as a reader sees it ------------------------------------------------------------

def page_rows(client, plan, table_id):
    page = client.get(f"/plans/{plan.id}/consolidation")
    assert page.status_code == 200
    rows = table_rows(page.get_data(as_text=True), table_id)
    return [(css, cells) for css, cells in rows if cells and not cells[0][0].startswith(("Đơn vị", "Dự án"))]


#: The figure columns of the unit table (page, Excel and CSV alike), in order.
FIGURES = ["households_start", "poor_start", "rate_start", "near_poor_start", "near_rate_start", "poor_reduction",
           "poor_end", "rate_target", "points_target", "near_poor_end", "near_rate_target", "near_points_target",
           "poor_now", "households_now", "rate_now", "reduced", "near_poor_now", "near_rate_now"]
COLUMN = {name: i for i, name in enumerate(FIGURES)}
RATE_COLUMNS = {i for name, i in COLUMN.items() if "rate" in name}  # 7,97%
POINT_COLUMNS = {i for name, i in COLUMN.items() if "points" in name}  # 3,00 (percentage points)


def page_figures(cells):
    """The figure cells of a page row of #units, a cell spanning several ("partial") as Nones."""
    out = []
    for text, span in cells[1:]:
        out.extend([None] * span if span > 1 else [text])
    return out[:len(FIGURES)]


def shown(value, column=None, rate=False):
    """How the page writes the number of figure ``column`` (13.342 · 7,97% · -0,71), or a
    ``rate``; "–" for nothing."""
    if value is None:
        return "–"
    rate = rate or column in RATE_COLUMNS
    if rate or column in POINT_COLUMNS:
        text = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
        return text + "%" if rate else text
    return f"{value:,}".replace(",", ".")


def workbook(client, plan):
    response = client.get(f"/plans/{plan.id}/consolidation.xlsx")
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.data))


def excel_lines(sheet):
    return [[c.value for c in row] for row in sheet.iter_rows(min_row=FIRST_DATA_ROW)]


# --- every figure is the page's -----------------------------------------------------------------

@pytest.mark.parametrize("reported", ["partly_reported", "fully_reported"])
def test_every_line_of_the_excel_unit_table_is_the_pages(reported, request, client):
    province = request.getfixturevalue(reported)
    plan = province["plan"]
    login(client, province["reviewer"])
    page = page_rows(client, plan, "units")
    lines = excel_lines(workbook(client, plan).worksheets[0])
    assert [line[1].strip() for line in lines] == [cells[0][0] for _css, cells in page]
    for (css, cells), line in zip(page, lines, strict=True):
        expected = page_figures(cells)
        for i, (on_page, in_excel) in enumerate(zip(expected, line[2:2 + len(FIGURES)], strict=True)):
            if on_page is None:  # "partial" / "not yet known" on the page: nothing in Excel
                assert in_excel is None, (cells[0][0], FIGURES[i], in_excel)
            else:
                assert shown(in_excel, i) == on_page, (cells[0][0], FIGURES[i])
    figures = {line[1].strip(): dict(zip(FIGURES, line[2:], strict=False)) for line in lines}
    total = figures["Tổng cộng"]
    assert [total[k] for k in ("households_start", "poor_start", "rate_start")] == [167383, 13342, 7.97]
    # Near-poor: the seven districts that give them (Gia Nghĩa does not), their rate over
    # their own households — 9.825 of 147.083, not of the province's 167.383 — and said so.
    assert (total["near_poor_start"], total["near_rate_start"]) == (10135 - 310, 6.68)
    assert (total["near_poor_end"], total["near_rate_target"]) == (10110 - 290, 6.65)
    assert total["near_points_target"] == 0.03 and "chỉ tiêu hộ cận nghèo: 7/8 đơn vị" in lines[-1][-1]
    glong = figures["Huyện Đắk Glong"]
    assert (glong["near_rate_start"], glong["near_rate_target"], glong["near_points_target"]) == (
        14.01, 14.72, -0.71)  # near-poor households grow there: the fall is negative
    assert (glong["rate_start"], glong["rate_target"], glong["points_target"]) == (25.68, 13.68, 12)
    results = [k for k in FIGURES if k.endswith("_now") or k == "reduced"]
    if reported == "partly_reported":
        # The page does not know the province's result yet: neither does Excel.
        assert [total[k] for k in results] == [None] * 6 and "2/8" in lines[-1][-1]
        covered = lines[-2]
        assert covered[1].startswith("Các đơn vị đã báo cáo") and figures[covered[1]]["reduced"] == 150 - 10 + 34 - 10
        # Of Đắk Song and Gia Nghĩa, only Đắk Song gives near-poor results: its own rate.
        assert (figures[covered[1]]["near_poor_now"], figures[covered[1]]["near_rate_now"]) == (1040, 5.08)
        assert "kết quả hộ cận nghèo: 1/2 đơn vị" in covered[-1]
    else:
        # Đắk Song and Gia Nghĩa fell short of their targets by 60 and 6 households.
        assert (total["poor_now"], total["households_now"], total["reduced"]) == (8352 + 60 + 6, 168160, 13342 - 8418)
        assert page_figures(page[-1][1])[COLUMN["reduced"]] == "4.924"  # on the page too
        assert (total["near_poor_now"], total["near_rate_now"]) == (10110 - 290, 6.65)
        assert "kết quả hộ cận nghèo: 7/8 đơn vị" in lines[-1][-1]


def test_the_csv_and_the_word_totals_are_the_pages_too(partly_reported, client):
    plan = partly_reported["plan"]
    login(client, partly_reported["reviewer"])
    page = {cells[0][0]: page_figures(cells) for css, cells in page_rows(client, plan, "units") if "total" in css}
    assert len(page) == 2  # the units reported, and the total

    text = client.get(f"/plans/{plan.id}/consolidation.csv").data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][5:7] == ["Số hộ cận nghèo đầu năm", "Tỷ lệ hộ cận nghèo đầu năm (%)"]
    for line in rows[-2:]:
        expected = page[line[1]]
        for i, (on_page, value) in enumerate(zip(expected, line[2:2 + len(FIGURES)], strict=True)):
            if on_page is None:
                assert value == ""
            else:
                number = float(value) if i in RATE_COLUMNS | POINT_COLUMNS else int(value)
                assert shown(number, i) == on_page
    assert "chỉ tiêu hộ cận nghèo: 7/8 đơn vị" in rows[-1][-1]

    report = docx.Document(io.BytesIO(client.get(f"/plans/{plan.id}/consolidation.docx").data))

    def printed(line, columns):
        return [None if line[COLUMN[k]] in (None, "–") else line[COLUMN[k]].rstrip("%") for k in columns]

    # Biểu 1, the targets: households; poor at the start, rate, reduction, at the end, rate,
    # fall in points; near-poor at the start, rate, at the end, rate, fall in points.
    targets = report.tables[1]
    cells = [c.text for c in targets.rows[-1].cells]
    assert cells[1] == "Tổng cộng"
    assert [c or None for c in cells[2:]] == printed(page["Tổng cộng"], [
        "households_start", "poor_start", "rate_start", "poor_reduction", "poor_end", "rate_target", "points_target",
        "near_poor_start", "near_rate_start", "near_poor_end", "near_rate_target", "near_points_target"])
    assert cells[2:] == ["167.383", "13.342", "7,97", "4.990", "8.352", "4,97", "3,00",
                         "9.825", "6,68", "9.820", "6,65", "0,03"]
    # Biểu 2, the results: households now; poor now, rate, reduced; near-poor now, rate; a note.
    results = report.tables[2]
    for row in results.rows[-2:]:
        cells = [c.text for c in row.cells]
        assert [c or None for c in cells[2:8]] == printed(page[cells[1]], [
            "households_now", "poor_now", "rate_now", "reduced", "near_poor_now", "near_rate_now"])
    assert [c.text for c in results.rows[-2].cells][6:8] == ["1.040", "5,08"]
    assert "kết quả hộ cận nghèo: 1/2 đơn vị" in results.rows[-2].cells[8].text
    assert "chỉ tiêu" not in results.rows[-1].cells[8].text  # what the targets cover is said under Biểu 1
    text = "\n".join(p.text for p in report.paragraphs)
    assert "tỷ lệ 4,97% (giảm 3,00 điểm %)" in text
    assert ("Hộ cận nghèo (số liệu của 7/8 đơn vị có chỉ tiêu): đầu năm 9.825 hộ, tỷ lệ 6,68%; chỉ tiêu cuối năm "
            "9.820 hộ, tỷ lệ 6,65% (giảm 0,03 điểm %).") in text
    assert "Số hộ cận nghèo ở dòng Tổng cộng là của 7/8 đơn vị có chỉ tiêu hộ cận nghèo" in text


def test_the_budget_totals_are_the_pages(partly_reported, client):
    plan = partly_reported["plan"]
    login(client, partly_reported["reviewer"])
    page_total = page_rows(client, plan, "budget-table")[-1][1]
    central, local, other, investment, recurrent, allocated, disbursed, rate = [t for t, _span in page_total[1:9]]
    budget = workbook(client, plan)["Nguồn vốn"]
    total = excel_lines(budget)[-1]
    # Two of the eight units reported: their sum says so, on the page and in the workbook.
    assert total[1] == "Các đơn vị đã báo cáo (2/8)"
    assert page_total[0][0].startswith("Các đơn vị đã báo cáo (2/8)")
    a = dict(zip(("ci", "cr", "li", "lr", "other", "total"), total[2:8], strict=True))
    d = total[8:14]
    assert allocated == "53.389,8" and shown_amount(a["total"]) == allocated
    assert shown_amount(d[-1]) == disbursed
    assert shown(total[14], rate=True) == rate
    assert shown_amount((a["ci"] or 0) + (a["cr"] or 0)) == central
    assert shown_amount((a["li"] or 0) + (a["lr"] or 0)) == local
    assert other == "–" and a["other"] is None
    assert shown_amount((a["ci"] or 0) + (a["li"] or 0)) == investment
    assert shown_amount((a["cr"] or 0) + (a["lr"] or 0)) == recurrent


def shown_amount(value):
    """1.234,5 the Vietnamese way, up to three decimals, none for a whole amount."""
    if value is None:
        return "–"
    whole, _dot, fraction = f"{value:,.3f}".rstrip("0").rstrip(".").partition(".")
    return whole.replace(",", ".") + ("," + fraction if fraction else "")


# --- how the workbook looks -------------------------------------------------------------------

def test_the_workbook_has_the_two_header_rows_of_an_appendix(partly_reported, client):
    login(client, partly_reported["reviewer"])
    book = workbook(client, partly_reported["plan"])
    units, budget = book["Chỉ tiêu và kết quả"], book["Nguồn vốn"]
    assert sorted(str(r) for r in units.merged_cells.ranges) == sorted(
        ["A3:A4", "B3:B4", "C3:G3", "H3:N3", "O3:T3", "U3:U4"])
    heads = [[units.cell(r, c).value for c in range(1, 22)] for r in (3, 4)]
    assert [h for h in heads[0] if h] == ["STT", "Đơn vị", "Đầu năm", "Chỉ tiêu",
                                          "Kết quả (theo báo cáo đã duyệt mới nhất)", "Báo cáo đã duyệt"]
    assert heads[1][2:20] == ["Số hộ", "Hộ nghèo", "Tỷ lệ (%)", "Hộ cận nghèo", "Tỷ lệ (%)",
                              "Số hộ giảm", "Hộ nghèo cuối năm", "Tỷ lệ (%)", "Giảm (điểm %)",
                              "Số hộ cận nghèo cuối năm", "Tỷ lệ (%)", "Giảm (điểm %)",
                              "Hộ nghèo", "Số hộ", "Tỷ lệ (%)", "Đã giảm (hộ)", "Hộ cận nghèo", "Tỷ lệ (%)"]
    assert not units.cell(3, 1).alignment.wrap_text and units.cell(4, 3).alignment.wrap_text  # "STT": one line
    assert units.freeze_panes == "C5" and units.print_title_rows == "$3:$4"
    assert units.page_setup.orientation == "landscape"
    assert sorted(str(r) for r in budget.merged_cells.ranges) == sorted(["A3:A4", "B3:B4", "C3:H3", "I3:N3",
                                                                         "O3:O4"])
    assert [budget.cell(3, c).value for c in (3, 9)] == ["Kế hoạch vốn", "Đã giải ngân"]
    fonts = {c.font.name for row in units.iter_rows() for c in row if c.value is not None}
    assert fonts == {"Times New Roman"}


def test_whole_numbers_are_shown_without_decimals(partly_reported, client):
    login(client, partly_reported["reviewer"])
    book = workbook(client, partly_reported["plan"])
    units, budget = book["Chỉ tiêu và kết quả"], book["Nguồn vốn"]
    for sheet in (units, budget):
        for row in sheet.iter_rows(min_row=FIRST_DATA_ROW, min_col=3):  # the figures
            for cell in row:
                if isinstance(cell.value, bool) or not isinstance(cell.value, (int, float)):
                    continue
                fmt = cell.number_format
                assert not fmt.endswith(".") and "#" not in fmt.partition(".")[2], (cell.coordinate, fmt)
                if fmt != "0.00":  # rates and their falls in points: two decimals, as printed
                    decimals = len(fmt.partition(".")[2])
                    assert round(cell.value, decimals) == cell.value, (cell.coordinate, cell.value, fmt)
                    if float(cell.value).is_integer():
                        assert fmt == "#,##0", (cell.coordinate, fmt)
    by_value = {c.value: c.number_format for row in budget.iter_rows(min_row=FIRST_DATA_ROW) for c in row}
    assert by_value[40905] == "#,##0" and by_value[36000.5] == "#,##0.0"


# --- the Word report --------------------------------------------------------------------------

def word(client, plan):
    response = client.get(f"/plans/{plan.id}/consolidation.docx")
    assert response.status_code == 200
    return docx.Document(io.BytesIO(response.data))


def test_the_number_symbol_keeps_the_vietnamese_letters(partly_reported, client):
    login(client, partly_reported["reviewer"])
    header = word(client, partly_reported["plan"]).tables[0]
    assert header.rows[1].cells[0].text.split() == ["Số:", "/BC-SLĐTBXH"]
    assert [p.text for p in header.rows[0].cells[0].paragraphs if p.text] == [
        "ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"]


def signature(document):
    return [p.text for p in document.tables[-1].rows[0].cells[1].paragraphs]


def test_the_head_of_the_coordinating_unit_signs_with_room_to_sign(partly_reported, client):
    login(client, partly_reported["reviewer"])
    assert signature(word(client, partly_reported["plan"])) == ["GIÁM ĐỐC", "", "", "", "", "Lê Văn Cường"]


@pytest.mark.parametrize("change", ["no head", "two heads", "head deactivated"])
def test_without_one_known_head_a_line_is_left_for_the_name(partly_reported, client, change):
    director, labour = partly_reported["director"], partly_reported["labour"]
    if change == "no head":
        db.session.execute(db.delete(Membership).where(Membership.user_id == director.id))
        db.session.commit()
    elif change == "two heads":
        user((Role.HEAD, labour), name="Trần Văn Phó")
    else:
        director.is_active_user = False
        db.session.commit()
    login(client, partly_reported["reviewer"])
    lines = signature(word(client, partly_reported["plan"]))
    assert lines[:5] == ["GIÁM ĐỐC", "", "", "", ""]
    assert set(lines[5]) == {"."} and "Lê Văn Cường" not in lines


def test_stt_does_not_wrap_and_the_headers_are_grouped(partly_reported, client):
    login(client, partly_reported["reviewer"])
    table = word(client, partly_reported["plan"]).tables[1]
    first = table._tbl.tr_lst[0].tc_lst
    assert ["".join(t.text for t in tc.iter(qn("w:t"))) for tc in first] == [
        "STT", "Đơn vị", "Tổng số hộ đầu năm", "Hộ nghèo", "Hộ cận nghèo"]
    assert [c.text for c in table.rows[1].cells[3:]] == ["Đầu năm", "Tỷ lệ", "Số hộ giảm", "Cuối năm", "Tỷ lệ",
                                                         "Giảm (điểm %)", "Đầu năm", "Tỷ lệ", "Cuối năm", "Tỷ lệ",
                                                         "Giảm (điểm %)"]
    for row in table.rows:
        assert row.cells[0]._tc.tcPr.find(qn("w:noWrap")) is not None
    # "STT" in bold 12 pt needs about 0,8 cm, and Word's cell margins 0,38 cm.
    assert table.columns[0].width.cm >= 1.25
    assert [c.text for c in table.rows[2].cells[:2]] == ["1", "Huyện Cư Jút"]


# --- the movements of the period: the reports' built-in indicators, by unit -------------------

MOVE_COLUMNS = ["poor_escaped", "poor_new", "poor_fell_back", "near_poor_escaped", "near_poor_new",
                "near_poor_fell_back", "ethnic_poor_end", "ethnic_share"]


def expected_moves(name):
    """What ``approve_annual_report`` put in the unit's report, in the table's order."""
    escaped = 150 if name == "Huyện Đắk Song" else 34 if name == "Thành phố Gia Nghĩa" else ROWS[name][4] + 10
    near = ([None] * 3 if name == WITHOUT_NEAR_POOR else
            [100, NEAR_POOR[name][2] - NEAR_POOR[name][0] + 100, None])
    return [escaped, 8, 2, *near, None, None]


def movement_tables(client, plan):
    """(page rows, Excel rows, Word rows) of the movements table: [name, *figures as shown, note?]."""
    page = [[text for text, _span in cells] for _css, cells in table_rows(
        client.get(f"/plans/{plan.id}/consolidation").get_data(as_text=True), "movements-table")[2:]]
    sheet = workbook(client, plan)["Biến động"]
    excel = [[c.value for c in row] for row in sheet.iter_rows(min_row=FIRST_DATA_ROW)]
    report = docx.Document(io.BytesIO(client.get(f"/plans/{plan.id}/consolidation.docx").data))
    table = next(t for t in report.tables if any(c.text == "Tái cận nghèo" for c in t.rows[1].cells))
    word = [[c.text for c in row.cells] for row in table.rows[2:]]
    return page, excel, word


def test_the_movements_of_some_units_are_theirs_and_the_total_waits(partly_reported, client):
    plan = partly_reported["plan"]
    login(client, partly_reported["reviewer"])
    page, excel, word = movement_tables(client, plan)
    names = [row[0] for row in page]
    assert names[-2:] == ["Các đơn vị đã báo cáo (2/8)", "Tổng cộng"]
    assert [row[1] for row in excel] == names and [row[1] for row in word] == names
    for name in ("Huyện Đắk Song", "Thành phố Gia Nghĩa"):
        counts = expected_moves(name)
        page_row, excel_row, word_row = (next(r for r in rows if name in r) for rows in (page, excel, word))
        assert page_row[1:9] == [shown(v) if i < 7 else "–" for i, v in enumerate(counts)]
        assert excel_row[2:10] == counts
        assert word_row[2:10] == ["" if v is None else shown(v) for v in counts]
    reported = [sum(filter(None, col)) or None for col in zip(*(expected_moves(n)[:7] for n in
                                                                  ("Huyện Đắk Song", "Thành phố Gia Nghĩa")))]
    assert excel[-2][2:9] == reported and page[-2][1:8] == [shown(v) for v in reported]
    # Only one of the two gave near-poor movements: the sums say so.
    assert excel[-2][10] == "biến động hộ cận nghèo: 1/2 đơn vị" and word[-2][10] == excel[-2][10]
    # The total is not known: nothing but the reason.
    assert "chưa đủ số liệu" in page[-1][1] and excel[-1][2:10] == [None] * 8 and set(word[-1][2:10]) == {""}
    assert excel[-1][10] == word[-1][10] == "chưa đủ số liệu: 2/8 đơn vị đã có báo cáo"


def test_the_movements_of_every_unit_are_the_total(fully_reported, client):
    plan = fully_reported["plan"]
    login(client, fully_reported["reviewer"])
    page, excel, word = movement_tables(client, plan)
    units = [n for n in ROWS if n != "Tổng cộng"]
    total = [sum(v for v in col if v is not None) if any(v is not None for v in col) else None
             for col in zip(*(expected_moves(n)[:6] for n in units))]
    assert page[-1][0] == "Tổng cộng" and page[-1][1:7] == [shown(v) for v in total]
    assert excel[-1][2:8] == total and word[-1][2:8] == ["" if v is None else shown(v) for v in total]
    assert excel[-1][10] == "biến động hộ cận nghèo: 7/8 đơn vị"


def test_the_word_report_numbers_its_tables_as_printed(partly_reported, client):
    plan = partly_reported["plan"]
    login(client, partly_reported["reviewer"])
    report = docx.Document(io.BytesIO(client.get(f"/plans/{plan.id}/consolidation.docx").data))
    captions = [p.text for p in report.paragraphs if p.text.startswith("Biểu ")]
    assert [c.split(".")[0] for c in captions] == [f"Biểu {n}" for n in range(1, len(captions) + 1)]
    assert captions[2].startswith("Biểu 3. Biến động hộ nghèo, hộ cận nghèo")
