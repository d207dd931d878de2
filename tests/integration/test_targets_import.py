"""Importing a plan's target table from Excel: the Đắk Nông appendix end to end, bad
rows refused with nothing written, by page and by command line."""
import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from app.extensions import db
from app.plans import operations as plan_ops
from app.plans.models import PlanTarget
from tests.factories import login, unit, user
from tests.province import APPENDIX, HEADER, xlsx
from tests.province import DAK_NONG_DISTRICTS as DISTRICTS
from workflows.deadlines import default_due_on
from workflows.enums import DeliverableKind, Role, UnitKind

@pytest.fixture
def province(db):
    top = unit("Ủy ban nhân dân tỉnh Đắk Nông", UnitKind.PROVINCE)
    labour = unit("Sở Lao động - Thương binh và Xã hội", parent=top)
    districts = [unit(name, UnitKind.DISTRICT, parent=top) for _code, name in DISTRICTS]
    admin = user((Role.ADMIN, top))
    reviewer = user((Role.REVIEWER, labour))
    head = user((Role.HEAD, districts[0]))
    plan = plan_ops.create_plan(
        admin, top, labour, year=2027, number="98", symbol="KH-UBND", title="Giảm nghèo 2027", place="Đắk Nông",
        issued_on=dt.date(2027, 2, 15), legal_bases="", goals="",
        **{f"{k.value}_due_on": default_due_on(k, 2027)
           for k in (DeliverableKind.SUBPLAN, DeliverableKind.SIX_MONTH, DeliverableKind.ANNUAL)})
    plan_ops.assign_units(admin, plan, districts)
    db.session.commit()  # what a request would have done: operations only flush
    return {"plan": plan, "reviewer": reviewer, "head": head, "districts": districts}


def upload(client, plan, path):
    with open(path, "rb") as f:
        return client.post(f"/plans/{plan.id}/targets/import", data={"file": (f, path.name)},
                           content_type="multipart/form-data")


def test_the_coordinating_reviewer_imports_the_dak_nong_appendix(province, client, tmp_path):
    plan = province["plan"]
    login(client, province["reviewer"])
    response = upload(client, plan, xlsx(tmp_path / "phu-luc.xlsx", APPENDIX))
    assert response.status_code == 302, response.get_data(as_text=True)
    rows = db.session.scalars(db.select(PlanTarget).where(PlanTarget.plan_id == plan.id)).all()
    assert len(rows) == 8
    assert sum(r.poor_start for r in rows) == 13342
    assert sum(r.poor_reduction for r in rows) == 4990
    assert sum(r.poor_end for r in rows) == 8352
    by_name = {r.unit.name: r for r in rows}
    assert by_name["Huyện Tuy Đức"].poor_rate_end == Decimal("19.50")
    page = client.get(f"/plans/{plan.id}").get_data(as_text=True)
    for printed in ("13.342", "8.352", "4.990", "7,97%", "4,97%", "30,78%", "19,50%"):
        assert printed in page, printed

    # The same file again changes nothing.
    again = upload(client, plan, xlsx(tmp_path / "lai.xlsx", APPENDIX))
    assert again.status_code == 302
    assert "thay đổi 0, giữ nguyên 8" in client.get(f"/plans/{plan.id}").get_data(as_text=True)


def test_a_wrong_sum_is_refused_row_and_column_named_and_nothing_written(province, client, tmp_path):
    plan = province["plan"]
    rows = [list(r) for r in APPENDIX]
    rows[1][2] = 1193  # Cư Jút's poor households mistyped: the total no longer adds up
    login(client, province["reviewer"])
    response = upload(client, plan, xlsx(tmp_path / "sai.xlsx", rows))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Các dòng đơn vị cộng lại được 13.352, không khớp với dòng tổng 13.342." in page
    assert "<td>10</td><td>Số hộ nghèo</td>" in page  # the total row, the column
    assert db.session.scalar(db.select(db.func.count()).select_from(PlanTarget)) == 0


@pytest.mark.parametrize("change, row, column, message", [
    ((0, 0, "Huyện Lâm Hà"), 2, "Đơn vị", "«Huyện Lâm Hà» không phải là đơn vị của kế hoạch này."),
    ((0, 2, "tám trăm"), 2, "Số hộ nghèo", "«tám trăm» không phải là số hộ (số nguyên)."),
    ((2, 2, 30000), 4, "Số hộ nghèo", "vượt quá tổng số hộ (27.950)"),
    ((3, 4, 900), 5, "Số hộ giảm", "Số hộ giảm (900) lớn hơn số hộ nghèo (833)."),
    ((5, 0, "Huyện Krông Nô"), 7, "Đơn vị", "Đơn vị đã có ở dòng 2."),
])
def test_each_bad_row_is_refused(province, client, tmp_path, change, row, column, message):
    rows = [list(r) for r in APPENDIX[:-1]]
    index, position, value = change
    rows[index][position] = value
    login(client, province["reviewer"])
    response = upload(client, province["plan"], xlsx(tmp_path / "sai.xlsx", rows))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert f"<td>{row}</td><td>{column}</td><td>" in page and message in page
    assert db.session.scalar(db.select(db.func.count()).select_from(PlanTarget)) == 0


def test_a_rate_off_by_more_than_rounding_is_imported_with_a_warning(province, client, tmp_path):
    rows = [list(r) for r in APPENDIX]
    rows[0][3] = 4.52
    login(client, province["reviewer"])
    response = upload(client, province["plan"], xlsx(tmp_path / "canh-bao.xlsx", rows))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Cảnh báo (vẫn được nhập)" in page and "Tỷ lệ đã nhập (4,52%) khác tỷ lệ tính từ số hộ (4,32%)." in page
    assert db.session.scalar(db.select(db.func.count()).select_from(PlanTarget)) == 8


def test_only_the_plan_s_admins_and_reviewers_import(province, client, tmp_path):
    login(client, province["head"])
    assert upload(client, province["plan"], xlsx(tmp_path / "x.xlsx", APPENDIX)).status_code == 403


def test_the_template_downloads_and_imports(province, client, tmp_path):
    login(client, province["reviewer"])
    response = client.get("/plans/targets/template.xlsx")
    assert response.status_code == 200
    path = tmp_path / "mau.xlsx"
    path.write_bytes(response.data)
    header = [c.value for c in openpyxl.load_workbook(path).active[1]]
    assert header == HEADER
    # The template's example rows are Krông Nô, Cư Jút and their total: they import.
    assert upload(client, province["plan"], path).status_code == 302


def test_the_command_line_imports_and_refuses(province, app, tmp_path):
    runner = app.test_cli_runner()
    bad = [list(r) for r in APPENDIX]
    bad[8][2] = 13000
    result = runner.invoke(args=["plans", "import-targets", str(province["plan"].id),
                                 str(xlsx(tmp_path / "sai.xlsx", bad))])
    assert result.exit_code == 1
    assert "row 10, Số hộ nghèo: Các dòng đơn vị cộng lại được 13.342, không khớp với dòng tổng 13.000." in \
        result.output
    assert db.session.scalar(db.select(db.func.count()).select_from(PlanTarget)) == 0
    result = runner.invoke(args=["plans", "import-targets", str(province["plan"].id),
                                 str(xlsx(tmp_path / "dung.xlsx", APPENDIX))])
    assert result.exit_code == 0, result.output
    assert "8 created, 0 updated, 0 unchanged." in result.output
    assert runner.invoke(args=["plans", "import-targets", "999999", str(tmp_path / "dung.xlsx")]).exit_code == 1
