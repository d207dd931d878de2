"""Files that print unit names as official appendices do ("P. Nguyễn Thị Minh Khai",
"X. Dak Nia", "UBND xã …") import, from Excel and CSV alike: a plan's targets, users,
units. A name two units fit is refused, the candidates named; a unit outside what the
importer may address is never found by its name."""
import csv
import datetime as dt

import pytest

from app.auth.models import User
from app.extensions import db
from app.plans import operations as plan_ops
from app.plans.models import PlanTarget
from app.units.models import Unit
from tests import province as files
from tests.factories import login, unit, user
from tests.province import HEADER, xlsx
from workflows.deadlines import default_due_on
from workflows.enums import DeliverableKind, Role, UnitKind

#: The target columns an appendix must have (the end-of-year ones are optional).
TARGET_HEADER = HEADER[:5]


@pytest.fixture
def city(db):
    """Gia Nghĩa's wards and communes, assigned a plan; Krông Nô's Nam Đà, not assigned."""
    top = unit("Ủy ban nhân dân tỉnh Đắk Nông", UnitKind.PROVINCE)
    labour = unit("Sở Lao động - Thương binh và Xã hội", parent=top)
    gia_nghia = unit("Thành phố Gia Nghĩa", UnitKind.DISTRICT, parent=top)
    krong_no = unit("Huyện Krông Nô", UnitKind.DISTRICT, parent=top)
    names = ["Phường Nguyễn Thị Minh Khai", "Xã Đắk Nia", "Xã Đắk R'Moan", "Phường Nghĩa Đức",
             "Phường Nghĩa Thành", "Xã Nghĩa Thành", "Xã Đắk Sôr", "Xã Dak Sor"]
    communes = {name: unit(name, UnitKind.COMMUNE, parent=gia_nghia) for name in names}
    nam_da = unit("Xã Nam Đà", UnitKind.COMMUNE, parent=krong_no)
    admin = user((Role.ADMIN, top))
    plan = plan_ops.create_plan(
        admin, top, labour, year=2027, number="12", symbol="KH-UBND", title="Giảm nghèo 2027", place="Gia Nghĩa",
        issued_on=dt.date(2027, 2, 15), legal_bases="", goals="",
        **{f"{k.value}_due_on": default_due_on(k, 2027)
           for k in (DeliverableKind.SUBPLAN, DeliverableKind.SIX_MONTH, DeliverableKind.ANNUAL)})
    plan_ops.assign_units(admin, plan, list(communes.values()))
    db.session.commit()
    return {"plan": plan, "admin": admin, "reviewer": user((Role.REVIEWER, labour)), "communes": communes,
            "top": top, "gia_nghia": gia_nghia, "krong_no": krong_no, "nam_da": nam_da,
            "city_admin": user((Role.ADMIN, gia_nghia))}


def table(path, header, rows):
    """The rows as an .xlsx or a .csv (UTF-8, as Excel's "CSV UTF-8" saves it), by ``path``."""
    if path.suffix == ".xlsx":
        return xlsx(path, rows, header)
    with path.open("w", newline="", encoding="utf-8-sig") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows([str(v).replace(".", ",") if isinstance(v, float) else v for v in r] for r in rows)
    return path


def post(client, url, path):
    with path.open("rb") as f:
        return client.post(url, data={"file": (f, path.name)}, content_type="multipart/form-data")


def targets(client, plan, path):
    return post(client, f"/plans/{plan.id}/targets/import", path)


# The appendix of a city as printed: kind words abbreviated, one name without diacritics,
# one by its People's Committee with a typographic apostrophe, one in lower case.
PRINTED = [
    ["P. Nguyễn Thị Minh Khai", 1000, 50, 5, 10],
    ["X. Dak Nia", 2000, 300, 15, 60],
    ["UBND xã Đắk R’Moan", 1500, 75, 5, 15],
    ["p. nghia duc", 800, 40, 5, 8],
    ["Tổng cộng", 5300, 465, 8.77, 93],
]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_an_appendix_printing_names_its_own_way_imports(city, client, tmp_path, suffix):
    login(client, city["reviewer"])
    response = targets(client, city["plan"], table(tmp_path / f"phu-luc{suffix}", TARGET_HEADER, PRINTED))
    assert response.status_code == 302, response.get_data(as_text=True)
    rows = db.session.scalars(db.select(PlanTarget).where(PlanTarget.plan_id == city["plan"].id)).all()
    assert {r.unit.name: r.poor_start for r in rows} == {
        "Phường Nguyễn Thị Minh Khai": 50, "Xã Đắk Nia": 300, "Xã Đắk R'Moan": 75, "Phường Nghĩa Đức": 40}


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_name_two_units_fit_is_refused_naming_both(city, client, tmp_path, suffix):
    rows = [["Nghĩa Thành", 1000, 50, 5, 10],  # Phường or Xã Nghĩa Thành?
            ["xa dak sor", 900, 90, 10, 9],  # Xã Đắk Sôr or Xã Dak Sor?
            ["Xã Dak Sor", 700, 70, 10, 7]]  # exactly as stored: this one is found
    login(client, city["reviewer"])
    response = targets(client, city["plan"], table(tmp_path / f"mo-ho{suffix}", TARGET_HEADER, rows))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    codes = {name: u.code for name, u in city["communes"].items()}
    assert ("<td>2</td><td>Đơn vị</td><td>«Nghĩa Thành» có thể là "
            f"«Phường Nghĩa Thành» ({codes['Phường Nghĩa Thành']}), «Xã Nghĩa Thành» ({codes['Xã Nghĩa Thành']}): "
            "hãy ghi tên đầy đủ hoặc mã của đơn vị.</td>") in page
    assert (f"<td>3</td><td>Đơn vị</td><td>«xa dak sor» có thể là «Xã Dak Sor» ({codes['Xã Dak Sor']}), "
            f"«Xã Đắk Sôr» ({codes['Xã Đắk Sôr']})") in page
    assert "<td>4</td>" not in page
    assert db.session.scalar(db.select(db.func.count()).select_from(PlanTarget)) == 0

    rows[0][0], rows[1][0] = "X. Nghĩa Thành", "Xã Đắk Sôr"  # the kind word, the exact name: settled
    response = targets(client, city["plan"], table(tmp_path / f"ro{suffix}", TARGET_HEADER, rows))
    assert response.status_code == 302, response.get_data(as_text=True)
    imported = db.session.scalars(db.select(PlanTarget).where(PlanTarget.plan_id == city["plan"].id)).all()
    assert {r.unit.name for r in imported} == {"Xã Nghĩa Thành", "Xã Đắk Sôr", "Xã Dak Sor"}


def test_a_unit_the_plan_does_not_assign_is_not_found_by_its_name(city, client, tmp_path):
    login(client, city["reviewer"])
    response = targets(client, city["plan"], table(tmp_path / "ngoai.xlsx", TARGET_HEADER,
                                                   [["X. Nam Đà", 1000, 50, 5, 10]]))
    assert response.status_code == 422
    assert "<td>2</td><td>Đơn vị</td><td>«X. Nam Đà» không phải là đơn vị của kế hoạch này.</td>" in \
        response.get_data(as_text=True)


def test_the_command_line_reads_the_same_names(city, app, tmp_path):
    runner = app.test_cli_runner()
    path = table(tmp_path / "phu-luc.csv", TARGET_HEADER, PRINTED)
    result = runner.invoke(args=["plans", "import-targets", str(city["plan"].id), str(path)])
    assert result.exit_code == 0, result.output
    assert "4 created" in result.output


def _users(client, path):
    return post(client, "/admin/import/users", path)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_users_file_names_units_as_printed(city, client, tmp_path, suffix):
    rows = [("an@gianghia.gov.vn", "Nguyễn Văn An", "P. Nguyen Thi Minh Khai", "head"),
            ("binh@gianghia.gov.vn", "Trần Thị Bình", "UBND X. Đắk Nia", "staff"),
            ("chi@gianghia.gov.vn", "Lê Thị Chi", "TP. Gia Nghĩa", "admin"),
            ("dung@gianghia.gov.vn", "Phạm Dũng", city["communes"]["Xã Dak Sor"].code, "head")]
    login(client, city["admin"])
    response = _users(client, files.write_users(tmp_path / f"u{suffix}", rows))
    assert response.status_code == 200, response.get_data(as_text=True)
    roles = {u.email: {(m.unit.name, m.role) for m in u.memberships}
             for u in db.session.scalars(db.select(User).where(User.email.like("%@gianghia.gov.vn")))}
    assert roles == {"an@gianghia.gov.vn": {("Phường Nguyễn Thị Minh Khai", Role.HEAD)},
                     "binh@gianghia.gov.vn": {("Xã Đắk Nia", Role.STAFF)},
                     "chi@gianghia.gov.vn": {("Thành phố Gia Nghĩa", Role.ADMIN)},
                     "dung@gianghia.gov.vn": {("Xã Dak Sor", Role.HEAD)}}


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_users_file_is_refused_for_an_ambiguous_name_and_one_outside_the_admin_s_units(
        city, client, tmp_path, suffix):
    rows = [("an@gianghia.gov.vn", "Nguyễn Văn An", "Xa Nghia Thanh", "head"),
            ("binh@gianghia.gov.vn", "Trần Thị Bình", "Nghĩa Thành", "staff"),
            ("chi@gianghia.gov.vn", "Lê Thị Chi", "X. Nam Đà", "head")]  # Krông Nô's: not this admin's
    login(client, city["city_admin"])
    response = _users(client, files.write_users(tmp_path / f"u{suffix}", rows))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "<td>2</td>" not in page  # "Xa Nghia Thanh": the kind word settles it
    assert "<td>3</td><td>Mã đơn vị</td><td>«Nghĩa Thành» có thể là «Phường Nghĩa Thành»" in page
    assert ("<td>4</td><td>Mã đơn vị</td><td>«X. Nam Đà» không phải là mã hay tên của đơn vị nào "
            "bạn quản trị.</td>") in page
    assert page.count("<td>4</td>") == 1  # one sentence per cell, not a second about codes
    assert db.session.scalar(db.select(User).where(User.email.like("%@gianghia.gov.vn"))) is None


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_units_file_names_parents_as_printed_even_those_of_the_same_file(city, client, tmp_path, suffix):
    rows = [("P-NGHIA-TAN", "Phường Nghĩa Tân", "commune", "TP. Gia Nghia", ""),
            ("TUY-DUC", "Huyện Tuy Đức", "district", "UBND tỉnh Đắk Nông", ""),
            ("XA-DAK-BUK-SO", "Xã Đắk Búk So", "commune", "H. Tuy Đức", "")]  # new in this very file
    login(client, city["admin"])
    response = post(client, "/admin/import/units", files.write_units(tmp_path / f"dv{suffix}", rows))
    assert response.status_code == 200, response.get_data(as_text=True)
    parents = {u.code: u.parent.name for u in db.session.scalars(
        db.select(Unit).where(Unit.code.in_(["P-NGHIA-TAN", "TUY-DUC", "XA-DAK-BUK-SO"])))}
    assert parents == {"P-NGHIA-TAN": "Thành phố Gia Nghĩa", "TUY-DUC": "Ủy ban nhân dân tỉnh Đắk Nông",
                       "XA-DAK-BUK-SO": "Huyện Tuy Đức"}


def test_a_units_file_with_an_ambiguous_or_unknown_parent_imports_nothing(city, client, app, tmp_path):
    before = db.session.scalar(db.select(db.func.count()).select_from(Unit))
    rows = [("THON-1", "Thôn 1", "organisation", "Đắk Sôr", ""),
            ("THON-2", "Thôn 2", "organisation", "Huyện Không Có", "")]
    login(client, city["admin"])
    response = post(client, "/admin/import/units", files.write_units(tmp_path / "dv.xlsx", rows))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "<td>2</td><td>Mã đơn vị cấp trên</td><td>«Đắk Sôr» có thể là «Xã Dak Sor»" in page
    assert ("<td>3</td><td>Mã đơn vị cấp trên</td><td>«Huyện Không Có» không phải là mã hay tên của đơn vị "
            "nào bạn quản trị.</td>") in page
    # At the command line the operator may name any unit; the sentence says so.
    result = app.test_cli_runner().invoke(args=["units", "import", str(tmp_path / "dv.xlsx")])
    assert result.exit_code == 1
    assert "row 3, Mã đơn vị cấp trên: Không có đơn vị nào mang mã hoặc tên «Huyện Không Có»." in result.output
    assert "row 2, Mã đơn vị cấp trên: «Đắk Sôr» có thể là" in result.output
    assert db.session.scalar(db.select(db.func.count()).select_from(Unit)) == before


def test_the_import_pages_say_how_units_may_be_named(city, client):
    login(client, city["admin"])
    for url in (f"/plans/{city['plan'].id}/targets/import", "/admin/import/units", "/admin/import/users"):
        page = client.get(url).get_data(as_text=True)
        assert "bằng mã hoặc bằng tên như phụ lục in" in page, url
