"""Importing a province's units and users: both formats, all or nothing, idempotent."""
import io

import pytest
from openpyxl import load_workbook

from app.auth.models import Membership, User
from app.units.models import Unit, UnitContact
from tests import province
from tests.factories import login
from workflows.enums import Role, UnitKind


def _count(db, model):
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def _upload(client, what, path):
    with path.open("rb") as f:
        return client.post(f"/admin/import/{what}", data={"file": (f, path.name)},
                           content_type="multipart/form-data")


@pytest.fixture
def admin(db):
    """A national-level admin with no province yet: the province is what gets imported."""
    from tests.factories import unit, user

    root = unit("Bộ Lao động - Thương binh và Xã hội", UnitKind.ORGANISATION)
    return user((Role.ADMIN, root)), root


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_province_imports_from_either_format_and_reimports_to_no_change(client, db, tmp_path, admin, fmt):
    who, root = admin
    rows = [(code, name, kind, parent or root.code, emails) for code, name, kind, parent, emails in province.unit_rows()]
    units_file = province.write_units(tmp_path / f"units.{fmt}", rows)
    users_file = province.write_users(tmp_path / f"users.{fmt}")
    login(client, who)
    before_units = _count(db, Unit)

    response = _upload(client, "units", units_file)
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]
    assert _count(db, Unit) == before_units + 186
    krong_no = db.session.scalar(db.select(Unit).where(Unit.code == "H01"))
    assert (krong_no.name, krong_no.kind, krong_no.parent.code) == ("Huyện Krông Nô", UnitKind.DISTRICT, "TINH")
    assert len(krong_no.children) == 15
    assert db.session.scalar(db.select(Unit).where(Unit.code == "SO-01")).emails == [
        "so01@tinh.gov.vn", "vanthu.so01@tinh.gov.vn"]

    response = _upload(client, "users", users_file)
    body = response.get_data(as_text=True)
    assert response.status_code == 200, body[:2000]
    assert _count(db, User) == 1 + 302
    binh = db.session.scalar(db.select(User).where(User.email == "giamngheo@tinh.gov.vn"))
    assert {(m.unit.code, m.role) for m in binh.memberships} == {("SO-01", Role.REVIEWER), ("SO-01", Role.ADMIN)}
    assert body.count("/password/") == 302  # a set-password link per new user, shown to the admin

    # The same files again: nothing changes.
    snapshot = (_count(db, Unit), _count(db, UnitContact), _count(db, User), _count(db, Membership))
    for what, path in (("units", units_file), ("users", users_file)):
        response = _upload(client, what, path)
        assert "0 " in response.get_data(as_text=True)  # 0 created
    assert (_count(db, Unit), _count(db, UnitContact), _count(db, User), _count(db, Membership)) == snapshot


def test_a_changed_row_updates_its_unit_and_user(client, db, tmp_path, admin):
    who, root = admin
    rows = [(c, n, k, p or root.code, e) for c, n, k, p, e in province.unit_rows()]
    login(client, who)
    _upload(client, "units", province.write_units(tmp_path / "units.xlsx", rows))
    _upload(client, "users", province.write_users(tmp_path / "users.xlsx"))

    rows[1] = ("SO-01", "Sở Nông nghiệp và Môi trường", "department", "TINH", "nnmt@tinh.gov.vn")
    users = province.user_rows()
    users[1] = ("giamngheo@tinh.gov.vn", "Nguyễn Văn Bình", "SO-01", "observer")
    _upload(client, "units", province.write_units(tmp_path / "units2.xlsx", rows))
    _upload(client, "users", province.write_users(tmp_path / "users2.xlsx", users))

    unit = db.session.scalar(db.select(Unit).where(Unit.code == "SO-01"))
    assert (unit.name, unit.emails) == ("Sở Nông nghiệp và Môi trường", ["nnmt@tinh.gov.vn"])
    binh = db.session.scalar(db.select(User).where(User.email == "giamngheo@tinh.gov.vn"))
    assert {m.role for m in binh.memberships} == {Role.OBSERVER, Role.ADMIN}


BAD_UNITS = [
    ("unknown parent", ("X1", "Đơn vị", "department", "KHONG-CO", ""), "parent_code"),
    ("duplicate code", ("SO-01", "Trùng mã", "department", "TINH", ""), "code"),
    ("unknown kind", ("X2", "Đơn vị", "bộ", "TINH", ""), "kind"),
    ("bad email", ("X3", "Đơn vị", "department", "TINH", "khong-phai-email"), "emails"),
    ("missing name", ("X4", "", "department", "TINH", ""), "name"),
]


@pytest.mark.parametrize(("case", "bad", "column"), BAD_UNITS, ids=[c[0] for c in BAD_UNITS])
def test_one_bad_unit_row_imports_nothing_and_names_row_and_column(client, db, tmp_path, admin, case, bad, column):
    who, root = admin
    rows = [(c, n, k, p or root.code, e) for c, n, k, p, e in province.unit_rows()[:30]]
    rows.insert(10, bad)
    before = _count(db, Unit)
    login(client, who)
    response = _upload(client, "units", province.write_units(tmp_path / "units.xlsx", rows))
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    header = dict((k, vi) for k, vi, _e in province.UNIT_COLUMNS)[column]
    assert f"<td>12</td><td>{header}</td>" in body  # row 12: header + 10 rows + the bad one
    assert _count(db, Unit) == before


def test_a_cycle_is_refused(client, db, tmp_path, admin):
    who, root = admin
    rows = [("A", "Đơn vị A", "department", "B", ""), ("B", "Đơn vị B", "department", "A", "")]
    login(client, who)
    response = _upload(client, "units", province.write_units(tmp_path / "cycle.csv", rows))
    assert response.status_code == 422
    assert "vòng lặp" in response.get_data(as_text=True)


BAD_USERS = [
    ("bad email", ("khong-email", "Tên", "SO-01", "head"), "email"),
    ("unknown unit", ("a@tinh.gov.vn", "Tên", "KHONG-CO", "head"), "unit_code"),
    ("unknown role", ("a@tinh.gov.vn", "Tên", "SO-01", "giám đốc"), "role"),
]


@pytest.mark.parametrize(("case", "bad", "column"), BAD_USERS, ids=[c[0] for c in BAD_USERS])
def test_one_bad_user_row_imports_nothing(client, db, tmp_path, admin, case, bad, column):
    who, root = admin
    rows = [(c, n, k, p or root.code, e) for c, n, k, p, e in province.unit_rows()[:30]]
    login(client, who)
    _upload(client, "units", province.write_units(tmp_path / "units.xlsx", rows))
    users = [r for r in province.user_rows() if r[2] in {c for c, *_ in rows}][:40]
    users.append(bad)
    before = _count(db, User)
    response = _upload(client, "users", province.write_users(tmp_path / "users.csv", users))
    assert response.status_code == 422
    header = dict((k, vi) for k, vi, _e in province.USER_COLUMNS)[column]
    assert f"<td>{len(users) + 1}</td><td>{header}</td>" in response.get_data(as_text=True)
    assert _count(db, User) == before


def test_vietnamese_kind_and_role_names_are_understood(client, db, tmp_path, admin):
    who, root = admin
    login(client, who)
    _upload(client, "units", province.write_units(tmp_path / "u.csv", [("H1", "Huyện Một", "Huyện", root.code, "")]))
    _upload(client, "users", province.write_users(tmp_path / "p.csv", [("a@h1.vn", "An", "H1", "Thủ trưởng đơn vị")]))
    assert db.session.scalar(db.select(Unit).where(Unit.code == "H1")).kind is UnitKind.DISTRICT
    assert db.session.scalar(db.select(User).where(User.email == "a@h1.vn")).memberships[0].role is Role.HEAD


def test_files_that_are_not_tables_get_a_clear_message(client, db, tmp_path, admin):
    who, _root = admin
    login(client, who)
    fake = tmp_path / "units.xlsx"
    fake.write_bytes(b"this is not a spreadsheet")
    response = _upload(client, "units", fake)
    assert response.status_code == 422 and "Excel" in response.get_data(as_text=True)
    wrong = tmp_path / "units.csv"
    wrong.write_text("a,b\n1,2\n", encoding="utf-8")
    response = _upload(client, "units", wrong)
    assert response.status_code == 422 and "Mã đơn vị" in response.get_data(as_text=True)
    exe = tmp_path / "units.exe"
    exe.write_bytes(b"MZ")
    assert _upload(client, "units", exe).status_code == 422


@pytest.mark.parametrize("what", ["units", "users"])
def test_templates_download_and_import_as_they_are(client, db, admin, what, tmp_path):
    who, root = admin
    login(client, who)
    xlsx = client.get(f"/admin/templates/{what}.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    assert [c.value for c in sheet[1]][:2] == (["Mã đơn vị", "Tên đơn vị"] if what == "units" else ["Email", "Họ và tên"])
    csv_text = client.get(f"/admin/templates/{what}.csv").data.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("Mã đơn vị" if what == "units" else "Email")
    if what == "units":  # the example rows import under the admin's unit
        path = tmp_path / "template.xlsx"
        path.write_bytes(xlsx.data)
        sheet_rows = [list(r) for r in load_workbook(path).active.iter_rows(values_only=True)]
        sheet_rows[1][3] = root.code
        province.write_units(path, [tuple(r) for r in sheet_rows[1:]])
        assert _upload(client, "units", path).status_code == 200


def test_an_admin_imports_only_under_units_they_administer(client, db, tmp_path):
    from tests.factories import World

    world = World()
    district_admin = __import__("tests.factories", fromlist=["user"]).user((Role.ADMIN, world.district))
    login(client, district_admin)
    rows = [("XA-1", "Xã Một", "commune", world.district.code, ""),
            ("SO-X", "Sở khác", "department", world.province.code, "")]
    response = _upload(client, "units", province.write_units(tmp_path / "u.csv", rows))
    assert response.status_code == 422
    assert db.session.scalar(db.select(Unit).where(Unit.code == "XA-1")) is None


def test_the_command_line_imports_a_province(app, db, tmp_path):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["units", "import", str(province.write_units(tmp_path / "units.csv"))])
    assert result.exit_code == 0, result.output
    assert "186 created" in result.output
    result = runner.invoke(args=["users", "import", str(province.write_users(tmp_path / "users.xlsx"))])
    assert result.exit_code == 0, result.output
    assert result.output.count("/password/") == 302
    result = runner.invoke(args=["units", "import", str(province.write_units(tmp_path / "units.csv"))])
    assert "0 created, 0 updated, 186 unchanged" in result.output

    bad = province.write_units(tmp_path / "bad.csv", [("X", "", "department", "NOPE", "")])
    result = runner.invoke(args=["units", "import", str(bad)])
    assert result.exit_code == 1 and "row 2" in result.output and "nothing was imported" in result.output

    result = runner.invoke(args=["users", "create", "--email", "Moi@Tinh.gov.vn", "--name", "Người Mới",
                                 "--unit", "H01", "--role", "head"])
    assert result.exit_code == 0, result.output
    assert "/password/" in result.output
    result = runner.invoke(args=["users", "create", "--email", "moi@tinh.gov.vn", "--name", "Người Mới",
                                 "--unit", "H02", "--role", "staff"])
    user = db.session.scalar(db.select(User).where(User.email == "moi@tinh.gov.vn"))
    assert {(m.unit.code, m.role) for m in user.memberships} == {("H01", Role.HEAD), ("H02", Role.STAFF)}
