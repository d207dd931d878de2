"""A report carries the indicators its unit owes (issue 16, point 2): the unit's target
beside each, the value typed, the rate computed; kept per version, so a returned report
keeps what it said; checked when saving and submitting (errors block, a missed target in
the annual report is a warning to explain).

Two districts report the Ninh Thuận 2022 goals; the health department, without household
figures of its own, gives the near-poor count its insurance ratio needs.
"""
from decimal import Decimal

import pytest

from app.documents import indicators as doc_indicators
from app.documents import operations as doc_ops
from app.errors import Invalid
from app.plans import indicators as ind_ops
from tests.factories import REPORT_COUNTS, login, ready, submit_through_pages, unit, user
from workflows.enums import DeliverableKind, Direction, IndicatorKind, MeasureUnit, Role, Trigger

D = Decimal


def _add(world, **values):
    values = {"target": None, "is_required": True, "numerator_code": None, "denominator_code": None, **values}
    return ind_ops.add_indicator(world.admin, world.plan, **values)


@pytest.fixture
def goals(world, db):
    """The plan's goals; both districts report insurance and houses, Krông Nô with its own
    house target; the health department reports insurance."""
    insured = _add(world, code="BHYT_CN_CO", name="Hộ cận nghèo có thẻ BHYT", unit=MeasureUnit.HOUSEHOLDS,
                   kind=IndicatorKind.COUNT, direction=Direction.AT_LEAST)
    insurance = _add(world, code="BHYT_CN", name="Tỷ lệ hộ cận nghèo tham gia BHYT", unit=MeasureUnit.PERCENT,
                     kind=IndicatorKind.RATIO, direction=Direction.AT_LEAST, numerator_code="BHYT_CN_CO",
                     denominator_code="near_poor", target=D(98))
    houses = _add(world, code="NHA_O", name="Nhà ở xây mới, sửa chữa cho hộ nghèo", unit=MeasureUnit.HOUSES,
                  kind=IndicatorKind.COUNT, direction=Direction.AT_LEAST, target=D(200))
    models = _add(world, code="MO_HINH", name="Mô hình giảm nghèo", unit=MeasureUnit.MODELS,
                  kind=IndicatorKind.COUNT, direction=Direction.AT_LEAST, target=D(10), is_required=False)
    health = unit("Sở Y tế", parent=world.province)
    from app.plans import operations as plan_ops

    plan_ops.assign_units(world.admin, world.plan, [health], "Bảo hiểm y tế")
    by_unit = {a.unit_id: a for a in world.plan.assignments}
    district, other = by_unit[world.district.id], by_unit[world.other_district.id]
    ind_ops.set_reporters(world.admin, insurance, {district.id: None, other.id: None, by_unit[health.id].id: None})
    ind_ops.set_reporters(world.admin, houses, {district.id: D(120), other.id: None})
    ind_ops.set_reporters(world.admin, models, {district.id: None})
    db.session.commit()
    return {"insured": insured, "insurance": insurance, "houses": houses, "models": models, "health": health,
            "health_assignment": by_unit[health.id]}


def _values(goals, **typed):
    """content["indicators"] as the page stores it: {indicator id: decimal string}."""
    return {str(goals[name].id): value for name, value in typed.items()}


def _annual(world, assignment=None):
    return world.document(DeliverableKind.ANNUAL, assignment)


def test_a_report_shows_what_its_unit_owes_with_its_targets(client, world, goals, db):
    login(client, world.staff)
    doc = _annual(world)
    page = client.get(f"/documents/{doc.id}/edit").get_data(as_text=True)
    assert "Chỉ tiêu của kế hoạch" in page
    # Its ratio, the count the ratio needs, its houses with its own target, its models.
    for name in ("Tỷ lệ hộ cận nghèo tham gia BHYT", "Hộ cận nghèo có thẻ BHYT", "Nhà ở xây mới, sửa chữa",
                 "Mô hình giảm nghèo"):
        assert name in page
    assert "≥ 120 căn nhà" in page and "≥ 98,00%" in page
    assert f'name="indicator-{goals["houses"].id}"' in page
    assert f'name="indicator-{goals["insurance"].id}"' not in page  # computed, not typed

    # The other district owes no models; a sub-plan carries no indicators.
    other = _annual(world, next(a for a in world.plan.assignments if a.unit_id == world.other_district.id))
    assert [d.code for d in doc_indicators.owed(other.deliverable).definitions] == ["BHYT_CN_CO", "BHYT_CN", "NHA_O"]
    assert doc_indicators.owed(world.document(DeliverableKind.SUBPLAN).deliverable).definitions == []


def _form(doc, **indicators):
    data = {"results": "Đã thực hiện.", **{k: str(v) for k, v in REPORT_COUNTS.items()}, "near_poor_end": "800",
            "lock_version": doc.lock_version}
    data.update({f"indicator-{k}": v for k, v in indicators.items()})
    return data


def test_values_typed_are_stored_in_the_version_and_the_rate_computed(client, world, goals, db):
    login(client, world.staff)
    doc = _annual(world)
    response = client.post(f"/documents/{doc.id}/edit", data=_form(doc, **{
        str(goals["insured"].id): "790", str(goals["houses"].id): "1.234", str(goals["models"].id): ""}))
    assert response.status_code == 302
    db.session.expire_all()
    assert doc.current_version.content["indicators"] == _values(goals, insured="790", houses="1234")
    page = client.get(f"/documents/{doc.id}").get_data(as_text=True)
    assert "98,75%" in page and "(790 / 800)" in page and "1.234 căn nhà" in page
    edit = client.get(f"/documents/{doc.id}/edit").get_data(as_text=True)
    assert 'value="1.234"' in edit  # typed again the Vietnamese way


def test_errors_block_submission_and_name_the_indicator(client, world, goals, db):
    login(client, world.head)
    doc = _annual(world)
    # 801 insured of 800 near-poor; the houses left empty (required).
    response = submit_through_pages(client, doc, _form(doc, **{str(goals["insured"].id): "801"}))
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "Hộ cận nghèo có thẻ BHYT (801) vượt quá Hộ cận nghèo (800)" in body
    assert "Nhà ở xây mới, sửa chữa cho hộ nghèo: bắt buộc" in body
    db.session.expire_all()
    assert doc.state.value == "draft"
    # The models are optional: nobody is told to fill them.
    assert "Mô hình giảm nghèo: bắt buộc" not in body


def test_a_missed_target_in_the_annual_report_is_a_warning_to_explain(client, world, goals, db):
    login(client, world.head)
    doc = _annual(world)
    data = _form(doc, **{str(goals["insured"].id): "780", str(goals["houses"].id): "120"})  # 97,50% < 98%
    response = submit_through_pages(client, doc, data)
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "đạt 97,5 %; chỉ tiêu là ít nhất 98 %" in body
    key = f"indicator_target:indicator-{goals['insurance'].id}"
    assert f'name="ack-{key}"' in body
    db.session.expire_all()
    response = submit_through_pages(client, doc, {**data, "lock_version": doc.lock_version,
                                                  f"ack-{key}": "Hai xã chưa cấp thẻ kịp trong tháng 12."})
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    db.session.expire_all()
    assert doc.state.value == "submitted"
    assert doc.current_version.content["acknowledged"] == {key: "Hai xã chưa cấp thẻ kịp trong tháng 12."}
    # The reviewer's queue counts the explained warning: decided on its own, not with the clean ones.
    from app.review.queue import review_rows

    [row] = [r for r in review_rows([world.labour.id]) if r.document.id == doc.id]
    assert (row.errors, row.warnings) == (0, 1)
    client.post("/logout")
    login(client, world.reviewer)
    assert f'href="/documents/{doc.id}"' in client.get("/review/?findings=1").get_data(as_text=True)


def test_half_way_a_count_short_of_its_yearly_target_is_no_warning(world, goals, db):
    doc = world.document(DeliverableKind.SIX_MONTH)
    content = ready(doc, figures={**REPORT_COUNTS, "near_poor_end": 800},
                    indicators=_values(goals, insured="700", houses="40"))
    doc_ops.save_content(doc, world.head, content, None)
    doc_ops.transition(doc, world.head, Trigger.SUBMIT)  # 87,50% insured, 40 of 120 houses: no warning
    assert doc.state.value == "submitted"


def test_a_returned_report_keeps_what_it_said(client, world, goals, db):
    doc = _annual(world)
    first = ready(doc, figures={**REPORT_COUNTS, "near_poor_end": 800},
                  indicators=_values(goals, insured="790", houses="120"))
    doc_ops.save_content(doc, world.head, first, None)
    doc_ops.transition(doc, world.head, Trigger.SUBMIT)
    doc_ops.transition(doc, world.reviewer, Trigger.RETURN, "Kiểm tra lại số nhà.")
    doc_ops.save_content(doc, world.head, {**first, "indicators": _values(goals, insured="790", houses="125")}, None)
    doc_ops.transition(doc, world.head, Trigger.SUBMIT)
    submitted = [e.content["indicators"][str(goals["houses"].id)] for e in doc.log if e.trigger is Trigger.SUBMIT]
    assert submitted == ["120", "125"]
    db.session.commit()
    login(client, world.reviewer)  # what changed since the return, for the reviewer
    page = client.get(f"/documents/{doc.id}").get_data(as_text=True)
    changed = page[page.index('id="review-facts"'):].split("</section>")[0]
    assert "Nhà ở xây mới, sửa chữa cho hộ nghèo</th>" in changed and "<strong>125</strong>" in changed
    assert "Hộ cận nghèo có thẻ BHYT</th>" not in changed  # unchanged
    doc_ops.transition(doc, world.reviewer, Trigger.APPROVE)
    doc_ops.transition(doc, world.reviewer, Trigger.REOPEN, "Điều chỉnh chỉ tiêu.")
    assert [v.content["indicators"][str(goals["houses"].id)] for v in doc.versions] == ["125", "125"]
    assert doc.versions[0].approved_at is not None


def test_a_department_gives_the_built_in_count_its_ratio_needs(client, world, goals, db):
    doc = _annual(world, goals["health_assignment"])
    owing = doc_indicators.owed(doc.deliverable)
    assert [d.code for d in owing.definitions] == ["near_poor", "BHYT_CN_CO", "BHYT_CN"]
    head = user((Role.HEAD, goals["health"]), name="Giám đốc Sở Y tế")
    content = ready(doc, indicators={"near_poor": "5000", str(goals["insured"].id): "4950"})
    doc_ops.save_content(doc, head, content, None)
    assert doc_indicators.lines(doc.deliverable, content)[2].value == D("99.00")
    doc_ops.check_ready(doc, head)
    with pytest.raises(Invalid) as refused:  # without the near-poor count, it may not be submitted
        doc_ops.check_ready(doc, head, {**content, "indicators": {str(goals["insured"].id): "4950"}})
    assert "indicator-near_poor" in refused.value.errors


def test_the_api_keeps_and_takes_the_indicators(client, world, goals, db):
    from app.api.operations import create_token

    doc = _annual(world)
    _token, secret = create_token(None, world.staff, "test")
    db.session.commit()
    headers = {"Authorization": f"Bearer {secret}"}
    content = {"results": "Đã thực hiện.", "figures": {**REPORT_COUNTS, "near_poor_end": 800},
               "indicators": _values(goals, insured="790", houses="1.234")}
    response = client.put(f"/api/v1/documents/{doc.id}/content", headers=headers,
                          json={"lock_version": doc.lock_version, "content": content})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["content"]["indicators"] == _values(goals, insured="790", houses="1234")
    response = client.put(f"/api/v1/documents/{doc.id}/content", headers=headers, json={
        "lock_version": response.get_json()["lock_version"],
        "content": {**content, "indicators": {str(goals["houses"].id): "nhiều", "999": "1"}}})
    assert response.status_code == 422
    fields = response.get_json()["error"]["fields"]
    assert f"content.indicators.{goals['houses'].id}" in fields and "content.indicators.999" in fields


def _approve(world, doc, head, content):
    doc_ops.save_content(doc, head, content, None)
    doc_ops.transition(doc, head, Trigger.SUBMIT)
    doc_ops.transition(doc, world.reviewer, Trigger.APPROVE)


def test_the_dashboard_shows_indicator_by_unit_with_coverage(client, world, goals, db):
    from app.figures.indicators import indicator_matrix

    other_head = world.other_head
    krong_no = _annual(world)
    cu_jut = _annual(world, next(a for a in world.plan.assignments if a.unit_id == world.other_district.id))
    _approve(world, krong_no, world.head, ready(krong_no, figures={**REPORT_COUNTS, "near_poor_end": 800},
                                                indicators=_values(goals, insured="790", houses="120", models="6"),
                                                acknowledged={}))
    # Cư Jút: 97,50% insured, short of 98%: explained.
    key = f"indicator_target:indicator-{goals['insurance'].id}"
    _approve(world, cu_jut, other_head, ready(cu_jut, figures={**REPORT_COUNTS, "households_end": 20000,
                                                               "near_poor_end": 1200},
                                              indicators=_values(goals, insured="1170", houses="70"),
                                              acknowledged={key: "Chưa cấp kịp thẻ."}))
    db.session.commit()
    matrix = indicator_matrix(world.plan)
    columns = {c.definition.code: c for c in matrix.columns}
    # 790 + 1.170 of 800 + 1.200 near-poor: 98,00% (not the average of 98,75% and 97,50%).
    assert columns["BHYT_CN"].total.value == D("98.00")
    assert (columns["BHYT_CN"].coverage.reported, columns["BHYT_CN"].coverage.expected) == (2, 3)  # health: not yet
    assert (columns["NHA_O"].total.value, columns["NHA_O"].missed) == (D(190), True)  # 190 houses of 200
    assert (columns["MO_HINH"].total.value, columns["MO_HINH"].coverage.expected) == (D(6), 1)
    cells = {r.unit.name: r.cells for r in matrix.rows}
    assert cells[world.district.name]["NHA_O"].target == D(120)
    assert cells[world.other_district.name]["BHYT_CN"].value == D("97.50")
    assert "MO_HINH" not in cells[world.other_district.name]
    assert not cells["Sở Y tế"]["BHYT_CN"].reported

    login(client, world.reviewer)
    page = client.get(f"/plans/{world.plan.id}/dashboard").get_data(as_text=True)
    section = page[page.index('id="indicators"'):]
    assert "Tỷ lệ hộ cận nghèo tham gia BHYT" in section and "98,00%" in section and "2/3 đơn vị" in section
    assert "190 <small>căn nhà</small>" in section and "chưa báo cáo" in section


def test_the_dashboard_shows_a_plan_s_many_indicators_a_few_at_a_time_for_the_units_chosen(client, world, goals, db):
    """Ninh Thuận sets 24 goals: the dashboard shows eight at a time, the others a link away,
    and its unit-kind filter narrows the rows, never the totals."""
    from app.figures.routes import INDICATOR_COLUMNS

    for i in range(INDICATOR_COLUMNS + 2):  # 4 + 10 indicators: two pages
        made = _add(world, code=f"CS_{i:02d}", name=f"Chỉ số thêm {i:02d}", unit=MeasureUnit.PEOPLE,
                    kind=IndicatorKind.COUNT, direction=Direction.AT_LEAST)
        ind_ops.set_reporters(world.admin, made, {goals["health_assignment"].id: None})
    db.session.commit()
    login(client, world.reviewer)

    def section(query=""):
        page = client.get(f"/plans/{world.plan.id}/dashboard{query}")
        assert page.status_code == 200
        text = page.get_data(as_text=True)
        return text[text.index('id="indicators"'):]

    first = section()
    assert "Chỉ số 1–8 trong 14" in first and "Tỷ lệ hộ cận nghèo tham gia BHYT" in first
    assert "Chỉ số thêm 03" in first and "Chỉ số thêm 04" not in first
    assert f'href="/plans/{world.plan.id}/dashboard?indicators=2#indicators"' in first
    second = section("?indicators=2")
    assert "Chỉ số 9–14 trong 14" in second and "Chỉ số thêm 09" in second and "Chỉ số thêm 03" not in second
    assert section("?indicators=99").count("Chỉ số 9–14 trong 14") == 1  # beyond the last: the last
    everyone = section()
    assert "Sở Y tế" in everyone and world.district.name in everyone and 'id="indicator-filter"' not in everyone
    districts = section("?unit_kind=district")
    assert world.district.name in districts and "Sở Y tế" not in districts
    assert 'id="indicator-filter"' in districts and "Tổng của tất cả các đơn vị" in districts
    assert 'href="/plans/%d/dashboard?indicators=2&amp;unit_kind=district#indicators"' % world.plan.id in districts


def test_consolidation_excel_word_and_api_carry_every_indicator(client, world, goals, db):
    import io

    from docx import Document as Docx
    from openpyxl import load_workbook

    from app.api.operations import create_token

    krong_no = _annual(world)
    _approve(world, krong_no, world.head, ready(krong_no, figures={**REPORT_COUNTS, "near_poor_end": 800},
                                                indicators=_values(goals, insured="790", houses="120", models="6")))
    _token, secret = create_token(None, world.reviewer, "test")
    db.session.commit()
    login(client, world.reviewer)
    page = client.get(f"/plans/{world.plan.id}/consolidation").get_data(as_text=True)
    section = page[page.index('id="indicators"'):]
    assert "Nhà ở xây mới, sửa chữa cho hộ nghèo" in section and "98,75%" in section and "1/3 đơn vị" in section

    sheet = load_workbook(io.BytesIO(client.get(f"/plans/{world.plan.id}/consolidation.xlsx").data))["Chỉ tiêu"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert rows[0][:4] == ["Đơn vị", "Hộ cận nghèo có thẻ BHYT (hộ)", "Tỷ lệ hộ cận nghèo tham gia BHYT (%)",
                           "Nhà ở xây mới, sửa chữa cho hộ nghèo (căn nhà)"]
    by_label = {r[0]: r[1:] for r in rows[1:]}
    assert by_label["Chỉ tiêu của kế hoạch"][1:3] == ["≥ 98,00%", "≥ 200"]
    assert by_label[world.district.name][:4] == [790, 98.75, 120, 6]
    assert by_label[world.other_district.name][1] == "chưa báo cáo" and by_label[world.other_district.name][3] is None
    assert by_label["Tổng cộng"][:3] == [790, 98.75, 120] and by_label["Số đơn vị đã báo cáo"][1] == "1/3"

    docx = Docx(io.BytesIO(client.get(f"/plans/{world.plan.id}/consolidation.docx").data))
    text = "\n".join(p.text for p in docx.paragraphs)
    assert "IV. CÁC CHỈ TIÊU CỦA KẾ HOẠCH" in text
    table = next(t for t in docx.tables if t.rows[0].cells[1].text == "Chỉ tiêu")
    cells = [[c.text for c in row.cells] for row in table.rows]
    # One unit of three (of two) reported: no verdict on a part, neither "Đạt" nor "Chưa đạt".
    assert ["2", "Tỷ lệ hộ cận nghèo tham gia BHYT", "%", "≥ 98,00%", "98,75%", "Chưa đủ số liệu", "1/3"] in cells
    assert ["3", "Nhà ở xây mới, sửa chữa cho hộ nghèo", "căn nhà", "≥ 200", "120", "Chưa đủ số liệu",
            "1/2"] in cells
    # The models: Krông Nô alone reports them, in its annual report: 6 of at least 10 is a verdict.
    assert ["4", "Mô hình giảm nghèo", "mô hình", "≥ 10", "6", "Chưa đạt", "1/1"] in cells

    api = client.get(f"/api/v1/plans/{world.plan.id}/consolidation",
                     headers={"Authorization": f"Bearer {secret}"}).get_json()
    by_code = {i["code"]: i for i in api["indicators"]}
    assert set(by_code) == {"BHYT_CN_CO", "BHYT_CN", "NHA_O", "MO_HINH"}
    assert (by_code["BHYT_CN"]["total"], by_code["BHYT_CN"]["total_numerator"],
            by_code["BHYT_CN"]["total_denominator"]) == (98.75, 790, 800)
    assert by_code["BHYT_CN"]["coverage"] == {"units_expected": 3, "units_reported": 1}
    assert {u["unit"]["id"]: u["target"] for u in by_code["NHA_O"]["units"]} == {world.district.id: 120,
                                                                                  world.other_district.id: None}
