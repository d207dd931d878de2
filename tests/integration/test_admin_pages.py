"""Administration by page: units and users one at a time, set-password links."""
import re

from app.units.models import Unit
from tests.factories import PASSWORD, login
from workflows.enums import Role, UnitKind


def _link(response):
    return re.search(r"http://[^\s<\"]+/password/[A-Za-z0-9_.\-]+", response.get_data(as_text=True)).group(0)


def test_create_edit_move_and_deactivate_a_unit(client, world, db):
    login(client, world.admin)
    response = client.post("/admin/units/new", data={
        "code": "XA-NAM-DA", "name": "Xã Nam Đà", "kind": "commune", "parent_code": world.district.code,
        "emails": "namda@krongno.gov.vn\nvanthu.namda@krongno.gov.vn", "is_active": "y"})
    assert response.status_code == 302
    unit = db.session.scalar(db.select(Unit).where(Unit.code == "XA-NAM-DA"))
    assert (unit.parent_id, unit.kind, len(unit.emails)) == (world.district.id, UnitKind.COMMUNE, 2)

    response = client.post(f"/admin/units/{unit.id}/edit", data={
        "code": "CHANGED", "name": "Xã Nam Đà", "kind": "commune", "parent_code": world.other_district.code,
        "emails": "namda@krongno.gov.vn"})
    assert response.status_code == 302
    db.session.refresh(unit)
    assert (unit.code, unit.parent_id, unit.emails, unit.is_active) == (
        "XA-NAM-DA", world.other_district.id, ["namda@krongno.gov.vn"], False)

    listing = client.get("/admin/units?q=nam+da").get_data(as_text=True)
    assert "XA-NAM-DA" in listing and world.labour.code not in listing


def test_unit_form_errors_keep_input(client, world, db):
    login(client, world.admin)
    response = client.post("/admin/units/new", data={
        "code": world.labour.code, "name": "Tên đã gõ", "kind": "department", "parent_code": world.province.code})
    assert response.status_code == 422 and "Tên đã gõ" in response.get_data(as_text=True)
    response = client.post(f"/admin/units/{world.province.id}/edit", data={
        "code": world.province.code, "name": world.province.name, "kind": "province",
        "parent_code": world.district.code, "is_active": "y"})  # under its own descendant
    assert response.status_code == 422
    db.session.refresh(world.province)
    assert world.province.parent_id is None


def test_a_unit_with_history_cannot_be_deleted_an_unused_one_can(client, world, db):
    login(client, world.admin)
    assert client.post(f"/admin/units/{world.district.id}/delete").status_code == 302
    assert db.session.get(Unit, world.district.id) is not None
    client.post("/admin/units/new", data={"code": "NHAM", "name": "Tạo nhầm", "kind": "department",
                                          "parent_code": world.province.code, "is_active": "y"})
    unit = db.session.scalar(db.select(Unit).where(Unit.code == "NHAM"))
    assert client.post(f"/admin/units/{unit.id}/delete").status_code == 302
    assert db.session.scalar(db.select(Unit).where(Unit.code == "NHAM")) is None


def test_create_a_user_who_sets_a_password_and_logs_in(client, world, db, app):
    login(client, world.admin)
    response = client.post("/admin/users/new", data={
        "email": "Moi@Krongno.gov.vn", "full_name": "Người Mới", "unit_code": world.district.code, "role": "staff"})
    assert response.status_code == 302
    page = client.get(response.headers["Location"])
    link = _link(page)
    client.post("/logout")

    path = link.split("127.0.0.1:5000")[-1]
    assert client.post(path, data={"password": "ngắn", "confirm": "ngắn"}).status_code == 422
    assert client.post(path, data={"password": "mật khẩu đủ dài", "confirm": "khác"}).status_code == 422
    assert client.post(path, data={"password": "mật khẩu đủ dài", "confirm": "mật khẩu đủ dài"}).status_code == 302
    assert "Lê Thị Lan" not in client.get("/").get_data(as_text=True)
    assert client.get("/").status_code == 200
    client.post("/logout")
    assert client.get(path).status_code == 404  # used once
    response = client.post("/login", data={"email": "moi@krongno.gov.vn", "password": "mật khẩu đủ dài"})
    assert response.status_code == 302


def test_roles_are_added_and_removed_and_passwords_reset(client, world, db):
    login(client, world.admin)
    user = world.staff
    assert client.post(f"/admin/users/{user.id}/roles", data={"unit_id": world.other_district.id,
                                                              "role": "head"}).status_code == 302
    db.session.refresh(user)
    assert (world.other_district.id, Role.HEAD) in {(m.unit_id, m.role) for m in user.memberships}
    duplicate = client.post(f"/admin/users/{user.id}/roles", data={"unit_id": world.other_district.id, "role": "head"})
    assert duplicate.status_code == 422 and len(user.memberships) == 2
    membership = next(m for m in user.memberships if m.role is Role.HEAD)
    client.post(f"/admin/users/{user.id}/roles/{membership.id}/remove")
    db.session.refresh(user)
    assert [m.role for m in user.memberships] == [Role.STAFF]

    response = client.post(f"/admin/users/{user.id}/reset-password")
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.password_hash is None
    client.post("/logout")
    assert client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 200


def test_deactivated_users_cannot_log_in(client, world, db):
    login(client, world.admin)
    client.post(f"/admin/users/{world.staff.id}", data={"full_name": world.staff.full_name})
    db.session.refresh(world.staff)
    assert not world.staff.is_active_user
    client.post("/logout")
    assert client.post("/login", data={"email": world.staff.email, "password": PASSWORD}).status_code == 200


def test_admin_pages_are_for_admins_within_their_units(client, world, db):
    login(client, world.head)
    assert client.get("/admin/units").status_code == 403
    assert client.get("/admin/users").status_code == 403
    client.post("/logout")
    from tests.factories import user

    district_admin = user((Role.ADMIN, world.district))
    login(client, district_admin)
    assert client.get(f"/admin/units/{world.labour.id}/edit").status_code == 403
    assert client.get(f"/admin/users/{world.reviewer.id}").status_code == 403
    assert client.get(f"/admin/users/{world.staff.id}").status_code == 200
    assert client.get("/admin/units/999999/edit").status_code == 404
    assert "Krông Nô" in client.get("/admin/units").get_data(as_text=True)


def test_lists_are_paged(client, world, db):
    from tests.factories import unit

    for i in range(60):
        unit(f"Xã thử {i:02d}", UnitKind.COMMUNE, parent=world.district)
    login(client, world.admin)
    first = client.get("/admin/units?kind=commune").get_data(as_text=True)
    second = client.get("/admin/units?kind=commune&page=2").get_data(as_text=True)
    assert first.count("Xã thử") == 50 and second.count("Xã thử") == 10


def test_from_an_empty_database_to_heads_seeing_what_they_owe(app, client, db, tmp_path):
    """The issue's story: import a province, create a plan, assign, issue; a head logs in."""
    from tests import province

    runner = app.test_cli_runner()
    assert runner.invoke(args=["units", "import", str(province.write_units(tmp_path / "u.xlsx"))]).exit_code == 0
    result = runner.invoke(args=["users", "create", "--email", "quantri@tinh.gov.vn", "--name", "Quản trị",
                                 "--unit", "TINH", "--role", "admin"])
    admin_link = result.output.split("Set-password link: ")[1].strip()
    client.post(admin_link.split("127.0.0.1:5000")[-1], data={"password": "quản trị tỉnh 2026",
                                                              "confirm": "quản trị tỉnh 2026"})
    with (province.write_users(tmp_path / "p.csv", province.user_rows()[3:])).open("rb") as f:
        response = client.post("/admin/import/users", data={"file": (f, "p.csv")}, content_type="multipart/form-data")
    links = re.findall(r'value="(http[^"]+/password/[^"]+)"', response.get_data(as_text=True))
    assert len(links) == 300  # one per new user, in file order (every email in these rows is new)
    units = {u.code: u.id for u in db.session.scalars(db.select(Unit))}
    response = client.post("/plans/new", data={
        "issuing_unit_id": units["TINH"], "coordinating_unit_id": units["SO-01"], "year": "2027", "number": "5",
        "symbol": "KH-UBND", "title": "Giảm nghèo 2027", "asks_subplan": "y", "asks_six_month": "y", "asks_annual": "y", "subplan_due_on": "", "six_month_due_on": "10/06/2027",
        "annual_due_on": "10/12/2027"})
    plan_id = int(response.headers["Location"].split("/")[-2])
    client.post(f"/plans/{plan_id}/assign", data={"unit_ids": [units[f"SO-{i:02d}"] for i in range(1, 26)]})
    client.post(f"/plans/{plan_id}/publish")
    client.post("/logout")

    head_row = next(i for i, row in enumerate(province.user_rows()[3:]) if row[0] == "thutruong.so01@tinh.gov.vn")
    path = links[head_row].split("127.0.0.1:5000")[-1]
    client.post(path, data={"password": "thủ trưởng sở 01", "confirm": "thủ trưởng sở 01"})
    body = client.get("/").get_data(as_text=True)
    assert "31/03/2027" in body and "10/06/2027" in body and "10/12/2027" in body


def test_the_form_and_a_file_both_refuse_a_unit_beside_ones_own(client, world, db):
    """A district administrator puts a new commune under the neighbouring district: the unit
    form (which does not even offer that parent) and a one-row file are both refused, and
    neither writes it."""
    import io

    from app.extensions import db as _db
    from tests.factories import user

    district_admin = user((Role.ADMIN, world.district), name="Quản trị huyện")
    _db.session.commit()
    login(client, district_admin)
    form = client.post("/admin/units/new", data={
        "code": "XA-LAN", "name": "Xã lấn sang", "kind": "commune", "parent_code": world.other_district.code,
        "emails": "", "is_active": "y"})
    table = ("Mã đơn vị,Tên đơn vị,Loại,Mã đơn vị cấp trên,Email liên hệ\n"
             f"XA-LAN,Xã lấn sang,Xã,{world.other_district.code},\n")
    upload = client.post("/admin/import/units", data={"file": (io.BytesIO(table.encode()), "don-vi.csv")},
                         content_type="multipart/form-data")
    sentence = "Đơn vị cấp trên phải là đơn vị do bạn quản trị."
    assert form.status_code == 422
    assert sentence in upload.get_data(as_text=True)
    assert db.session.scalar(db.select(Unit).where(Unit.code == "XA-LAN")) is None
