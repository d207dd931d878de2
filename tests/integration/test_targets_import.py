"""Importing a plan's target table from Excel: the Đắk Nông appendix end to end, near-poor
households beside the poor ones, bad rows refused with nothing written, by page and by
command line."""
import datetime as dt
from decimal import Decimal

import openpyxl
import pytest
import sqlalchemy as sa

from app.extensions import db
from app.plans import operations as plan_ops
from app.plans.models import PlanTarget
from tests.factories import login, unit, user
from tests.htmlforms import table_rows
from tests.province import APPENDIX, FULL_APPENDIX, FULL_HEADER, HEADER, NEAR_POOR_HEADER, xlsx
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
    assert header == HEADER + NEAR_POOR_HEADER
    # The template's example rows are Krông Nô, Cư Jút and their total: they import, with
    # no warning (their printed rates are those of their counts), near-poor households too.
    response = upload(client, province["plan"], path)
    assert response.status_code == 302, response.get_data(as_text=True)
    krong_no = db.session.scalar(db.select(PlanTarget).where(PlanTarget.unit_id == province["districts"][0].id))
    assert (krong_no.near_poor_start, krong_no.near_poor_end, krong_no.near_poor_rate_start) == (
        1020, 950, Decimal("5.18"))
    csv_header = client.get("/plans/targets/template.csv").data.decode("utf-8-sig").splitlines()[0]
    assert csv_header.split(",")[-5:] == NEAR_POOR_HEADER


# --- near-poor households -------------------------------------------------------------------

def test_near_poor_households_are_imported_beside_the_poor(province, client, tmp_path):
    plan = province["plan"]
    login(client, province["reviewer"])
    response = upload(client, plan, xlsx(tmp_path / "phu-luc.xlsx", FULL_APPENDIX, FULL_HEADER))
    assert response.status_code == 302, response.get_data(as_text=True)
    rows = {r.unit.name: r for r in db.session.scalars(db.select(PlanTarget).where(PlanTarget.plan_id == plan.id))}
    assert sum(r.near_poor_start for r in rows.values()) == 10135
    assert sum(r.near_poor_end for r in rows.values()) == 10110
    glong = rows["Huyện Đắk Glong"]
    # Near-poor households grow there: the reduction is negative, and it is a figure, not a mistake.
    assert (glong.near_poor_start, glong.near_poor_end, glong.near_poor_reduction) == (2480, 2620, -140)
    assert (glong.near_poor_rate_start, glong.near_poor_rate_end) == (Decimal("14.01"), Decimal("14.72"))

    page = client.get(f"/plans/{plan.id}").get_data(as_text=True)
    table = {cells[0][0]: [text for text, _span in cells[1:]] for css, cells in table_rows(page, "target-table")}
    # Households; poor: start, rate, reduction, end, rate, fall in points; near-poor: start,
    # rate, end, rate, fall in points — the total's rates from the summed counts.
    assert table["Tổng cộng"] == ["167.383", "13.342", "7,97%", "4.990", "8.352", "4,97%", "3,00",
                                  "10.135", "6,05%", "10.110", "6,01%", "0,04"]
    assert table["Huyện Đắk Glong"][7:] == ["2.480", "14,01%", "2.620", "14,72%", "-0,71"]
    assert "near-poor-coverage" not in page

    # The same file again changes nothing; the poor-only appendix then clears the near-poor figures.
    again = upload(client, plan, xlsx(tmp_path / "lai.xlsx", FULL_APPENDIX, FULL_HEADER))
    assert again.status_code == 302
    assert "thay đổi 0, giữ nguyên 8" in client.get(f"/plans/{plan.id}").get_data(as_text=True)
    assert upload(client, plan, xlsx(tmp_path / "ngheo.xlsx", APPENDIX)).status_code == 302
    assert "thay đổi 8, giữ nguyên 0" in client.get(f"/plans/{plan.id}").get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count()).select_from(PlanTarget)
                             .where(PlanTarget.near_poor_start.is_not(None))) == 0


NEAR_START, NEAR_RATE, NEAR_END, NEAR_POINTS, NEAR_RATE_END = range(8, 13)  # columns of FULL_APPENDIX


@pytest.mark.parametrize("change, row, column, message", [
    ((0, NEAR_START, "một nghìn"), 2, "Số hộ cận nghèo", "«một nghìn» không phải là số hộ (số nguyên)."),
    ((0, NEAR_END, -5), 2, "Số hộ cận nghèo cuối năm", "«-5» không phải là số hộ (số nguyên)."),
    ((0, NEAR_START, 1020.5), 2, "Số hộ cận nghèo", "«1020.5» không phải là số hộ (số nguyên)."),
    ((2, NEAR_START, 30000), 4, "Số hộ cận nghèo", "Hộ cận nghèo (30.000) vượt quá tổng số hộ (27.950)."),
    ((2, NEAR_END, 28000), 4, "Số hộ cận nghèo cuối năm", "Hộ cận nghèo (28.000) vượt quá tổng số hộ (27.990)."),
    ((2, NEAR_END, 27700), 4, "Số hộ cận nghèo cuối năm",
     "Hộ nghèo và hộ cận nghèo cộng lại (28.131) vượt tổng số hộ (27.990)."),
    ((3, NEAR_END, None), 5, "Số hộ cận nghèo cuối năm",
     "Nhập số hộ cận nghèo cả đầu năm và cuối năm, hoặc bỏ trống cả hai."),
    ((3, NEAR_RATE, "năm phẩy tư"), 5, "Tỷ lệ hộ cận nghèo (%)",
     "«năm phẩy tư» không phải là tỷ lệ phần trăm, ví dụ 7,97."),
    ((8, NEAR_START, 10000), 10, "Số hộ cận nghèo",
     "Các dòng đơn vị cộng lại được 10.135, không khớp với dòng tổng 10.000."),
])
def test_each_bad_near_poor_figure_is_refused(province, client, tmp_path, change, row, column, message):
    rows = [list(r) for r in FULL_APPENDIX]
    index, position, value = change
    rows[index][position] = value
    login(client, province["reviewer"])
    response = upload(client, province["plan"], xlsx(tmp_path / "sai.xlsx", rows, FULL_HEADER))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert f"<td>{row}</td><td>{column}</td><td>{message}</td>" in page
    assert db.session.scalar(db.select(db.func.count()).select_from(PlanTarget)) == 0


def test_a_near_poor_rate_without_its_households_is_refused(province, client, tmp_path):
    rows = [list(r) for r in FULL_APPENDIX[:-1]]
    rows[4][NEAR_START] = rows[4][NEAR_END] = None  # Đắk R'Lấp: the rates stay, the counts are gone
    login(client, province["reviewer"])
    response = upload(client, province["plan"], xlsx(tmp_path / "sai.xlsx", rows, FULL_HEADER))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    for column in ("Tỷ lệ hộ cận nghèo (%)", "Tỷ lệ hộ cận nghèo giảm (%)", "Tỷ lệ hộ cận nghèo cuối năm (%)"):
        assert (f"<td>6</td><td>{column}</td><td>Tỷ lệ hộ cận nghèo phải đi kèm số hộ cận nghèo để tính: "
                f"hãy nhập cả số hộ cận nghèo.</td>") in page
    assert db.session.scalar(db.select(db.func.count()).select_from(PlanTarget)) == 0


def test_near_poor_rates_off_by_more_than_rounding_are_imported_with_warnings(province, client, tmp_path):
    rows = [list(r) for r in FULL_APPENDIX]
    rows[0][NEAR_RATE] = 5.5  # 1.020 of 19.680 is 5,18%
    rows[1][NEAR_POINTS] = 0.5  # 5,91 − 5,63 = 0,28
    rows[5][NEAR_POINTS] = "−0,7"  # Đắk Glong: they grow by 0,71 points, printed with a minus sign: fine
    login(client, province["reviewer"])
    response = upload(client, province["plan"], xlsx(tmp_path / "canh-bao.xlsx", rows, FULL_HEADER))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<td>2</td><td>Tỷ lệ hộ cận nghèo (%)</td><td>Tỷ lệ đã nhập (5,5%) khác tỷ lệ tính từ số hộ (5,18%).</td>" \
        in page
    assert "<td>3</td><td>Tỷ lệ hộ cận nghèo giảm (%)</td>" in page and "(0,28 điểm %)" in page
    assert "<td>7</td>" not in page
    assert db.session.scalar(db.select(db.func.count()).select_from(PlanTarget)) == 8


@pytest.mark.parametrize("values", [{"near_poor_start": -1}, {"near_poor_end": -1},
                                    {"households_start": 100, "near_poor_start": 101}])
def test_the_database_refuses_near_poor_households_out_of_bounds(province, values):
    """As it refuses poor ones: whatever writes the row (the import checks first)."""
    plan, district = province["plan"], province["districts"][0]
    table = PlanTarget.__table__
    with pytest.raises(sa.exc.IntegrityError), db.session.begin_nested():
        db.session.execute(table.insert().values(plan_id=plan.id, unit_id=district.id, **values))
    with db.session.begin_nested():  # within bounds: accepted
        db.session.execute(table.insert().values(plan_id=plan.id, unit_id=district.id, households_start=100,
                                                 near_poor_start=100, near_poor_end=0))


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
