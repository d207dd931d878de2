"""The plan's own indicators say no more than they know (issue 16, point 2).

Krông Nô and one of its own communes, Đắk Sôr, both report houses built and the
near-poor households with health insurance. A district's figure stands for its whole
territory: Đắk Sôr's houses are among Krông Nô's, so the plan's total is Krông Nô's 7,
not 7 + 5 = 12, and it is made of one top-level unit, not "2/2". And a total is judged
against the plan's target ("Đạt", "Chưa đạt", the red of a missed one) only when every
expected unit has given its annual report: on a part of the units, or on six-month
figures against a whole year's target, the figures say "Chưa đủ số liệu".

Each story is read where it shows: the indicator matrix, the dashboard, the Excel sheet,
the Word appendix, the API and the roll-up across plans.
"""
import io
import re
from decimal import Decimal

import pytest
from docx import Document as Docx
from openpyxl import load_workbook

from app.api.operations import create_token
from app.documents import operations as doc_ops
from app.figures.indicators import indicator_matrix
from app.figures.rollup import rollup_for
from app.plans import indicators as ind_ops
from app.plans import operations as plan_ops
from tests.factories import REPORT_COUNTS, login, ready, unit, user
from workflows.enums import (
    DeliverableKind,
    Direction,
    IndicatorKind,
    MeasureUnit,
    Role,
    Trigger,
    UnitKind,
)

D = Decimal
HOUSES = "Nhà ở xây mới, sửa chữa cho hộ nghèo"


def _add(world, **values):
    values = {"target": None, "is_required": True, "numerator_code": None, "denominator_code": None, **values}
    return ind_ops.add_indicator(world.admin, world.plan, **values)


def _assignment(world, who):
    return next(a for a in world.plan.assignments if a.unit_id == who.id)


@pytest.fixture
def plan(world, db):
    """Houses (at least 10 in the plan) and insurance (a ratio, no target) from Krông Nô and
    its commune Đắk Sôr; Cư Jút reports neither unless a test asks it to."""
    commune = unit("Xã Đắk Sôr", UnitKind.COMMUNE, parent=world.district)
    plan_ops.assign_units(world.admin, world.plan, [commune], "Nhiệm vụ được giao")
    houses = _add(world, code="NHA_O", name=HOUSES, unit=MeasureUnit.HOUSES, kind=IndicatorKind.COUNT,
                  direction=Direction.AT_LEAST, target=D(10))
    _add(world, code="BHYT_CN_CO", name="Hộ cận nghèo có thẻ BHYT", unit=MeasureUnit.HOUSEHOLDS,
         kind=IndicatorKind.COUNT, direction=Direction.AT_LEAST)
    insurance = _add(world, code="BHYT_CN", name="Tỷ lệ hộ cận nghèo tham gia BHYT", unit=MeasureUnit.PERCENT,
                     kind=IndicatorKind.RATIO, direction=Direction.AT_LEAST, numerator_code="BHYT_CN_CO",
                     denominator_code="near_poor")
    reporters = {world.assignment.id: None, _assignment(world, commune).id: None}
    ind_ops.set_reporters(world.admin, houses, reporters)
    ind_ops.set_reporters(world.admin, insurance, reporters)
    db.session.commit()
    return {"commune": commune, "commune_head": user((Role.HEAD, commune), name="Chủ tịch xã Đắk Sôr"),
            "houses": houses, "insurance": insurance,
            "insured": next(i for i in world.plan.indicators if i.code == "BHYT_CN_CO")}


def _report(world, plan, who, head, kind, near_poor, **typed):
    """``who``'s report of ``kind``, submitted by ``head`` and approved; ``typed``: houses
    and insured households, as typed."""
    doc = world.document(kind, _assignment(world, who))
    content = ready(doc, figures={**REPORT_COUNTS, "near_poor_end": near_poor},
                    indicators={str(plan[name].id): value for name, value in typed.items()})
    doc_ops.save_content(doc, head, content, None)
    doc_ops.transition(doc, head, Trigger.SUBMIT)
    doc_ops.transition(doc, world.reviewer, Trigger.APPROVE)
    return doc


def _columns(world):
    return {c.definition.code: c for c in indicator_matrix(world.plan).columns}


def _token(world, db):
    _t, secret = create_token(None, world.reviewer, "test")
    db.session.commit()
    return {"Authorization": f"Bearer {secret}"}


def _total_cells(page):
    """{indicator name: the dashboard's total cell (its HTML)}, in the columns' order."""
    table = page[page.index('class="list figures indicator-matrix"'):].split("</table>")[0]
    names = re.findall(r'<th scope="col">(.*?)<br>', table.split("</thead>")[0])
    cells = re.findall(r"<td class=\"num[^\"]*\" data-verdict=.*?</td>", table.split("<tfoot>")[1], re.DOTALL)
    return dict(zip(names, cells, strict=True))


def _word_rows(client, world):
    docx = Docx(io.BytesIO(client.get(f"/plans/{world.plan.id}/consolidation.docx").data))
    table = next(t for t in docx.tables if t.rows[0].cells[1].text == "Chỉ tiêu")
    return {row.cells[1].text: [c.text for c in row.cells] for row in table.rows[1:]}


def _api(client, world, headers):
    body = client.get(f"/api/v1/plans/{world.plan.id}/consolidation", headers=headers).get_json()
    return {i["code"]: i for i in body["indicators"]}


def test_a_commune_s_figures_are_not_added_to_its_district_s(client, world, plan, db):
    _report(world, plan, world.district, world.head, DeliverableKind.ANNUAL, 800,
            houses="7", insured="700")
    _report(world, plan, plan["commune"], plan["commune_head"], DeliverableKind.ANNUAL, 100,
            houses="5", insured="90")
    db.session.commit()

    columns = _columns(world)
    houses, insurance = columns["NHA_O"], columns["BHYT_CN"]
    # Krông Nô's own 7 stand for its territory, Đắk Sôr included: one top-level unit, whole.
    assert houses.total.value == D(7) and (houses.coverage.reported, houses.coverage.expected) == (1, 1)
    # The rate is Krông Nô's 700 of 800 (87,50%), not 790 of 900 (87,78%).
    assert (insurance.total.value, insurance.total.numerator, insurance.total.denominator) == (
        D("87.50"), D(700), D(800))
    assert (insurance.coverage.reported, insurance.coverage.expected) == (1, 1)
    # The units' own values are still shown, each for itself.
    rows = {r.unit.name: r.cells for r in indicator_matrix(world.plan).rows}
    assert (rows["Xã Đắk Sôr"]["NHA_O"].value, rows[world.district.name]["NHA_O"].value) == (D(5), D(7))

    headers = _token(world, db)
    login(client, world.reviewer)
    totals = _total_cells(client.get(f"/plans/{world.plan.id}/dashboard").get_data(as_text=True))
    assert "7 <small>căn nhà</small>" in totals[HOUSES] and "1/1 đơn vị" in totals[HOUSES]
    assert "87,50%" in totals["Tỷ lệ hộ cận nghèo tham gia BHYT"]

    sheet = load_workbook(io.BytesIO(client.get(f"/plans/{world.plan.id}/consolidation.xlsx").data))["Chỉ tiêu"]
    lines = {r[0].value: [c.value for c in r[1:]] for r in sheet.iter_rows(min_row=4)}
    assert lines["Tổng cộng"][:3] == [7, 700, 87.5] and lines["Số đơn vị đã báo cáo"][:3] == ["1/1"] * 3

    word = _word_rows(client, world)
    assert word[HOUSES][4:] == ["7", "Chưa đạt", "1/1"]  # whole and annual: 7 of at least 10 is a verdict
    assert word["Tỷ lệ hộ cận nghèo tham gia BHYT"][4:] == ["87,50%", "", "1/1"]  # no target: nothing to judge

    api = _api(client, world, headers)
    assert (api["NHA_O"]["total"], api["NHA_O"]["coverage"]) == (7, {"units_expected": 1, "units_reported": 1})
    assert (api["BHYT_CN"]["total"], api["BHYT_CN"]["total_numerator"], api["BHYT_CN"]["total_denominator"]) == (
        87.5, 700, 800)
    assert (api["NHA_O"]["verdict"], api["NHA_O"]["figures_final"], api["BHYT_CN"]["verdict"]) == (
        "missed", True, None)

    # The roll-up across plans totals the plan up the same tree.
    [(_line, matrix)] = rollup_for(world.observer, world.plan.year).indicators
    assert {c.definition.code: c.total.value for c in matrix.columns}["NHA_O"] == D(7)


def test_a_district_without_its_own_figure_is_the_sum_of_its_complete_units(world, plan, db):
    """Krông Nô has not reported yet: its only expected commune stands for it. With a
    target of its own, it is known from its own report only (as the consolidation does)."""
    _report(world, plan, plan["commune"], plan["commune_head"], DeliverableKind.ANNUAL, 100,
            houses="5", insured="90")
    db.session.commit()
    houses = _columns(world)["NHA_O"]
    assert houses.total.value == D(5) and (houses.coverage.reported, houses.coverage.expected) == (1, 1)

    ind_ops.set_reporters(world.admin, plan["houses"], {world.assignment.id: D(8),
                                                        _assignment(world, plan["commune"]).id: None})
    db.session.commit()
    houses = _columns(world)["NHA_O"]
    assert houses.total.value is None and (houses.coverage.reported, houses.coverage.expected) == (0, 1)
    assert houses.not_known and not houses.missed


def test_no_verdict_while_some_expected_units_have_not_reported(client, world, plan, db):
    """Cư Jút reports houses too and has not: Krông Nô's 12 clear the plan's 10, but
    half the territories say nothing of the whole: neither "Đạt" nor red."""
    ind_ops.set_reporters(world.admin, plan["houses"], {
        world.assignment.id: None, _assignment(world, plan["commune"]).id: None,
        _assignment(world, world.other_district).id: None})
    _report(world, plan, world.district, world.head, DeliverableKind.ANNUAL, 800,
            houses="12", insured="700")
    db.session.commit()
    houses = _columns(world)["NHA_O"]
    assert houses.total.value == D(12) and (houses.coverage.reported, houses.coverage.expected) == (1, 2)
    assert houses.verdict == "not_known" and houses.is_final

    headers = _token(world, db)
    login(client, world.reviewer)
    cell = _total_cells(client.get(f"/plans/{world.plan.id}/dashboard").get_data(as_text=True))[HOUSES]
    assert "Chưa đủ số liệu" in cell and "1/2 đơn vị" in cell and "missed" not in cell
    assert _word_rows(client, world)[HOUSES][4:] == ["12", "Chưa đủ số liệu", "1/2"]
    assert _api(client, world, headers)["NHA_O"]["verdict"] == "not_known"

    # Cư Jút's annual report: 12 + 3 houses, whole — now a verdict.
    _report(world, plan, world.other_district, world.other_head, DeliverableKind.ANNUAL, 300, houses="3")
    db.session.commit()
    assert _word_rows(client, world)[HOUSES][4:] == ["15", "Đạt", "2/2"]
    assert _api(client, world, headers)["NHA_O"]["verdict"] == "met"


def test_no_verdict_on_six_month_figures_against_the_year_s_target(client, world, plan, db):
    """Six months in, Krông Nô has built 4 of its own 6 houses, the plan 4 of its 10: short,
    as half-way through the year it should be — not "Chưa đạt", not red."""
    ind_ops.set_reporters(world.admin, plan["houses"], {world.assignment.id: D(6),
                                                        _assignment(world, plan["commune"]).id: None})
    doc = _report(world, plan, world.district, world.head, DeliverableKind.SIX_MONTH, 800,
                  houses="4", insured="700")
    db.session.commit()
    houses = _columns(world)["NHA_O"]
    assert houses.total.value == D(4) and not houses.coverage.is_partial
    assert not houses.is_final and houses.verdict == "not_known"

    headers = _token(world, db)
    login(client, world.reviewer)
    page = client.get(f"/plans/{world.plan.id}/dashboard").get_data(as_text=True)
    cell = _total_cells(page)[HOUSES]
    assert "Chưa đủ số liệu" in cell and "chưa phải số liệu của báo cáo năm" in cell and "missed" not in cell
    assert 'class="num missed"' not in page  # nor Krông Nô's own 4 of 6
    assert _word_rows(client, world)[HOUSES][4:] == ["4", "Chưa đủ số liệu", "1/1"]
    api = _api(client, world, headers)["NHA_O"]
    assert (api["total"], api["verdict"], api["figures_final"]) == (4, "not_known", False)
    report = client.get(f"/documents/{doc.id}").get_data(as_text=True)
    assert '<tr class="missed">' not in report[report.index('id="indicators"'):]

    # The annual report: 5 of its own 6, 5 of the plan's 10 — missed, and said.
    key = f"indicator_target:indicator-{plan['houses'].id}"
    annual = world.document(DeliverableKind.ANNUAL)
    content = ready(annual, figures={**REPORT_COUNTS, "near_poor_end": 800},
                    indicators={str(plan["houses"].id): "5", str(plan["insured"].id): "700"},
                    acknowledged={key: "Thiếu vật liệu xây dựng."})
    doc_ops.save_content(annual, world.head, content, None)
    doc_ops.transition(annual, world.head, Trigger.SUBMIT)
    doc_ops.transition(annual, world.reviewer, Trigger.APPROVE)
    db.session.commit()
    page = client.get(f"/plans/{world.plan.id}/dashboard").get_data(as_text=True)
    cell = _total_cells(page)[HOUSES]
    assert 'class="num missed" data-verdict="missed"' in cell and "Chưa đủ số liệu" not in cell
    assert page.count('class="num missed"') == 2  # the total and Krông Nô's own
    assert _word_rows(client, world)[HOUSES][4:] == ["5", "Chưa đạt", "1/1"]
    report = client.get(f"/documents/{annual.id}").get_data(as_text=True)
    assert '<tr class="missed">' in report[report.index('id="indicators"'):]


def test_the_rollup_judges_no_partial_total(client, world, plan, db):
    ind_ops.set_reporters(world.admin, plan["houses"], {
        world.assignment.id: None, _assignment(world, world.other_district).id: None})
    _report(world, plan, world.district, world.head, DeliverableKind.ANNUAL, 800,
            houses="4", insured="700")
    db.session.commit()
    body = login(client, world.observer).get(f"/rollup?year={world.plan.year}").get_data(as_text=True)
    row = body.split('data-indicator="NHA_O"')[1].split("</tr>")[0]
    assert "Chưa đủ số liệu" in row and "1/2 đơn vị" in row and "missed" not in row

    _report(world, plan, world.other_district, world.other_head, DeliverableKind.ANNUAL, 300, houses="3")
    db.session.commit()
    body = client.get(f"/rollup?year={world.plan.year}").get_data(as_text=True)
    row = body.split('data-indicator="NHA_O"')[1].split("</tr>")[0]
    assert 'class="num missed" data-verdict="missed"' in row and "Chưa đủ số liệu" not in row
