"""Consolidation end to end with the Đắk Nông figures: the target table imported from
Excel (near-poor households beside the poor ones), units' reports with results and budgets
approved, the roll-up, the Excel and Word exports read back, the command line, and the
completeness dashboard."""
import datetime as dt
import io
import shutil
import subprocess
from decimal import Decimal

import docx
import openpyxl
import pytest

from app.budget.models import BudgetItem
from app.cli import export_command
from app.documents import operations as doc_ops
from app.plans import operations as plan_ops
from app.figures.completeness import completeness
from app.figures.consolidation import consolidate
from tests.factories import login, submit_through_pages, unit, user
from tests.htmlforms import table_rows
from tests.province import APPENDIX, DAK_NONG_DISTRICTS, FULL_APPENDIX, FULL_HEADER, NEAR_POOR, xlsx
from workflows.numbers import rate
from workflows.deadlines import default_due_on
from workflows.enums import DeliverableKind, DocState, Role, Trigger, UnitKind

YEAR = 2027


@pytest.fixture
def province(db):
    top = unit("Ủy ban nhân dân tỉnh Đắk Nông", UnitKind.PROVINCE)
    labour = unit("Sở Lao động - Thương binh và Xã hội", parent=top)
    districts = {name: unit(name, UnitKind.DISTRICT, parent=top) for _code, name in DAK_NONG_DISTRICTS}
    commune = unit("Xã Quảng Sơn", UnitKind.COMMUNE, parent=districts["Huyện Đắk Glong"])
    admin = user((Role.ADMIN, top))
    reviewer = user((Role.REVIEWER, labour), name="Nguyễn Văn Bình")
    observer = user((Role.OBSERVER, top))
    heads = {name: user((Role.HEAD, d)) for name, d in districts.items()}
    commune_head = user((Role.HEAD, commune))
    plan = plan_ops.create_plan(
        admin, top, labour, year=YEAR, number="98", symbol="KH-UBND",
        title=f"Thực hiện chỉ tiêu giảm nghèo bền vững năm {YEAR} trên địa bàn tỉnh Đắk Nông", place="Đắk Nông",
        issued_on=dt.date(YEAR, 2, 15), legal_bases="", goals="",
        **{f"{k.value}_due_on": default_due_on(k, YEAR)
           for k in (DeliverableKind.SUBPLAN, DeliverableKind.SIX_MONTH, DeliverableKind.ANNUAL)})
    plan_ops.assign_units(admin, plan, [*districts.values(), commune])
    plan_ops.publish_plan(admin, plan)
    return {"plan": plan, "reviewer": reviewer, "observer": observer, "heads": heads, "districts": districts,
            "commune": commune, "commune_head": commune_head}


def import_appendix(client, province, tmp_path, rows=FULL_APPENDIX):
    plan = province["plan"]
    login(client, province["reviewer"])
    path = xlsx(tmp_path / "phu-luc.xlsx", rows, FULL_HEADER)
    with open(path, "rb") as f:
        response = client.post(f"/plans/{plan.id}/targets/import", data={"file": (f, path.name)},
                               content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    client.post("/logout")


def annual(province, name):
    assignment = next(a for a in province["plan"].assignments if a.unit.name == name)
    return next(d for d in assignment.deliverables if d.kind is DeliverableKind.ANNUAL).document


def report(target_row, escaped_extra=0):
    """Results that meet the target (plus ``escaped_extra``) and add up; near-poor households
    as targeted (200 escaped, the rest new)."""
    poor_start, reduction, households_end = target_row[2], target_row[4], target_row[7]
    escaped = reduction + 10 + escaped_extra
    near_start, near_end = NEAR_POOR[target_row[0]][0], NEAR_POOR[target_row[0]][2]
    return {"results": "Hoàn thành các nhiệm vụ.", "households_end": str(households_end),
            "poor_start": str(poor_start), "poor_escaped": str(escaped), "poor_new": "8", "poor_fell_back": "2",
            "poor_end": str(poor_start - escaped + 10), "near_poor_start": str(near_start), "near_poor_escaped": "200",
            "near_poor_new": str(near_end - near_start + 200), "near_poor_end": str(near_end)}


def budget_field(db, code, measure, column):
    item_id = db.session.scalar(db.select(BudgetItem.id).where(BudgetItem.code == code))
    return f"budget-{item_id}-{measure}-{column}"


def submit_and_approve(client, province, doc, head, data):
    login(client, head)
    response = submit_through_pages(client, doc, data)
    assert response.status_code == 302 and doc.state is DocState.SUBMITTED, response.get_data(as_text=True)[:3000]
    client.post("/logout")
    doc_ops.transition(doc, province["reviewer"], Trigger.APPROVE)


@pytest.fixture
def reported(province, client, tmp_path, db):
    """The appendix imported; every district's annual report approved, with budget lines for two."""
    import_appendix(client, province, tmp_path)
    rows = {r[0]: r for r in APPENDIX}
    money = {
        "Huyện Đắk Glong": {budget_field(db, "DA1.TDA1", "allocated", "central_investment"): "40.905",
                            budget_field(db, "DA1.TDA1", "disbursed", "central_investment"): "36.000,5",
                            budget_field(db, "DA3.TDA1", "allocated", "central_recurrent"): "10.908",
                            budget_field(db, "DA3.TDA1", "disbursed", "central_recurrent"): "5.454"},
        "Huyện Tuy Đức": {budget_field(db, "DA3.TDA1", "allocated", "central_recurrent"): "11.097,6",
                          budget_field(db, "DA3.TDA1", "allocated", "local_recurrent"): "1.387,2",
                          budget_field(db, "DA3.TDA1", "disbursed", "central_recurrent"): "9.000"},
    }
    for name, head in province["heads"].items():
        submit_and_approve(client, province, annual(province, name), head, {**report(rows[name]), **money.get(name, {})})
    return province


def test_the_imported_table_gives_the_provinces_figures(reported, client):
    c = consolidate(reported["plan"])
    assert c.target_total["poor_start"] == 13342
    assert c.target_total["poor_end"] == 8352
    assert c.target_total["poor_reduction"] == 4990
    assert c.target_total["households_start"] == 167383 and c.target_total["households_end"] == 168160
    assert (c.rate_start, c.rate_target) == (Decimal("7.97"), Decimal("4.97"))
    by_name = {u.unit.name: u for u in c.units}
    for row in APPENDIX[:-1]:
        u = by_name[row[0]]
        assert u.target["poor_start"] == row[2] and u.target["poor_reduction"] == row[4]
        assert u.rate_start == Decimal(str(row[3])).quantize(Decimal("0.01"))
        assert u.rate_target == Decimal(str(row[6])).quantize(Decimal("0.01"))
        assert u.results["poor_end"] == row[2] - row[4]  # reduction + 10 escaped, 10 new or back
        assert u.report is not None and u.report.kind is DeliverableKind.ANNUAL
    # Every district met its target exactly: the results add up to the plan's end figures.
    assert c.results_total["poor_end"] == 8352 and c.results_total["households_end"] == 168160
    assert c.rate_latest == Decimal("4.97")
    assert c.reporting == (8, 8)  # the commune has neither targets nor results: not counted

    page = client.get(f"/plans/{reported['plan'].id}/consolidation")
    assert page.status_code == 302  # logged out: to the login page
    login(client, reported["reviewer"])
    page = client.get(f"/plans/{reported['plan'].id}/consolidation").get_data(as_text=True)
    for text in ("13.342", "8.352", "4.990", "7,97%", "4,97%", "167.383", "168.160", "8/8"):
        assert text in page, text


def test_near_poor_households_are_consolidated_as_the_poor_are(reported, client):
    c = consolidate(reported["plan"])
    assert (c.target_total["near_poor_start"], c.target_total["near_poor_end"]) == (10135, 10110)
    # From the summed counts (10.135 of 167.383; 10.110 of 168.160), as the appendix prints
    # them — not the average of the districts' rates (6,66%).
    assert (c.near_rate_start, c.near_rate_target, c.near_points_target) == (
        Decimal("6.05"), Decimal("6.01"), Decimal("0.04"))
    assert c.points_target == Decimal("3.00")  # 7,97 − 4,97
    assert not c.near_target_coverage.is_partial and c.near_target_coverage.of == 8
    by_name = {u.unit.name: u for u in c.units}
    for row in FULL_APPENDIX[:-1]:
        u, near = by_name[row[0]], NEAR_POOR[row[0]]
        assert (u.target["near_poor_start"], u.target["near_poor_end"]) == (near[0], near[2])
        assert (u.near_rate_start, u.near_points_target, u.near_rate_target) == tuple(
            Decimal(str(v)).quantize(Decimal("0.01")) for v in (near[1], near[3], near[4]))
        assert u.results["near_poor_end"] == near[2] and u.near_rate_latest == u.near_rate_target
    assert by_name["Huyện Tuy Đức"].near_points_target == Decimal("-0.57")  # they grow there
    assert c.results_total["near_poor_end"] == 10110 and c.near_rate_latest == Decimal("6.01")

    login(client, reported["reviewer"])
    page = client.get(f"/plans/{reported['plan'].id}/consolidation").get_data(as_text=True)
    total = next(cells for css, cells in table_rows(page, "units") if css == "total")
    assert [text for text, _span in total[4:6] + total[10:13] + total[17:19]] == [
        "10.135", "6,05%", "10.110", "6,01%", "0,04", "10.110", "6,01%"]
    assert "near-poor-coverage" not in page  # every district gives them: nothing partial to say
    assert "<small>6,05% → 6,01% (chỉ tiêu cuối năm)</small>" in page  # the near-poor card


def test_near_poor_targets_of_some_units_only_say_so_everywhere(province, client, tmp_path, db):
    """Five districts give near-poor households, three leave them blank (and the total row too)."""
    rows = [list(r) for r in FULL_APPENDIX]
    for row in rows[5:]:
        row[8:] = [None] * 5
    import_appendix(client, province, tmp_path, rows)
    c = consolidate(province["plan"])
    five = FULL_APPENDIX[:5]
    near_start, households = sum(r[8] for r in five), sum(r[1] for r in five)
    assert c.target_total["near_poor_start"] == near_start == 5135
    # Over the households of the same five districts (114.360), not the province's 167.383.
    assert c.near_rate_start == rate(near_start, households) == Decimal("4.49")
    assert (c.near_target_coverage.units, c.near_target_coverage.of) == (5, 8)

    login(client, province["reviewer"])
    page = client.get(f"/plans/{province['plan'].id}/consolidation").get_data(as_text=True)
    assert "Chỉ tiêu hộ cận nghèo có ở 5/8 đơn vị có chỉ tiêu" in page
    overview = client.get(f"/plans/{province['plan'].id}").get_data(as_text=True)
    total = next(cells for css, cells in table_rows(overview, "target-table") if css == "total")
    assert [text for text, _span in total[8:10]] == ["5.135", "4,49%"]
    assert "Chỉ tiêu hộ cận nghèo có ở 5/8 đơn vị có chỉ tiêu" in overview
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"/plans/{province['plan'].id}/consolidation.xlsx").data))
    total = [cell.value for cell in list(book.worksheets[0].iter_rows(min_row=5))[-1]]
    assert total[1] == "Tổng cộng" and total[5:7] == [5135, 4.49]
    assert "chỉ tiêu hộ cận nghèo: 5/8 đơn vị" in total[-1]
    document = docx.Document(io.BytesIO(client.get(f"/plans/{province['plan'].id}/consolidation.docx").data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Hộ cận nghèo (số liệu của 5/8 đơn vị có chỉ tiêu): đầu năm 5.135 hộ, tỷ lệ 4,49%" in text
    assert "Số hộ cận nghèo ở dòng Tổng cộng là của 5/8 đơn vị" in text


def test_budget_totals_by_project_and_source(reported):
    c = consolidate(reported["plan"])
    rows = {b.item.code: b for b in c.budget}
    assert rows["DA1.TDA1"].allocated["total"] == Decimal("40905")
    assert rows["DA1"].allocated["total"] == Decimal("40905")  # the project is its sub-projects
    assert rows["DA3.TDA1"].allocated["total"] == Decimal("10908") + Decimal("11097.6") + Decimal("1387.2")
    assert rows["DA3"].by_source == {"central": Decimal("22005.6"), "local": Decimal("1387.2"), "other": None,
                                     "investment": None, "recurrent": Decimal("23392.8")}
    assert rows["DA3.TDA1"].rate == Decimal("61.79")  # 14.454 / 23.392,8
    assert c.budget_total.allocated["total"] == Decimal("64297.8")
    assert c.budget_total.disbursed["total"] == Decimal("50454.5")
    assert c.budget_total.rate == Decimal("78.47")
    assert [name for name, _source in [(u.name, s) for u, s in rows["DA3.TDA1"].sources]] == [
        "Huyện Tuy Đức", "Huyện Đắk Glong"]


def test_the_excel_export_reads_back(reported, client):
    login(client, reported["reviewer"])
    response = client.get(f"/plans/{reported['plan'].id}/consolidation.xlsx")
    assert response.status_code == 200
    assert "tong-hop-98-kh-ubnd-2027.xlsx" in response.headers["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    assert book.sheetnames[:3] == ["Chỉ tiêu và kết quả", "Biến động", "Nguồn vốn"]
    units, budget = book["Chỉ tiêu và kết quả"], book["Nguồn vốn"]
    rows = [[cell.value for cell in row] for row in units.iter_rows(min_row=5)]
    total = rows[-1]
    assert total[1] == "Tổng cộng"
    # At the start: households, poor, rate, near-poor, rate; the targets: reduction, poor,
    # rate, fall in points, near-poor, rate, fall; the results: poor, households, rate,
    # reduced, near-poor, rate.
    assert total[2:20] == [167383, 13342, 7.97, 10135, 6.05, 4990, 8352, 4.97, 3, 10110, 6.01, 0.04,
                           8352, 168160, 4.97, 4990, 10110, 6.01]
    krong_no = next(r for r in rows if r[1].strip() == "Huyện Krông Nô")
    assert krong_no[2:14] == [19680, 851, 4.32, 1020, 5.18, 180, 671, 3.41, 0.91, 950, 4.82, 0.36]
    assert units.cell(5, 5).number_format == "0.00" and units.cell(5, 14).number_format == "0.00"
    money = [[cell.value for cell in row] for row in budget.iter_rows(min_row=5)]
    assert money[-1][1] == "Tổng cộng" and money[-1][7] == pytest.approx(64297.8)


def test_the_word_export_is_an_official_document_with_the_figures(reported, client, tmp_path):
    login(client, reported["reviewer"])
    response = client.get(f"/plans/{reported['plan'].id}/consolidation.docx")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.data))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells and "Độc lập - Tự do - Hạnh phúc" in cells
    assert "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI" in cells and "Số:" in cells
    assert "BÁO CÁO" in text and "Kế hoạch số 98/KH-UBND ngày 15/02/2027" in text
    assert "13.342 hộ nghèo, tỷ lệ 7,97%" in text and "còn 8.352 hộ nghèo, tỷ lệ 4,97% (giảm 3,00 điểm %)" in text
    assert ("Hộ cận nghèo: đầu năm 10.135 hộ, tỷ lệ 6,05%; chỉ tiêu cuối năm 10.110 hộ, tỷ lệ 6,01% "
            "(giảm 0,04 điểm %).") in text
    assert "Hộ cận nghèo hiện nay: 10.110 hộ, tỷ lệ 6,01%." in text
    for figure in ("13.342", "8.352", "4.990", "7,97", "4,97", "167.383", "4,32", "3,41", "64.297,8"):
        assert figure in cells, figure
    # Biểu 1: each district's near-poor households and rates beside the poor ones.
    targets = {row.cells[1].text: [c.text for c in row.cells[2:]] for row in document.tables[1].rows[2:]}
    assert targets["Huyện Đắk Glong"] == ["17.700", "4.545", "25,68", "2.110", "2.435", "13,68", "12,00",
                                          "2.480", "14,01", "2.620", "14,72", "-0,71"]
    assert targets["Tổng cộng"][7:] == ["10.135", "6,05", "10.110", "6,01", "0,04"]
    results = {row.cells[1].text: [c.text for c in row.cells[2:8]] for row in document.tables[2].rows[2:]}
    assert results["Tổng cộng"] == ["168.160", "8.352", "4,97", "4.990", "10.110", "6,01"]
    assert "Nơi nhận:" in cells and "GIÁM ĐỐC" in cells
    fonts = {run.font.name for p in document.paragraphs for run in p.runs if run.text.strip()}
    assert fonts <= {"Times New Roman", None}
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert shutil.which("soffice"), "LibreOffice (soffice) not found: run `make test`, which installs it"
    path = tmp_path / "bao-cao.docx"
    path.write_bytes(response.data)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(path)], check=True, timeout=180, capture_output=True)
    assert (tmp_path / "bao-cao.pdf").read_bytes().startswith(b"%PDF")


def test_the_command_line_writes_both_files(reported, app, tmp_path):
    runner = app.test_cli_runner()
    out = tmp_path / "tong-hop.xlsx"
    result = runner.invoke(export_command, [str(reported["plan"].id), "--format", "xlsx", "--output", str(out)])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out).worksheets[0]
    assert [c.value for c in list(sheet.iter_rows(min_row=4))[-1]][3] == 13342
    out = tmp_path / "bao-cao.docx"
    result = runner.invoke(export_command, [str(reported["plan"].id), "--format", "docx", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "8.352" in "".join(c.text for t in docx.Document(out).tables for r in t.rows for c in r.cells)
    result = runner.invoke(export_command, ["999999", "--format", "docx", "--output", str(out)])
    assert result.exit_code != 0 and "No plan 999999" in result.output
    result = runner.invoke(export_command, [str(reported["plan"].id), "--format", "pdf", "--output", str(out)])
    assert result.exit_code != 0


def test_a_communes_figures_roll_up_and_a_mismatch_is_shown(reported, client, db):
    commune_doc = next(d for d in next(a for a in reported["plan"].assignments
                                       if a.unit_id == reported["commune"].id).deliverables
                       if d.kind is DeliverableKind.ANNUAL).document
    submit_and_approve(client, reported, commune_doc, reported["commune_head"], {
        "results": "Xã hoàn thành.", "households_end": "3.000", "poor_start": "900", "poor_escaped": "400",
        "poor_new": "0", "poor_fell_back": "0", "poor_end": "500"})
    c = consolidate(reported["plan"])
    glong = next(u for u in c.units if u.unit.name == "Huyện Đắk Glong")
    commune = next(u for u in c.units if u.unit.name == "Xã Quảng Sơn")
    assert commune.depth == glong.depth + 1
    # The district's own report stands; the commune's figures are compared with it.
    assert glong.results["poor_end"] == 4545 - 2110
    assert {f.field for f in glong.findings} == {"households_end", "poor_start", "poor_escaped", "poor_end",
                                                 "poor_new", "poor_fell_back"}
    assert c.results_total["poor_end"] == 8352  # not counted twice
    login(client, reported["reviewer"])
    page = client.get(f"/plans/{reported['plan'].id}/consolidation").get_data(as_text=True)
    assert "Các đơn vị trực thuộc cộng lại được 500, số của chính đơn vị là 2.435." in page


def test_a_wrong_sum_is_caught_before_it_reaches_the_consolidation(province, client, tmp_path, db):
    import_appendix(client, province, tmp_path)
    doc = annual(province, "Huyện Krông Nô")
    login(client, province["heads"]["Huyện Krông Nô"])
    data = {**report(APPENDIX[0]), budget_field(db, "DA3.TDA1", "allocated", "central_recurrent"): "100",
            budget_field(db, "DA3.TDA2", "allocated", "central_recurrent"): "50",
            budget_field(db, "DA3", "allocated", "total"): "160", "lock_version": doc.lock_version, "submit": "1"}
    response = client.post(f"/documents/{doc.id}/edit", data=data)
    assert response.status_code == 422
    assert "các tiểu dự án cộng lại được 150, không phải 160" in response.get_data(as_text=True)
    assert doc.state is DocState.DRAFT
    assert consolidate(province["plan"]).budget == []


def test_completeness_counts_and_the_dashboard(reported, client, db):
    plan = reported["plan"]
    after_the_year = dt.date(YEAR + 1, 1, 10)
    comp = completeness(plan, on=after_the_year)
    counts = {k.kind: k for k in comp.by_kind}
    annual_counts = counts[DeliverableKind.ANNUAL]
    assert (annual_counts.expected, annual_counts.submitted, annual_counts.approved) == (9, 8, 8)
    assert annual_counts.on_time == 8  # submitted (today) long before 15/12/2027
    assert counts[DeliverableKind.SUBPLAN].submitted == 0
    assert comp.overall.expected == 27
    before = completeness(plan, on=dt.date(YEAR, 3, 1))
    assert before.overall.expected == 0 and before.overall.not_due == 27
    districts_only = completeness(plan, unit_kind="district", on=after_the_year)
    assert {k.kind: k.expected for k in districts_only.by_kind}[DeliverableKind.ANNUAL] == 8

    login(client, reported["reviewer"])
    page = client.get(f"/plans/{plan.id}/dashboard?unit_kind=commune").get_data(as_text=True)
    assert "Xã Quảng Sơn" in page and "Huyện Krông Nô" not in page
    page = client.get(f"/plans/{plan.id}/dashboard?state=approved").get_data(as_text=True)
    assert "Huyện Krông Nô" in page and "Xã Quảng Sơn" not in page
    assert client.get(f"/plans/{plan.id}/dashboard?state=nonsense").status_code == 400
    page = client.get(f"/plans/{plan.id}/dashboard").get_data(as_text=True)
    assert 'id="chart-rates"' in page and 'id="chart-disbursement"' in page
    doc = annual(reported, "Huyện Krông Nô")
    assert f"/documents/{doc.id}" in page  # the bar and the cell link to the report behind them


def test_only_those_who_read_every_document_see_the_consolidation(reported, client):
    plan = reported["plan"]
    login(client, reported["heads"]["Huyện Krông Nô"])
    for path in ("consolidation", "consolidation.xlsx", "consolidation.docx", "dashboard"):
        assert client.get(f"/plans/{plan.id}/{path}").status_code == 403
    client.post("/logout")
    login(client, reported["observer"])
    for path in ("consolidation", "consolidation.xlsx", "consolidation.docx", "dashboard"):
        assert client.get(f"/plans/{plan.id}/{path}").status_code == 200


def test_the_pages_cost_the_same_number_of_queries_whatever_the_number_of_units(reported, client, db,
                                                                                 count_queries):
    plan = reported["plan"]
    login(client, reported["reviewer"])
    pages = ("consolidation", "dashboard")

    def counts():
        out = {}
        for name in pages:
            client.get(f"/plans/{plan.id}/{name}")  # warm: the session's identity map, the login
            with count_queries() as counted:
                assert client.get(f"/plans/{plan.id}/{name}").status_code == 200
            out[name] = counted.n
        return out

    before = counts()
    client.post("/logout")
    top = reported["districts"]["Huyện Krông Nô"].parent
    admin = user((Role.ADMIN, top))
    more = [unit(f"Huyện Mới {n}", UnitKind.DISTRICT, parent=top) for n in range(4)]
    plan_ops.assign_units(admin, plan, more)
    for n, district in enumerate(more):
        plan_ops.set_target(admin, plan, district, households_start=10000 + n, poor_start=500, poor_reduction=100,
                            households_end=10010 + n, poor_end=400)
        head = user((Role.HEAD, district))
        doc = annual(reported, district.name)
        submit_and_approve(client, reported, doc, head, {
            "results": "Xong.", "households_end": "10.010", "poor_start": "500", "poor_escaped": "100",
            "poor_new": "0", "poor_fell_back": "0", "poor_end": "400",
            budget_field(db, "DA4.TDA3", "allocated", "central_recurrent"): "100"})
    login(client, reported["reviewer"])
    after = counts()
    assert consolidate(plan).reporting == (12, 12)
    assert all(before.values()) and after == before, (before, after)
