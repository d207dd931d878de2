"""The demo: the Đắk Nông and Ninh Thuận plans, every state at once, safe to run twice."""
import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine

from app.auth.models import User
from app.clock import VN_TZ
from app.documents.models import Deliverable, Document, TransitionLog
from app.plans.models import Indicator, Plan, PlanTarget
from app.units.models import Unit
from workflows.enums import DeliverableKind, DocState, Trigger, UnitKind

D = Decimal
PASSWORD = "demo-giamngheo"


def _counts(db):
    return {model.__name__: db.session.scalar(db.select(db.func.count()).select_from(model))
            for model in (Unit, User, Plan, PlanTarget, Indicator, Deliverable, Document, TransitionLog)}


def _plan(db, place):
    return db.session.scalar(db.select(Plan).where(Plan.place == place))


def test_demo_shows_every_state_and_loads_once(app, db):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert "Đắk Nông" in result.output and "Ninh Thuận" in result.output
    first = _counts(db)
    assert runner.invoke(args=["demo"]).exit_code == 0
    assert _counts(db) == first
    assert first["Plan"] == 2

    states = set(db.session.scalars(db.select(Document.state)))
    assert states == set(DocState)
    from app.clock import today

    overdue = db.session.scalar(db.select(db.func.count()).select_from(Deliverable).join(Document).where(
        Deliverable.due_on < today(), Document.state.in_([DocState.DRAFT, DocState.RETURNED])))
    upcoming = db.session.scalar(db.select(db.func.count()).select_from(Deliverable).join(Document).where(
        Deliverable.due_on >= today(), Document.state.in_([DocState.DRAFT, DocState.RETURNED])))
    assert overdue > 0 and upcoming > 0
    assert db.session.scalar(db.select(db.func.count()).select_from(TransitionLog)
                             .where(TransitionLog.trigger == "return", TransitionLog.comment != "")) > 0
    targets = _plan(db, "Đắk Nông").targets
    assert sum(t.poor_start for t in targets) == 13342 and sum(t.poor_end for t in targets) == 8352


def test_the_plan_overview_shows_the_target_table_with_rates_from_counts(app, db, client):
    from tests.factories import login

    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    reviewer = db.session.scalar(db.select(User).where(User.email == "truongphong.giamngheo@daknong.demo.vn"))
    plan = _plan(db, "Đắk Nông")
    login(client, reviewer, PASSWORD)
    body = client.get(f"/plans/{plan.id}").get_data(as_text=True)
    for text in ("13.342", "7,97%", "4.990", "8.352", "4,97%", "4,32%", "25,68%", "30,78%"):
        assert text in body, text


# --- Ninh Thuận 2022 ----------------------------------------------------------------------

DISTRICTS = {"PHAN-RANG-THAP-CHAM", "BAC-AI", "NINH-SON", "NINH-HAI", "NINH-PHUOC", "THUAN-BAC", "THUAN-NAM"}
#: The plan's quantified targets, read off its text (II.1, II.2): code, direction, target.
GOALS = {"TL_CB_TH": ("at_least", 100), "TL_HN_BHYT": ("at_least", 100), "TL_HCN_BHYT": ("at_least", 98),
         "TL_VKK_BHYT": ("at_least", 100), "MH_GN": ("at_least", 10), "TL_LD_HT": ("at_least", 100),
         "TL_BHYT": ("at_least", 92), "TL_TE_KDC": ("at_most", D("9.24")), "NHA_HN": ("at_least", 200),
         "TL_BTXH": ("at_least", 100)}


@pytest.fixture
def ninh_thuan(app, db):
    """The Ninh Thuận plan alone, loaded on 25 November of this year (every state is then
    reached: six-month reports decided, a few annual ones submitted early)."""
    from app.clock import today
    from app.demo import ninh_thuan as seed
    from app.demo.loader import load

    with time_machine.travel(dt.datetime(today().year, 11, 25, 9, 0, tzinfo=VN_TZ), tick=False):
        [plan] = load((seed,))
        db.session.commit()
        yield plan


def _by_unit(plan):
    return {a.unit.code: a for a in plan.assignments}


def _deliverable(plan, code, kind):
    return next(d for d in _by_unit(plan)[code].deliverables if d.kind is kind)


def test_ninh_thuan_has_its_units_coordinating_unit_and_schedule(db, ninh_thuan):
    plan = ninh_thuan
    year = plan.year
    assert (plan.issuing_unit.name, plan.coordinating_unit.name) == ("Ủy ban nhân dân tỉnh Ninh Thuận",
                                                                      "Sở Lao động - Thương binh và Xã hội")
    assert plan.reference == "1455/KH-UBND" and plan.issued_on == dt.date(year, 4, 15)
    assert plan.title == f"Thực hiện công tác giảm nghèo năm {year} trên địa bàn tỉnh Ninh Thuận"
    assert f"giảm tỷ lệ hộ nghèo năm {year} toàn tỉnh đạt 1,5%" in plan.goals
    units = {code: a.unit for code, a in _by_unit(plan).items()}
    assert len(units) == 25 and {u.parent.code for u in units.values()} == {"UBND-NTH"}
    assert plan.issuing_unit.parent is None and plan.issuing_unit.kind is UnitKind.PROVINCE
    assert {c for c, u in units.items() if u.kind is UnitKind.DISTRICT} == DISTRICTS
    assert units["NTH-SYT"].name == "Sở Y tế" and units["NTH-MTTQ"].name == "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"
    by_unit = _by_unit(plan)
    assert by_unit["NTH-SLDTBXH"].duties.startswith("Sở Lao động - Thương binh và Xã hội\nChủ trì, phối hợp")
    assert f"giai đoạn 2021-2025 và năm {year}." in by_unit["NTH-SLDTBXH"].duties  # re-dated
    assert "Dự án 5" in by_unit["NTH-SXD"].duties and "Tiểu dự án 1 (Dự án 6)" in by_unit["NTH-STTTT"].duties
    assert all("báo cáo thực hiện công tác giảm nghèo trên địa bàn định kỳ, đột xuất" in by_unit[c].duties
               for c in DISTRICTS)
    assert by_unit["NTH-MTTQ"].is_requested and not by_unit["NINH-SON"].is_requested
    # A sub-plan a month after the plan, the six-month and annual reports at their usual dates.
    assert [(i.kind, i.due_on) for i in plan.schedule] == [
        (DeliverableKind.SUBPLAN, dt.date(year, 5, 15)), (DeliverableKind.SIX_MONTH, dt.date(year, 6, 15)),
        (DeliverableKind.ANNUAL, dt.date(year, 12, 15))]
    owed = {(d.kind, d.due_on) for a in plan.assignments for d in a.deliverables if d.kind.is_scheduled}
    assert owed == {(i.kind, i.due_on) for i in plan.schedule}
    # Its people: an administrator of the province, the coordinating unit's reviewers, unit heads.
    def roles(email):
        user = db.session.scalar(db.select(User).where(User.email == email))
        return {(m.unit.code, m.role.value) for m in user.memberships}

    assert roles("quantri@ninhthuan.demo.vn") == {("UBND-NTH", "admin")}
    assert roles("truongphong.giamngheo@ninhthuan.demo.vn") == {("NTH-SLDTBXH", "reviewer"), ("NTH-SLDTBXH", "admin")}
    assert roles("thutruong.syt@ninhthuan.demo.vn") == {("NTH-SYT", "head")}
    assert roles("thutruong.ninh-son@ninhthuan.demo.vn") == {("NINH-SON", "head")}


def test_ninh_thuan_has_every_goal_as_an_indicator_with_its_target(db, ninh_thuan):
    from app.figures.consolidation import consolidate

    plan = ninh_thuan
    indicators = {i.code: i for i in plan.indicators}
    for code, (direction, target) in GOALS.items():
        assert (indicators[code].direction.value, indicators[code].target) == (direction, D(target)), code
    assert (indicators["TL_HCN_BHYT"].numerator_code, indicators["TL_HCN_BHYT"].denominator_code) == (
        "HCN_BHYT", "near_poor")
    reporters = {code: {r.assignment.unit.code for r in i.reporters} for code, i in indicators.items()}
    assert reporters["TL_HN_BHYT"] == reporters["TL_HCN_BHYT"] == reporters["NHA_HN"] == DISTRICTS
    assert reporters["TL_VKK_BHYT"] == {"NTH-SYT"} and reporters["TL_BHYT"] == {"NTH-BHXH"}
    assert reporters["MH_GN"] == {"NTH-SLDTBXH", "NTH-SNNPTNT"}
    assert reporters["TL_CB_TH"] == DISTRICTS | {"NTH-SLDTBXH"}
    assert all(r.target is None for i in plan.indicators for r in i.reporters)  # the plan sets no unit's own
    # The province's poverty rate down by 1,5 points: the built-in rate of the target table.
    c = consolidate(plan)
    assert (c.rate_start, c.rate_target, c.points_target) == (D("7.37"), D("5.87"), D("1.50"))
    assert {t.unit.code for t in plan.targets} == DISTRICTS


def test_ninh_thuan_has_a_year_of_reports_carrying_its_indicators_in_every_state(db, ninh_thuan):
    from app.clock import today
    from app.demo import ninh_thuan as seed
    from app.demo.loader import load
    from app.documents import indicators as doc_indicators
    from app.documents.content import ack_key, acknowledgements
    from app.figures.indicators import indicator_matrix

    plan = ninh_thuan
    deliverables = [d for a in plan.assignments for d in a.deliverables]
    assert {d.document.state for d in deliverables} == set(DocState)
    assert any(d.document.submitted_at and d.document.submitted_at.astimezone(VN_TZ).date() > d.due_on
               for d in deliverables)  # late
    assert any(d.due_on < today() and d.document.state in (DocState.DRAFT, DocState.RETURNED)
               for d in deliverables)  # overdue
    returns = [e for d in deliverables for e in d.document.log if e.trigger is Trigger.RETURN]
    assert returns and all(e.comment.strip() for e in returns)
    # Ninh Hải set itself a smaller reduction than its row: returned for that, with both figures.
    ninh_hai = _deliverable(plan, "NINH-HAI", DeliverableKind.SUBPLAN)
    assert ninh_hai.document.state is DocState.RETURNED
    assert "(220 hộ)" in ninh_hai.document.log[-1].comment and "(235 hộ)" in ninh_hai.document.log[-1].comment

    # Reports carry the indicators their units owe; some units have reported, not all.
    reports = [d for d in deliverables if d.kind.is_report and doc_indicators.owed(d).inputs]
    assert {d.document.state for d in reports} == set(DocState)
    for d in reports:
        typed = d.document.current_version.content["indicators"]
        required = [i for i in doc_indicators.owed(d).inputs if i.is_required]
        assert all(typed.get(i.key) not in (None, "") for i in required), (d.assignment.unit.code, d.kind)
    matrix = indicator_matrix(plan)
    columns = {c.definition.code: c for c in matrix.columns}
    assert 0 < columns["TL_HCN_BHYT"].coverage.reported < columns["TL_HCN_BHYT"].coverage.expected == 7
    # A total rate is the summed counts' rate, from the approved reports behind it.
    insured = near_poor = 0
    for row in matrix.rows:
        cell = row.cells.get("TL_HCN_BHYT")
        if cell and cell.reported:
            version = next(v for v in db.session.get(Document, row.report.document.id).versions if v.approved_at)
            insured += int(version.content["indicators"][str(columns["HCN_BHYT"].definition.key)])
            near_poor += version.content["figures"]["near_poor_end"]
    assert columns["TL_HCN_BHYT"].total.value == (D(insured) * 100 / near_poor).quantize(D("0.01"))

    # An annual report submitted with targets missed, each explained by its unit.
    annual = _deliverable(plan, "NINH-PHUOC", DeliverableKind.ANNUAL)
    content = annual.document.current_version.content
    assert annual.document.state is DocState.SUBMITTED
    missed = [f for f in doc_indicators.findings(annual, content) if f.code == "indicator_target"]
    names = {f.params["name"] for f in missed}
    assert names == {"Tỷ lệ hộ cận nghèo tham gia bảo hiểm y tế",
                     "Tỷ lệ trẻ em thuộc hộ nghèo không được học đúng cấp học, bậc học phù hợp với độ tuổi"}
    assert all(acknowledgements(content)[ack_key(f)].strip() for f in missed)

    before = _counts(db)
    load((seed,))
    assert _counts(db) == before  # a second load changes nothing


def test_ninh_thuan_dashboard_consolidation_word_and_excel_show_its_indicators(db, client, ninh_thuan):
    from docx import Document as Docx
    from openpyxl import load_workbook

    from app.figures.indicators import indicator_matrix
    from tests.factories import login

    plan = ninh_thuan
    matrix = indicator_matrix(plan)
    names = [i.name for i in plan.indicators]
    reviewer = db.session.scalar(db.select(User).where(User.email == "truongphong.giamngheo@ninhthuan.demo.vn"))
    login(client, reviewer, PASSWORD)

    # Its 24 goals, eight at a time: every one on one of the dashboard's pages of indicators.
    pages = -(-len(names) // 8)
    sections = []
    for number in range(1, pages + 1):
        dashboard = client.get(f"/plans/{plan.id}/dashboard?indicators={number}").get_data(as_text=True)
        sections.append(dashboard[dashboard.index('id="indicators"'):])
        assert f"trong {len(names)}" in sections[-1]
    for name in names:
        assert sum(f"{name}<br>" in one for one in sections) == 1, name
    section = "".join(sections)
    insurance = next(c for c in matrix.columns if c.definition.code == "TL_HCN_BHYT")
    coverage = f"{insurance.coverage.reported}/{insurance.coverage.expected} đơn vị"
    assert coverage in section and "≥ 98,00%" in section and "≤ 9,24%" in section and "chưa báo cáo" in section
    assert f"{insurance.total.value}%".replace(".", ",") in section

    consolidation = client.get(f"/plans/{plan.id}/consolidation").get_data(as_text=True)
    assert "7,37%" in consolidation and "5,87%" in consolidation  # the province: 1,5 points down
    section = consolidation[consolidation.index('id="indicators"'):]
    for name in names:
        assert name in section, name
    assert coverage in section

    sheet = load_workbook(io.BytesIO(client.get(f"/plans/{plan.id}/consolidation.xlsx").data))["Chỉ tiêu"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    heads = rows[0]
    assert heads[0] == "Đơn vị" and len(heads) == 1 + len(names)
    assert "Tỷ lệ hộ cận nghèo tham gia bảo hiểm y tế (%)" in heads and "Nhà ở cho hộ nghèo được xây dựng mới, " \
        "sửa chữa (căn nhà)" in heads
    by_label = {r[0]: dict(zip(heads[1:], r[1:], strict=True)) for r in rows[1:]}
    targets = by_label["Chỉ tiêu của kế hoạch"]
    assert targets["Tỷ lệ hộ cận nghèo tham gia bảo hiểm y tế (%)"] == "≥ 98,00%"
    assert targets["Tỷ lệ trẻ em thuộc hộ nghèo không được học đúng cấp học, bậc học phù hợp với độ tuổi (%)"] == \
        "≤ 9,24%"
    assert targets["Mô hình giảm nghèo được hỗ trợ phát triển sản xuất, đa dạng hóa sinh kế (mô hình)"] == "≥ 10"
    reported = next(r for r in matrix.rows if getattr(r.cells.get("TL_HCN_BHYT"), "reported", False))
    assert by_label[reported.unit.name]["Tỷ lệ hộ cận nghèo tham gia bảo hiểm y tế (%)"] == float(
        reported.cells["TL_HCN_BHYT"].value)
    assert by_label["Số đơn vị đã báo cáo"]["Tỷ lệ hộ cận nghèo tham gia bảo hiểm y tế (%)"] == coverage.split()[0]

    docx = Docx(io.BytesIO(client.get(f"/plans/{plan.id}/consolidation.docx").data))
    table = next(t for t in docx.tables if t.rows[0].cells[1].text == "Chỉ tiêu")
    cells = {row.cells[1].text: [c.text for c in row.cells] for row in table.rows[1:]}
    assert list(cells) == names
    assert cells["Tỷ lệ hộ cận nghèo tham gia bảo hiểm y tế"][2:4] == ["%", "≥ 98,00%"]
    assert cells["Nhà ở cho hộ nghèo được xây dựng mới, sửa chữa"][3] == "≥ 200"
    assert cells["Tỷ lệ hộ cận nghèo tham gia bảo hiểm y tế"][6] == coverage.split()[0]

    # A report with indicators reads with the unit's target beside each value.
    page = client.get(f"/documents/{reported.report.document.id}").get_data(as_text=True)
    section = page[page.index('id="indicators"'):]
    assert "Tỷ lệ hộ cận nghèo tham gia bảo hiểm y tế" in section and "≥ 98,00%" in section
