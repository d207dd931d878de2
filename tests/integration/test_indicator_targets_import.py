"""The target import takes the plan's own indicators as columns, by code or by name
(issue 16, point 6): a unit's cell is its own target, the total row's the plan's; a
department with no households gives only its indicator targets."""
import io
from decimal import Decimal

import openpyxl

from app.extensions import db
from app.plans import indicators as ind_ops
from app.plans.models import IndicatorAssignment, PlanTarget
from tests.factories import login, unit
from tests.province import xlsx
from workflows.enums import Direction, IndicatorKind, MeasureUnit

HEADER = ["Đơn vị", "Tổng số hộ", "Số hộ nghèo", "Tỷ lệ hộ nghèo (%)", "Số hộ giảm"]


def _indicators(world):
    houses = ind_ops.add_indicator(world.admin, world.plan, code="NHA_O", name="Nhà ở xây mới, sửa chữa cho hộ nghèo",
                                   unit=MeasureUnit.HOUSES, kind=IndicatorKind.COUNT, direction=Direction.AT_LEAST,
                                   target=Decimal(150))
    trained = ind_ops.add_indicator(world.admin, world.plan, code="TAP_HUAN", name="Cán bộ giảm nghèo được tập huấn",
                                    unit=MeasureUnit.PERCENT, kind=IndicatorKind.VALUE, direction=Direction.AT_LEAST,
                                    target=Decimal(100))
    db.session.commit()
    return houses, trained


def _upload(client, plan, path):
    with open(path, "rb") as f:
        return client.post(f"/plans/{plan.id}/targets/import", data={"file": (f, path.name)},
                           content_type="multipart/form-data")


def _reporters(indicator):
    db.session.expire_all()
    return {r.assignment.unit.name: r.target for r in db.session.scalars(
        db.select(IndicatorAssignment).where(IndicatorAssignment.indicator_id == indicator.id))}


def test_indicator_columns_by_code_and_by_name_set_each_unit_s_target(world, client, tmp_path):
    houses, trained = _indicators(world)
    health = unit("Sở Y tế", parent=world.province)
    from app.plans import operations as plan_ops  # the world's plan gets a department without households

    plan_ops.assign_units(world.admin, world.plan, [health])
    db.session.commit()
    rows = [
        [world.district.name, 19680, 851, "4,32", 180, 120, "100"],
        ["H. Cư Jút", 22180, 1183, "5,33", 480, 80, ""],
        ["Sở Y tế", None, None, None, None, None, "95"],
        ["Tổng cộng", 41860, 2034, "4,86", 660, 200, None],
    ]
    path = xlsx(tmp_path / "chi-tieu.xlsx", rows, header=[*HEADER, "NHA_O", "Cán bộ giảm nghèo được tập huấn"])
    login(client, world.admin)
    response = _upload(client, world.plan, path)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert _reporters(houses) == {world.district.name: Decimal(120), world.other_district.name: Decimal(80)}
    assert _reporters(trained) == {world.district.name: Decimal(100), "Sở Y tế": Decimal(95)}
    assert db.session.get(type(houses), houses.id).target == Decimal(200)  # the total row: the plan's target
    # The department gave no households: it has no row in the household table.
    targets = db.session.scalars(db.select(PlanTarget.unit_id).where(PlanTarget.plan_id == world.plan.id)).all()
    assert sorted(targets) == sorted([world.district.id, world.other_district.id])


def test_a_bad_indicator_cell_is_refused_with_its_row_and_column_and_nothing_is_written(world, client, tmp_path):
    houses, trained = _indicators(world)
    rows = [[world.district.name, 19680, 851, "4,32", 180, "12,5", "101"],
            [world.other_district.name, 22180, 1183, "5,33", 480, 80, "90"]]
    path = xlsx(tmp_path / "sai.xlsx", rows, header=[*HEADER, "Nhà ở xây mới, sửa chữa cho hộ nghèo", "TAP_HUAN"])
    login(client, world.admin)
    response = _upload(client, world.plan, path)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Nhà ở xây mới, sửa chữa cho hộ nghèo" in page and "Cán bộ giảm nghèo được tập huấn" in page
    assert "101" in page  # a percentage above 100
    assert _reporters(houses) == {} and _reporters(trained) == {}
    assert db.session.scalar(db.select(db.func.count(PlanTarget.id)).where(PlanTarget.plan_id == world.plan.id)) == 0


def test_a_reviewer_imports_households_but_not_indicator_targets(world, client, tmp_path):
    houses, _trained = _indicators(world)
    login(client, world.reviewer)
    with_indicators = xlsx(tmp_path / "a.xlsx", [[world.district.name, 19680, 851, "4,32", 180, 120]],
                           header=[*HEADER, "NHA_O"])
    response = _upload(client, world.plan, with_indicators)
    assert response.status_code == 422
    assert "Chỉ quản trị viên của Kế hoạch" in response.get_data(as_text=True)
    assert _reporters(houses) == {}
    assert db.session.scalar(db.select(db.func.count(PlanTarget.id)).where(PlanTarget.plan_id == world.plan.id)) == 0
    without = xlsx(tmp_path / "b.xlsx", [[world.district.name, 19680, 851, "4,32", 180, None]],
                   header=[*HEADER, "NHA_O"])
    assert _upload(client, world.plan, without).status_code == 302


def test_the_plan_s_template_has_a_column_per_indicator(world, client):
    _indicators(world)
    login(client, world.admin)
    response = client.get(f"/plans/{world.plan.id}/targets/template.xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    header = [c.value for c in sheet[1]]
    assert header[-2:] == ["Nhà ở xây mới, sửa chữa cho hộ nghèo", "Cán bộ giảm nghèo được tập huấn"]
    assert [c.value for c in sheet[4]][-2:] == ["150", "100"]  # the total row: the plan's targets
    client.post("/logout")
    login(client, world.head)
    assert client.get(f"/plans/{world.plan.id}/targets/template.xlsx").status_code == 403


def test_the_command_line_reads_the_indicator_columns(world, app, tmp_path):
    houses, _trained = _indicators(world)
    from app.cli import import_targets_command

    path = xlsx(tmp_path / "cli.xlsx", [[world.district.name, 19680, 851, "4,32", 180, 60]],
                header=[*HEADER, "nha_o"])
    result = app.test_cli_runner().invoke(import_targets_command, [str(world.plan.id), str(path)])
    assert result.exit_code == 0, result.output
    assert "1 indicator targets set" in result.output
    assert _reporters(houses) == {world.district.name: Decimal(60)}
