"""The roll-up across plans agrees with each plan's own dashboard and consolidation:
the database's counts with the completeness rules, the lean roll-up with the detailed one."""
import datetime as dt
from decimal import Decimal

from app.clock import VN_TZ
from app.documents import operations as doc_ops
from app.figures.completeness import completeness
from app.figures.consolidation import consolidate
from app.figures.rollup import rollup_for
from app.plans import operations as plan_ops
from app.plans.models import Plan
from tests.factories import REPORT_COUNTS, login, ready
from tests.htmlforms import table_rows
from workflows.enums import DeliverableKind, Direction, IndicatorKind, MeasureUnit, Trigger


def test_the_rollup_line_of_the_demo_plan_is_its_dashboard_and_consolidation(app, db, client):
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    plan = db.session.scalar(db.select(Plan).where(Plan.place == "Đắk Nông"))
    from app.auth.models import User

    # Đắk Nông's leadership reads the plans issued within Đắk Nông: its own only.
    observer = db.session.scalar(db.select(User).where(User.email == "lanhdao@daknong.demo.vn"))
    r = rollup_for(observer, plan.year)
    [line] = r.lines
    comp, c = completeness(plan), consolidate(plan)
    got = line.counts
    want = comp.overall
    assert (got.expected, got.submitted, got.approved, got.on_time, got.not_due) == (
        want.expected, want.submitted, want.approved, want.on_time, want.not_due)
    assert got.expected > 0 and 0 < got.approved < got.expected  # the demo has every state
    assert line.target == {k: v for k, v in c.target_total.items() if v is not None}
    assert line.results == {k: v for k, v in c.results_total.items() if v is not None}
    assert line.results  # the demo's approved reports carry figures
    assert line.units == len(plan.assignments)
    # Near-poor households: the demo's reports give them (its plan's table does not: the
    # seed has none), and the roll-up reads them as the consolidation does.
    assert line.results["near_poor_end"] > 0 and line.near_rate_latest == c.near_rate_latest is not None
    assert line.near_results_coverage == c.near_results_coverage
    assert "near_poor_start" not in line.target and line.near_target_coverage.units == 0

    page = login(client, observer, "demo-giamngheo").get(f"/rollup?year={plan.year}")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert "Tổng hợp các kế hoạch năm" in body and plan.reference in body
    assert f"{line.target['poor_start']:,}".replace(",", ".") in body
    [row] = [cells for css, cells in table_rows(body, "rollup") if cells[1][0] == plan.reference]
    assert row[18][0] == f"{line.results['near_poor_end']:,}".replace(",", ".")  # near-poor households now
    assert row[19][0] == f"{line.near_rate_latest}%".replace(".", ",")


def test_near_poor_households_roll_up_over_the_units_that_give_them(db, world, client):
    """Krông Nô's targets and report give near-poor households, Cư Jút's do not: the plan's
    near-poor figures are Krông Nô's, their rates over Krông Nô's households, and say so."""
    plan = world.plan
    plan_ops.set_target(world.admin, plan, world.district, households_start=1000, poor_start=100,
                        poor_reduction=10, households_end=1000, poor_end=90, near_poor_start=80, near_poor_end=70,
                        near_poor_reduction=10)
    plan_ops.set_target(world.admin, plan, world.other_district, households_start=3000, poor_start=300,
                        poor_reduction=30, households_end=3000, poor_end=270)
    near = {"near_poor_start": 80, "near_poor_escaped": 15, "near_poor_new": 5, "near_poor_end": 70}
    other = next(a for a in plan.assignments if a.unit_id == world.other_district.id)
    # Cư Jút's report starts from 100 poor households, not the plan's 300: 10 fewer, not 30 (explained).
    short = {"poor_reduction_target:poor_end": "Số hộ nghèo đầu năm đã được rà soát lại."}
    for assignment, head, figures, notes in ((world.assignment, world.head, {**REPORT_COUNTS, **near}, {}),
                                             (other, world.other_head, REPORT_COUNTS, short)):
        doc = world.document(DeliverableKind.ANNUAL, assignment)
        doc_ops.save_content(doc, head, ready(doc, figures=figures, acknowledged=notes), None)
        doc_ops.transition(doc, head, Trigger.SUBMIT)
        doc_ops.transition(doc, world.reviewer, Trigger.APPROVE)
    db.session.commit()

    [line] = rollup_for(world.observer, plan.year).lines
    assert (line.target["near_poor_start"], line.target["households_start"]) == (80, 4000)
    assert (line.near_rate_start, line.near_rate_target) == (Decimal("8.00"), Decimal("7.00"))  # of 1.000, not 4.000
    assert line.near_points_target == Decimal("1.00") and line.points_target == Decimal("1.00")  # 10% → 9%
    assert (line.near_target_coverage.units, line.near_target_coverage.of) == (1, 2)
    assert (line.near_results_coverage.units, line.near_results_coverage.of) == (1, 2)
    assert line.results["near_poor_end"] == 70 and line.near_rate_latest == Decimal("7.00")
    c = consolidate(plan)
    assert (c.near_rate_start, c.near_rate_latest) == (line.near_rate_start, line.near_rate_latest)
    assert line.near_target_coverage == c.near_target_coverage
    r = rollup_for(world.observer, plan.year)
    assert r.total.near_rate_start == Decimal("8.00") and r.total.near_target_coverage == line.near_target_coverage

    body = login(client, world.observer).get(f"/rollup?year={plan.year}").get_data(as_text=True)
    [row] = [cells for css, cells in table_rows(body, "rollup") if cells[1][0] == plan.reference]
    assert [text for text, _span in row[11:15]] == ["80 1/2", "8,00%", "70", "7,00%"]  # the badge once
    assert [text for text, _span in row[18:21]] == ["70 1/2", "7,00%", "10,00% → 9,00%"]
    # The movements of the same units: the poor ones of both, the near-poor ones of Krông Nô, said so.
    assert (line.near_moves_coverage.units, line.near_moves_coverage.of) == (1, 2)
    [moves] = [cells for css, cells in table_rows(body, "rollup-movements") if cells[0][0].startswith(plan.reference)]
    assert [text for text, _span in moves[1:9]] == ["2/2", "24", "2", "2", "15 1/2", "5", "–", "–"]


def test_on_time_is_the_end_of_the_due_day_in_vietnam_as_the_dashboard_counts_it(db, world):
    due = world.document(DeliverableKind.SUBPLAN).deliverable.due_on
    late_doc = next(d for d in world.plan.assignments if d.unit_id == world.other_district.id) \
        .deliverables[0].document
    just_in_time = dt.datetime.combine(due, dt.time(23, 30), VN_TZ)
    just_late = dt.datetime.combine(due + dt.timedelta(days=1), dt.time(0, 30), VN_TZ)
    for doc, who, at in ((world.document(DeliverableKind.SUBPLAN), world.head, just_in_time),
                         (late_doc, world.other_head, just_late)):
        doc_ops.save_content(doc, who, ready(doc), None)
        doc_ops.transition(doc, who, Trigger.SUBMIT, at=at)
    on = due + dt.timedelta(days=3)
    [line] = rollup_for(world.observer, world.plan.year, on=on).lines
    kind = next(k for k in completeness(world.plan, on=on).by_kind if k.kind is DeliverableKind.SUBPLAN)
    assert (kind.expected, kind.submitted, kind.on_time) == (2, 2, 1)
    assert (line.counts.expected, line.counts.submitted, line.counts.on_time) == (2, 2, 1)


def test_who_sees_which_plans(db, world):
    assert [line.plan.id for line in rollup_for(world.observer, world.plan.year).lines] == [world.plan.id]
    assert [line.plan.id for line in rollup_for(world.reviewer, world.plan.year).lines] == [world.plan.id]
    assert rollup_for(world.outsider, world.plan.year).lines == []
    assert rollup_for(world.observer, world.plan.year + 1).lines == []


def test_bad_year_and_page_values_get_a_clear_answer_and_change_nothing(db, world, client):
    login(client, world.observer)
    refused = client.get("/rollup?year=1800")
    assert refused.status_code == 400
    assert "Chọn năm từ 2000 đến 2100." in refused.get_data(as_text=True)
    # Not a number: the latest year with a plan, as with no year at all.
    def table(url):
        body = client.get(url).get_data(as_text=True)
        return body[body.index('id="rollup"'):]

    assert table("/rollup?year=abc") == table("/rollup")
    # A page of the matrix beyond the last shows the last; not a number, the first.
    assert client.get(f"/plans/{world.plan.id}/dashboard?page=999").status_code == 200
    assert client.get(f"/plans/{world.plan.id}/dashboard?page=x").status_code == 200
    bad_filter = client.get(f"/plans/{world.plan.id}/dashboard?unit_kind=nation")
    assert bad_filter.status_code == 400
    assert "Chọn loại đơn vị và trạng thái trong danh sách." in bad_filter.get_data(as_text=True)
    # Any other bare refusal reads in Vietnamese too, not in the framework's English.
    assert "could not understand" not in bad_filter.get_data(as_text=True)


def test_each_plan_s_own_indicators_are_totalled_within_it_with_coverage(db, world, client):
    """Houses (a count) reported by both districts, one approved so far: the roll-up says
    1 of 2 units and sums only what stands; a plan without indicators of its own adds none."""
    from app.plans import indicators as ind_ops

    plan = world.plan
    houses = ind_ops.add_indicator(world.admin, plan, code="NHA_O", name="Nhà ở xây mới, sửa chữa cho hộ nghèo",
                                   unit=MeasureUnit.HOUSES, kind=IndicatorKind.COUNT, direction=Direction.AT_LEAST,
                                   target=Decimal(200))
    other = next(a for a in plan.assignments if a.unit_id == world.other_district.id)
    ind_ops.set_reporters(world.admin, houses, {world.assignment.id: None, other.id: None})
    doc = world.document(DeliverableKind.ANNUAL)
    doc_ops.save_content(doc, world.head, {**ready(doc), "indicators": {str(houses.id): "120"}}, None)
    doc_ops.transition(doc, world.head, Trigger.SUBMIT)
    doc_ops.transition(doc, world.reviewer, Trigger.APPROVE)
    db.session.commit()

    r = rollup_for(world.observer, plan.year)
    [(line, matrix)] = r.indicators
    [col] = matrix.columns
    assert line.plan.id == plan.id and col.definition.code == "NHA_O"
    assert col.total.value == Decimal(120) and (col.coverage.reported, col.coverage.expected) == (1, 2)
    # 120 of at least 200, with one district still to report: not yet a verdict.
    assert not col.missed and col.not_known

    body = login(client, world.observer).get(f"/rollup?year={plan.year}").get_data(as_text=True)
    row = body.split('data-indicator="NHA_O"')[1].split("</tr>")[0]
    assert "Nhà ở xây mới, sửa chữa cho hộ nghèo" in row and "≥ 200" in row and "120" in row
    assert "1/2 đơn vị" in row and 'class="coverage partial"' in row
    assert 'data-verdict="not_known"' in row and "Chưa đủ số liệu" in row and 'class="num missed"' not in row
