"""A plan's own indicators, set up through its pages: defined, reported by some of its units
with their targets, changed, deleted while unused, copied to next year.

The plan is the Ninh Thuận 2022 one's goals (shared/seeds): near-poor households with
health insurance at least 98% (a ratio over the built-in near-poor count), at least 200
houses built or repaired (a count), at least 10 poverty-reduction models, 100% of the
poverty-reduction staff trained (a ratio of two counts of the plan, and as a value).
"""
from decimal import Decimal

import pytest

from app.documents import operations as doc_ops
from app.plans import indicators as ind_ops
from app.plans import operations as plan_ops
from app.plans.models import Indicator, IndicatorAssignment, Plan
from tests.factories import login, ready
from workflows.enums import DeliverableKind, Direction, IndicatorKind, MeasureUnit

INSURED = {"name": "Hộ cận nghèo có thẻ BHYT", "code": "BHYT_CN_CO", "kind": "count", "unit": "households",
           "direction": "at_least", "target": "", "is_required": "y"}
INSURANCE = {"name": "Tỷ lệ hộ cận nghèo tham gia BHYT", "code": "BHYT_CN", "kind": "ratio", "unit": "percent",
             "numerator_code": "BHYT_CN_CO", "denominator_code": "near_poor", "direction": "at_least",
             "target": "98", "is_required": "y"}
HOUSES = {"name": "Nhà ở xây mới, sửa chữa cho hộ nghèo", "code": "NHA_O", "kind": "count", "unit": "houses",
          "direction": "at_least", "target": "200", "is_required": "y"}


def _add(client, plan, form):
    return client.post(f"/plans/{plan.id}/indicators/new", data=form)


def _field_chunk(body, field):
    """The markup of the form field ``field`` (macros.field: its box, label, input, errors)."""
    return next(c for c in body.split('<div class="field')[1:] if f'id="{field}"' in c)


def _indicator(db, plan, code):
    return db.session.scalar(db.select(Indicator).where(Indicator.plan_id == plan.id, Indicator.code == code))


def _assignment(world, unit):
    return next(a for a in world.plan.assignments if a.unit_id == unit.id)


def test_an_administrator_defines_the_plan_s_indicators(client, world, db):
    login(client, world.admin)
    for form in (INSURED, INSURANCE, HOUSES):
        response = _add(client, world.plan, form)
        assert response.status_code == 302, response.get_data(as_text=True)
    insurance = _indicator(db, world.plan, "BHYT_CN")
    assert (insurance.kind, insurance.unit, insurance.direction, insurance.target) == (
        IndicatorKind.RATIO, MeasureUnit.PERCENT, Direction.AT_LEAST, Decimal(98))
    assert (insurance.numerator_code, insurance.denominator_code) == ("BHYT_CN_CO", "near_poor")
    assert [i.code for i in world.plan.indicators] == ["BHYT_CN_CO", "BHYT_CN", "NHA_O"]

    page = client.get(f"/plans/{world.plan.id}/indicators/").get_data(as_text=True)
    assert "Tỷ lệ hộ cận nghèo tham gia BHYT" in page and "≥ 98,00%" in page and "≥ 200 căn nhà" in page
    assert "Hộ cận nghèo có thẻ BHYT ÷ Hộ cận nghèo" in page  # the ratio names its counts
    assert "poor_rate_change" in page and "Tỷ lệ hộ nghèo" in page  # the built-ins, in Vietnamese
    assert "Chưa có đơn vị nào báo cáo" in page
    assert f"/plans/{world.plan.id}/indicators/" in client.get(f"/plans/{world.plan.id}").get_data(as_text=True)


@pytest.mark.parametrize("changes, field, message", [
    ({"code": "poor_rate"}, "code", "là mã của một chỉ tiêu có sẵn"),
    ({"code": "nha_o"}, "code", "đã là mã của «Nhà ở xây mới, sửa chữa cho hộ nghèo»"),
    ({"code": "2X"}, "code", "Mã bắt đầu bằng một chữ cái"),
    ({"numerator_code": ""}, "numerator_code", "Chọn số đếm"),
    ({"denominator_code": "poor_rate"}, "denominator_code", "không phải là một số đếm"),
    ({"target": "101"}, "target", "Tỷ lệ phần trăm nằm trong khoảng 0 đến 100"),
    ({"target": "nhiều"}, "target", "Nhập tỷ lệ phần trăm"),
    ({"kind": "count", "unit": "percent"}, "unit", "Số đếm là số hộ, người"),
    ({"name": ""}, "name", "Đặt tên cho chỉ tiêu"),
])
def test_a_bad_definition_is_refused_next_to_its_field_and_nothing_is_stored(client, world, db, changes, field,
                                                                               message):
    login(client, world.admin)
    assert _add(client, world.plan, HOUSES).status_code == 302
    response = _add(client, world.plan, {**INSURANCE, **changes})
    assert response.status_code == 422
    chunk = _field_chunk(response.get_data(as_text=True), field)
    assert chunk.startswith(" has-error") and message in chunk, chunk
    assert f'value="{changes.get("code", INSURANCE["code"])}"' in response.get_data(as_text=True)  # kept as typed
    assert db.session.scalar(db.select(db.func.count(Indicator.id))) == 1


def test_units_report_an_indicator_with_their_own_targets(client, world, db):
    login(client, world.admin)
    _add(client, world.plan, HOUSES)
    houses = _indicator(db, world.plan, "NHA_O")
    district, other = _assignment(world, world.district), _assignment(world, world.other_district)
    url = f"/plans/{world.plan.id}/indicators/{houses.id}/units"
    page = client.get(url).get_data(as_text=True)
    assert world.district.name in page and world.other_district.name in page

    response = client.post(url, data={f"reports-{district.id}": "y", f"target-{district.id}": "12,5",
                                      f"reports-{other.id}": "y"})
    assert response.status_code == 422
    assert "Nhập một số nguyên" in response.get_data(as_text=True)
    assert houses.reporters == []

    response = client.post(url, data={f"reports-{district.id}": "y", f"target-{district.id}": "120",
                                      f"reports-{other.id}": "y", f"target-{other.id}": ""})
    assert response.status_code == 302
    db.session.expire_all()
    assert sorted((r.assignment_id, r.target) for r in houses.reporters) == sorted(
        [(district.id, Decimal(120)), (other.id, None)])
    assert "Báo cáo bởi 2 đơn vị" in client.get(f"/plans/{world.plan.id}/indicators/").get_data(as_text=True)

    # Unticked: the unit no longer reports it.
    assert client.post(url, data={f"reports-{other.id}": "y"}).status_code == 302
    db.session.expire_all()
    assert [(r.assignment_id, r.target) for r in houses.reporters] == [(other.id, None)]


def test_a_new_code_follows_into_the_ratios_computed_from_it(client, world, db):
    login(client, world.admin)
    _add(client, world.plan, INSURED)
    _add(client, world.plan, INSURANCE)
    insured = _indicator(db, world.plan, "BHYT_CN_CO")
    response = client.post(f"/plans/{world.plan.id}/indicators/{insured.id}/edit",
                           data={**INSURED, "code": "BHYT_CO"})
    assert response.status_code == 302
    db.session.expire_all()
    assert _indicator(db, world.plan, "BHYT_CN").numerator_code == "BHYT_CO"
    # A count a ratio is computed from stays a count.
    response = client.post(f"/plans/{world.plan.id}/indicators/{insured.id}/edit",
                           data={**INSURED, "code": "BHYT_CO", "kind": "value"})
    assert response.status_code == 422
    assert "«Tỷ lệ hộ cận nghèo tham gia BHYT»" in response.get_data(as_text=True)


def test_an_indicator_is_deleted_only_while_unused(client, world, db):
    login(client, world.admin)
    _add(client, world.plan, INSURED)
    _add(client, world.plan, INSURANCE)
    _add(client, world.plan, HOUSES)
    insured, houses = _indicator(db, world.plan, "BHYT_CN_CO"), _indicator(db, world.plan, "NHA_O")

    response = client.post(f"/plans/{world.plan.id}/indicators/{insured.id}/delete", follow_redirects=True)
    assert "được tính từ chỉ tiêu này" in response.get_data(as_text=True)
    assert _indicator(db, world.plan, "BHYT_CN_CO") is not None

    # A report gave the houses: they stay, with what was said about them.
    doc = world.document(DeliverableKind.SIX_MONTH)
    doc_ops.save_content(doc, world.staff, {**ready(doc), "indicators": {str(houses.id): "40"}}, None)
    db.session.commit()
    page = client.get(f"/plans/{world.plan.id}/indicators/").get_data(as_text=True)
    assert f"/indicators/{houses.id}/delete" not in page and "đã có trong báo cáo" in page
    response = client.post(f"/plans/{world.plan.id}/indicators/{houses.id}/delete", follow_redirects=True)
    assert "không thể xóa" in response.get_data(as_text=True)
    assert _indicator(db, world.plan, "NHA_O") is not None
    response = client.post(f"/plans/{world.plan.id}/indicators/{houses.id}/edit",
                           data={**HOUSES, "unit": "models"})
    assert response.status_code == 422 and _indicator(db, world.plan, "NHA_O").unit is MeasureUnit.HOUSES

    ratio = _indicator(db, world.plan, "BHYT_CN")
    assert client.post(f"/plans/{world.plan.id}/indicators/{ratio.id}/delete").status_code == 302
    assert client.post(f"/plans/{world.plan.id}/indicators/{insured.id}/delete").status_code == 302
    db.session.expire_all()
    assert [i.code for i in world.plan.indicators] == ["NHA_O"]


def test_only_the_plan_s_administrators_change_its_indicators(client, world, db):
    houses = ind_ops.add_indicator(world.admin, world.plan, **_values(HOUSES))
    db.session.commit()
    for who in (world.reviewer, world.head, world.observer):
        login(client, who)
        assert client.get(f"/plans/{world.plan.id}/indicators/").status_code == 200
        assert client.get(f"/plans/{world.plan.id}/indicators/new").status_code == 403
        assert _add(client, world.plan, INSURED).status_code == 403
        assert client.post(f"/plans/{world.plan.id}/indicators/{houses.id}/edit", data=HOUSES).status_code == 403
        assert client.post(f"/plans/{world.plan.id}/indicators/{houses.id}/delete").status_code == 403
        assert client.post(f"/plans/{world.plan.id}/indicators/{houses.id}/units").status_code == 403
        client.post("/logout")
    login(client, world.outsider)
    assert client.get(f"/plans/{world.plan.id}/indicators/").status_code == 403
    assert db.session.scalar(db.select(db.func.count(Indicator.id))) == 1


def test_an_indicator_of_another_plan_is_not_found_under_this_one(client, world, db):
    other = plan_ops.copy_to_next_year(world.admin, world.plan)
    houses = ind_ops.add_indicator(world.admin, other, **_values(HOUSES))
    db.session.commit()
    login(client, world.admin)
    assert client.get(f"/plans/{world.plan.id}/indicators/{houses.id}/edit").status_code == 404


def _values(form):
    values = {k: v for k, v in form.items() if k in ind_ops.FIELDS}
    values.update(kind=IndicatorKind(form["kind"]), unit=MeasureUnit(form["unit"]),
                  direction=Direction(form["direction"]), target=Decimal(form["target"]) if form["target"] else None,
                  is_required=True)
    return values


def test_copying_a_plan_copies_its_indicators_and_who_reports_them(client, world, db):
    insured = ind_ops.add_indicator(world.admin, world.plan, **_values(INSURED))
    ind_ops.add_indicator(world.admin, world.plan, **_values(INSURANCE))
    ind_ops.set_reporters(world.admin, insured, {_assignment(world, world.district).id: Decimal(500),
                                                 _assignment(world, world.other_district).id: None})
    db.session.commit()
    login(client, world.admin)
    assert client.post(f"/plans/{world.plan.id}/copy").status_code == 302
    copy = db.session.scalar(db.select(Plan).where(Plan.copied_from_id == world.plan.id))
    assert [(i.code, i.kind, i.numerator_code, i.denominator_code, i.target) for i in copy.indicators] == [
        ("BHYT_CN_CO", IndicatorKind.COUNT, None, None, None),
        ("BHYT_CN", IndicatorKind.RATIO, "BHYT_CN_CO", "near_poor", Decimal(98))]
    reporters = copy.indicators[0].reporters
    assert sorted(r.assignment.unit_id for r in reporters) == sorted([world.district.id, world.other_district.id])
    assert all(r.assignment.plan_id == copy.id and r.target is None for r in reporters)
    # The original keeps its own.
    assert db.session.scalar(db.select(db.func.count(IndicatorAssignment.id))) == 4


def test_reporters_are_the_plan_s_assigned_units_only(world, db):
    houses = ind_ops.add_indicator(world.admin, world.plan, **_values(HOUSES))
    other = plan_ops.copy_to_next_year(world.admin, world.plan)
    from app.errors import Invalid

    with pytest.raises(Invalid):
        ind_ops.set_reporters(world.admin, houses, {other.assignments[0].id: None})


def test_changes_to_indicators_are_in_the_audit_log(client, world, db):
    from app.audit.models import AuditEntry

    login(client, world.admin)
    _add(client, world.plan, HOUSES)
    houses = _indicator(db, world.plan, "NHA_O")
    district = _assignment(world, world.district)
    client.post(f"/plans/{world.plan.id}/indicators/{houses.id}/units",
                data={f"reports-{district.id}": "y", f"target-{district.id}": "120"})
    entries = db.session.scalars(db.select(AuditEntry).where(AuditEntry.object_type.in_(
        ["indicator", "indicator_unit"])).order_by(AuditEntry.id)).all()
    assert [(e.object_type, e.action.value, e.plan_id, e.actor_id) for e in entries] == [
        ("indicator", "created", world.plan.id, world.admin.id),
        ("indicator_unit", "created", world.plan.id, world.admin.id)]
    assert entries[1].unit_id == world.district.id
    page = client.get("/admin/audit/").get_data(as_text=True)
    assert "NHA_O – Nhà ở xây mới, sửa chữa cho hộ nghèo" in page and "Đơn vị báo cáo chỉ tiêu" in page
    assert "căn nhà" in page  # the unit of measure, by its name
