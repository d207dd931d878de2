"""Programmes through the API and the command line (issue 16, points 7 and 8): what a
top-level administrator does on the catalog pages — add a programme, change it, add its
projects and sub-projects, rename or retire one — done by a script with a token or by
``flask programmes … --as EMAIL``, through the same policy (``can_edit_catalog``), forms and
operations; and a whole catalog imported from a file, all rows or none.

The 2026–2035 programme below and its projects' names are INVENTED for the tests (plausible
Vietnamese, not the text of any decision): the real programme is data an administrator
enters, never code.
"""
import csv

import pytest
from flask_babel import force_locale
from openpyxl import Workbook

from app import policy
from app.audit.models import AuditEntry
from app.budget.models import BudgetItem, Programme
from app.extensions import db
from app.formatting import translate_message
from app.plans.models import Plan
from tests.factories import programme as programme_factory
from tests.factories import unit, user
from tests.integration.test_plans_api import api, ok, refused, vi  # noqa: F401  (api: a fixture)
from workflows.enums import Role, UnitKind

#: The 2026–2035 programme's projects as a file lists them (INVENTED names).
CATALOG_2026 = [
    ("DA1", "Hỗ trợ đầu tư phát triển hạ tầng thiết yếu vùng nghèo, vùng khó khăn"),
    ("DA1.TDA1", "Hạ tầng giao thông, thủy lợi nhỏ ở các xã đặc biệt khó khăn"),
    ("DA1.TDA2", "Nước sinh hoạt và vệ sinh môi trường nông thôn"),
    ("DA2", "Phát triển sinh kế bền vững, nhân rộng mô hình giảm nghèo"),
    ("DA3", "Giáo dục nghề nghiệp, việc làm bền vững cho người nghèo"),
    ("DA3.TDA1", "Đào tạo nghề gắn với nhu cầu doanh nghiệp"),
    ("DA3.TDA2", "Kết nối việc làm và hỗ trợ lao động di cư"),
    ("DA4", "Hỗ trợ nhà ở an toàn trước thiên tai cho hộ nghèo, hộ cận nghèo"),
    ("DA5", "Chuyển đổi số và giảm nghèo về thông tin"),
    ("DA6", "Nâng cao năng lực, giám sát, đánh giá Chương trình"),
]
NAME_2026 = "Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2026 - 2035"
REFUSED = "Only administrators of a top-level unit change the programmes and their catalog."


def vi_rule(message, **params):
    """A rule's message (``N_``) as a row of an import shows it."""
    with force_locale("vi"):
        return translate_message(message, params)


def count(model):
    return db.session.scalar(db.select(db.func.count(model.id)))


def find(code):
    return db.session.scalar(db.select(Programme).where(Programme.code == code))


def catalog_of(programme):
    """{code: (name, project's code or None, in use)} as stored."""
    db.session.expire_all()
    items = db.session.scalars(db.select(BudgetItem).where(BudgetItem.programme_id == programme.id)).all()
    return {i.code: (i.name, i.parent.code if i.parent else None, i.is_active) for i in items}


@pytest.fixture
def province_admin(world):
    """The administrator of a province that is not at the top (it sits under the ministry that
    runs the system): they administer their province, but the catalog is national."""
    ministry = unit("Bộ Lao động - Thương binh và Xã hội")
    province = unit("Ủy ban nhân dân tỉnh Ninh Thuận", UnitKind.PROVINCE, parent=ministry)
    who = user((Role.ADMIN, province), name="Quản trị tỉnh Ninh Thuận")
    assert policy.can_administer(who) and not policy.can_edit_catalog(who)
    return who


@pytest.fixture
def next_programme(world):
    return programme_factory(world.admin, "GNBV-2026-2035", 2026, 2035,
                             [("DA1", CATALOG_2026[0][1], [CATALOG_2026[1]]), ("DA2", CATALOG_2026[3][1], [])],
                             name=NAME_2026, decision="QĐ 999/QĐ-TTg")


# --- the API ---------------------------------------------------------------------------------

def test_a_script_adds_the_2026_2035_programme_with_its_projects_and_a_plan_chooses_it(api, world):  # noqa: F811
    api.as_(world.admin)
    made = ok(api.call("POST", "/programmes", {"code": "gnbv-2026-2035", "name": NAME_2026, "decision": "QĐ 999/QĐ-TTg",
                                               "start_year": 2026, "end_year": 2035}), 201)
    assert made == {"id": made["id"], "code": "GNBV-2026-2035", "name": NAME_2026, "decision": "QĐ 999/QĐ-TTg",
                    "start_year": 2026, "end_year": 2035, "active": True}
    listed = ok(api.call("GET", "/programmes"))["items"]
    assert [p["code"] for p in listed] == ["GNBV-2026-2035", "GNBV-2021-2025"]

    path = f"/programmes/{made['id']}/items"
    project = ok(api.call("POST", path, {"code": "DA1", "name": CATALOG_2026[0][1]}), 201)
    assert (project["parent_id"], project["programme_id"], project["active"]) == (None, made["id"], True)
    by_code = ok(api.call("POST", path, {"code": "da1.tda1", "name": CATALOG_2026[1][1], "parent": "da1"}), 201)
    by_id = ok(api.call("POST", path, {"code": "DA1.TDA2", "name": CATALOG_2026[2][1], "parent": project["id"]}), 201)
    ok(api.call("POST", path, {"code": "DA2", "name": CATALOG_2026[3][1], "parent": None}), 201)
    assert (by_code["code"], by_code["parent_id"], by_id["parent_id"]) == ("DA1.TDA1", project["id"], project["id"])
    new = find("GNBV-2026-2035")
    assert catalog_of(new) == {"DA1": (CATALOG_2026[0][1], None, True), "DA1.TDA1": (CATALOG_2026[1][1], "DA1", True),
                               "DA1.TDA2": (CATALOG_2026[2][1], "DA1", True), "DA2": (CATALOG_2026[3][1], None, True)}
    assert [p.code for p in new.projects] == ["DA1", "DA2"]
    shown = {(i["programme_id"], i["code"]) for i in ok(api.call("GET", "/catalog"))["items"]}
    assert {(new.id, "DA1.TDA2"), (new.id, "DA2")} <= shown

    # A plan chooses it, through the plans' own route.
    plan = ok(api.call("PATCH", f"/plans/{world.plan.id}", {"programme_id": new.id}))
    assert plan["programme_id"] == new.id == db.session.get(Plan, world.plan.id).programme_id
    # The audit log names the token's person, as for the pages.
    entries = db.session.execute(db.select(AuditEntry.object_type, AuditEntry.object_id, AuditEntry.actor_id)).all()
    made_by = {(kind, ident): actor for kind, ident, actor in entries}
    assert [made_by.get(key) for key in (("programme", new.id), ("budget_item", project["id"]),
                                         ("budget_item", by_code["id"]))] == [world.admin.id] * 3


def test_a_script_changes_a_programme_and_renames_or_retires_an_item(api, world, next_programme):  # noqa: F811
    api.as_(world.admin)
    changed = ok(api.call("PATCH", f"/programmes/{next_programme.id}", {"end_year": 2030, "active": False}))
    # Only what was sent changes.
    assert (changed["code"], changed["name"], changed["decision"], changed["start_year"], changed["end_year"],
            changed["active"]) == ("GNBV-2026-2035", NAME_2026, "QĐ 999/QĐ-TTg", 2026, 2030, False)
    ok(api.call("PATCH", f"/programmes/{next_programme.id}", {"decision": "QĐ 1000/QĐ-TTg", "active": True}))
    db.session.refresh(next_programme)
    assert (next_programme.decision, next_programme.end_year, next_programme.is_active) == ("QĐ 1000/QĐ-TTg", 2030,
                                                                                            True)

    sub = next(i for i in next_programme.items if i.code == "DA1.TDA1")
    renamed = ok(api.call("PATCH", f"/catalog/{sub.id}", {"name": "Giao thông nông thôn"}))
    assert (renamed["name"], renamed["active"], renamed["parent_id"]) == ("Giao thông nông thôn", True, sub.parent_id)
    retired = ok(api.call("PATCH", f"/catalog/{sub.id}", {"active": False}))
    assert (retired["name"], retired["active"]) == ("Giao thông nông thôn", False)
    assert sub.id not in {i["id"] for i in ok(api.call("GET", "/catalog"))["items"]}  # no longer offered
    assert catalog_of(next_programme)["DA1.TDA1"] == ("Giao thông nông thôn", "DA1", False)


PROGRAMME = {"code": "GNBV-2026-2035", "name": NAME_2026, "decision": "QĐ 999/QĐ-TTg", "start_year": 2026,
             "end_year": 2035}


@pytest.mark.parametrize("change, field, message", [
    ({"code": "GNBV-2021-2025"}, "code", "Another programme already has this code."),
    ({"code": "chương trình mới"}, "code", "A short code of letters, digits, dots or dashes, e.g. GNBV-2026-2035."),
    ({"name": "  "}, "name", "Enter the name."),
    ({"name": None}, "name", "Enter the name."),
    ({"start_year": 2036}, "end_year", "The last year cannot come before the first."),
    ({"start_year": 1999}, "start_year", "Enter a year between 2000 and 2100."),
    ({"end_year": None}, "end_year", "Send a whole number."),
    ({"start_year": "2026"}, "start_year", "Send a whole number."),
    ({"active": "có"}, "active", "Send true or false."),
    ({"name": "Giảm nghèo\nbền vững"}, "name",
     "This field cannot contain control characters (a line break, a tab...)."),
    ({"colour": "đỏ"}, "colour", "Unknown field."),
])
def test_a_wrong_programme_is_refused_field_by_field_with_the_pages_messages(api, world, change, field, message):  # noqa: F811
    api.as_(world.admin)
    error = refused(api.call("POST", "/programmes", {**PROGRAMME, **change}))
    assert error["fields"][field] == vi(message)
    assert count(Programme) == 1  # only QĐ 90's


def test_what_is_left_out_of_a_new_programme_is_asked_for_and_a_long_name_refused_by_the_form(api, world):  # noqa: F811
    api.as_(world.admin)
    error = refused(api.call("POST", "/programmes", {"code": "GNBV-2026-2035"}))
    assert error["fields"] == {"name": vi("Enter the name."), "start_year": vi("Enter a year between 2000 and 2100."),
                               "end_year": vi("Enter a year between 2000 and 2100.")}
    error = refused(api.call("POST", "/programmes", {**PROGRAMME, "name": "Giảm nghèo " * 41}))
    assert set(error["fields"]) == {"name"}  # the page's field: at most 400 characters
    assert count(Programme) == 1


@pytest.mark.parametrize("body, field, message", [
    ({"code": "DA3", "name": " "}, "name", "Enter the name."),
    ({"code": "DA 3", "name": "Sinh kế"}, "code",
     "A short code of letters, digits, dots or dashes, e.g. DA3 or DA3.TDA1."),
    ({"code": "DA2", "name": "Trùng mã"}, "code", "This code is already used in the programme."),
    ({"code": "DA1.TDA1.X", "name": "Cấp ba", "parent": "DA1.TDA1"}, "parent",
     "A sub-project belongs to a project, not to another sub-project."),
    ({"code": "DA2.TDA1", "name": "Sinh kế", "parent": True}, "parent",
     "Send a project's id (a number) or code (a text), or null."),
    ({"code": "DA2.TDA1", "name": "Sinh kế", "extra": 1}, "extra", "Unknown field."),
])
def test_a_wrong_item_is_refused_field_by_field(api, world, next_programme, body, field, message):  # noqa: F811
    api.as_(world.admin)
    before = catalog_of(next_programme)
    error = refused(api.call("POST", f"/programmes/{next_programme.id}/items", body))
    assert error["fields"][field] == vi(message)
    assert catalog_of(next_programme) == before


def test_a_sub_project_belongs_to_a_project_of_its_own_programme(api, world, next_programme):  # noqa: F811
    api.as_(world.admin)
    qd90_project = db.session.scalar(db.select(BudgetItem).where(BudgetItem.code == "DA3",
                                                                 BudgetItem.programme_id != next_programme.id))
    path = f"/programmes/{next_programme.id}/items"
    error = refused(api.call("POST", path, {"code": "DA2.TDA1", "name": "Sinh kế", "parent": qd90_project.id}))
    assert error["fields"] == {"parent": vi("Choose a project of this programme.")}
    # By code, a project is looked for in this programme only: QĐ 90's DA3 is not found here.
    error = refused(api.call("POST", path, {"code": "DA3.TDA1", "name": "Sinh kế", "parent": "DA3"}))
    assert error["fields"] == {"parent": vi("%(programme)s has no project with the id or code %(ref)s.",
                                            programme="GNBV-2026-2035", ref="DA3")}
    error = refused(api.call("PATCH", f"/catalog/{qd90_project.id}", {"name": "Đổi", "active": 1}))
    assert error["fields"] == {"active": vi("Send true or false.")}
    error = refused(api.call("PATCH", f"/catalog/{qd90_project.id}", {"name": " ", "active": False}))
    assert error["fields"] == {"name": vi("Enter the name.")}
    assert db.session.get(BudgetItem, qd90_project.id).name == "Hỗ trợ phát triển sản xuất, cải thiện dinh dưỡng"


def test_unknown_ids_are_not_found(api, world, next_programme):  # noqa: F811
    api.as_(world.admin)
    for method, path in (("PATCH", "/programmes/{}"), ("POST", "/programmes/{}/items"), ("PATCH", "/catalog/{}")):
        for ident in (987654, 10**12):
            assert refused(api.call(method, path.format(ident), {"name": "Tên"}), 404)["code"] == "not_found"


def test_who_may_not_edit_the_catalog_is_refused_before_their_body_is_read(  # noqa: F811
        api, world, next_programme, province_admin):  # noqa: F811
    district_admin = user((Role.ADMIN, world.district))
    item = next_programme.items[0]
    before = (count(Programme), catalog_of(next_programme), next_programme.name)
    calls = [("POST", "/programmes", PROGRAMME), ("POST", "/programmes", {"code": 1}),
             ("PATCH", f"/programmes/{next_programme.id}", {"name": "Đổi tên"}),
             ("POST", f"/programmes/{next_programme.id}/items", {"code": "DA9", "name": "Thêm"}),
             ("PATCH", f"/catalog/{item.id}", {"active": False}), ("PATCH", f"/catalog/{item.id}", {"x": []})]
    for who in (province_admin, district_admin, world.reviewer, world.head):
        api.as_(who)
        for method, path, body in calls:
            error = refused(api.call(method, path, body), 403)
            assert (error["code"], error["message"]) == ("forbidden", vi(REFUSED)), (who.full_name, path)
        assert ok(api.call("GET", "/programmes"))["items"]  # reading stays with everyone
    db.session.expire_all()
    assert (count(Programme), catalog_of(next_programme), next_programme.name) == before


def test_the_set_up_routes_are_documented(app):
    spec = app.test_client().get("/api/v1/openapi.json").get_json()
    documented = {(path, method): op for path, ops in spec["paths"].items() for method, op in ops.items()}
    for key, body in ((("/programmes", "post"), "ProgrammeCreate"), (("/programmes/{programme_id}", "patch"),
                                                                     "ProgrammeUpdate"),
                      (("/programmes/{programme_id}/items", "post"), "BudgetItemCreate"),
                      (("/catalog/{item_id}", "patch"), "BudgetItemUpdate")):
        op = documented[key]
        assert op["tags"] == ["set-up"] and {"403", "422"} <= set(op["responses"])
        assert op["requestBody"]["content"]["application/json"]["schema"] == {"$ref": f"#/components/schemas/{body}"}
    assert set(spec["components"]["schemas"]["ProgrammeCreate"]["properties"]) == {
        "code", "name", "decision", "start_year", "end_year", "active"}
    assert "get" in spec["paths"]["/programmes"]  # reading stays documented beside the new POST


# --- the command line --------------------------------------------------------------------------

def run(app, *args):
    return app.test_cli_runner().invoke(args=["programmes", *[str(a) for a in args]])


def write_xlsx(path, header, rows):
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def write_csv(path, header, rows):
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_the_command_line_adds_a_programme_and_keeps_its_catalog(app, world):
    admin = world.admin.email
    result = run(app, "add", "--as", admin, "--code", "GNBV-2026-2035", "--name", NAME_2026, "--decision",
                 "QĐ 999/QĐ-TTg", "--start-year", 2026, "--end-year", 2035)
    assert result.exit_code == 0, result.output
    new = find("GNBV-2026-2035")
    assert (new.name, new.decision, new.years, new.is_active) == (NAME_2026, "QĐ 999/QĐ-TTg", "2026–2035", True)
    assert vi("Programme %(code)s added: now add its projects.", code="GNBV-2026-2035") in result.output

    steps = [("item", "gnbv-2026-2035", "--code", "DA1", "--name", CATALOG_2026[0][1]),
             # Under DA1, as its code says:
             ("item", "GNBV-2026-2035", "--code", "DA1.TDA1", "--name", CATALOG_2026[1][1]),
             ("item", "GNBV-2026-2035", "--code", "TDA-NUOC", "--name", CATALOG_2026[2][1], "--parent", "DA1"),
             ("item", "GNBV-2026-2035", "--code", "da1.tda1", "--name", "Giao thông nông thôn"),  # renamed
             ("item", "GNBV-2026-2035", "--code", "TDA-NUOC", "--inactive"),  # retired
             ("edit", "GNBV-2026-2035", "--end-year", 2030, "--inactive")]
    for step in steps:
        result = run(app, *step, "--as", admin)
        assert result.exit_code == 0, (step, result.output)
    assert catalog_of(new) == {"DA1": (CATALOG_2026[0][1], None, True),
                               "DA1.TDA1": ("Giao thông nông thôn", "DA1", True),
                               "TDA-NUOC": (CATALOG_2026[2][1], "DA1", False)}
    db.session.refresh(new)
    assert (new.end_year, new.is_active, new.decision) == (2030, False, "QĐ 999/QĐ-TTg")
    made_by = db.session.scalars(db.select(AuditEntry.actor_id).where(AuditEntry.object_type == "budget_item")).all()
    assert made_by and set(made_by) == {world.admin.id}  # the person, not "the command line"


def test_the_command_line_refuses_with_the_pages_messages_and_writes_nothing(app, world, next_programme,
                                                                               province_admin):
    before = (count(Programme), catalog_of(next_programme))
    cases = [
        (("add", "--code", "GNBV-2021-2025", "--name", "Trùng", "--start-year", 2026, "--end-year", 2035),
         ["code: " + vi("Another programme already has this code.")]),
        (("add", "--code", "GNBV-2036", "--name", "Sau", "--start-year", 2040, "--end-year", 2036),
         ["end_year: " + vi("The last year cannot come before the first.")]),
        (("edit", "GNBV-2026-2035", "--name", " "), ["name: " + vi("Enter the name.")]),
        (("edit", "KHONG-CO", "--name", "Tên"), [vi("No programme has the code %(code)s.", code="KHONG-CO")]),
        (("item", "GNBV-2026-2035", "--code", "DA9.TDA1", "--name", "Mồ côi"),
         ["parent: " + vi("%(programme)s has no project with the id or code %(ref)s.", programme="GNBV-2026-2035",
                          ref="DA9")]),
        (("item", "GNBV-2026-2035", "--code", "DA1.TDA1.X", "--name", "Cấp ba"),
         ["parent: " + vi("A sub-project belongs to a project, not to another sub-project.")]),
        (("item", "GNBV-2026-2035", "--code", "DA1.TDA1", "--parent", "DA2"),
         [vi("%(code)s is already in the programme: a project or sub-project does not move.", code="DA1.TDA1")]),
    ]
    for args, messages in cases:
        result = run(app, *args, "--as", world.admin.email)
        assert result.exit_code != 0 and all(m in result.output for m in messages), (args, result.output)
    for args in (("add", "--code", "GNBV-2026-2030", "--name", "Mới", "--start-year", 2026, "--end-year", 2030),
                 ("edit", "GNBV-2026-2035", "--name", "Đổi tên"), ("item", "GNBV-2026-2035", "--code", "DA9",
                                                                    "--name", "Thêm"),
                 ("item", "GNBV-2026-2035", "--code", "DA1", "--inactive")):
        result = run(app, *args, "--as", province_admin.email)
        assert result.exit_code != 0 and vi(REFUSED) in result.output, (args, result.output)
    assert (count(Programme), catalog_of(next_programme)) == before


def test_a_programmes_catalog_is_imported_from_excel_then_from_csv_idempotently(app, world, tmp_path):
    admin = world.admin.email
    assert run(app, "add", "--as", admin, "--code", "GNBV-2026-2035", "--name", NAME_2026, "--start-year", 2026,
               "--end-year", 2035).exit_code == 0
    new = find("GNBV-2026-2035")
    book = write_xlsx(tmp_path / "danh-muc-2026-2035.xlsx", ["Mã dự án", "Tên dự án, tiểu dự án", "Ghi chú"],
                      [(code, name, "") for code, name in CATALOG_2026])
    result = run(app, "import", "GNBV-2026-2035", book, "--as", admin)
    assert result.exit_code == 0, result.output
    assert "10 created, 0 updated, 0 unchanged." in result.output
    expected = {code: (name, code.partition(".")[0] if "." in code else None, True) for code, name in CATALOG_2026}
    assert catalog_of(new) == expected
    db.session.refresh(new)
    assert [p.code for p in new.projects] == ["DA1", "DA2", "DA3", "DA4", "DA5", "DA6"]
    assert [c.code for c in new.projects[2].children] == ["DA3.TDA1", "DA3.TDA2"]
    audited = db.session.scalar(db.select(db.func.count(AuditEntry.id)))

    # The same file again: nothing changes, nothing is audited.
    result = run(app, "import", "GNBV-2026-2035", book, "--as", admin)
    assert result.exit_code == 0 and "0 created, 0 updated, 10 unchanged." in result.output, result.output
    assert catalog_of(new) == expected and db.session.scalar(db.select(db.func.count(AuditEntry.id))) == audited

    # A CSV with the English headers: a project renamed, a new one and its sub-project (listed
    # before it), the rest as they are; a retired item stays retired.
    new_item = next(i for i in new.items if i.code == "DA5")
    assert run(app, "item", "GNBV-2026-2035", "--code", "DA5", "--inactive", "--as", admin).exit_code == 0
    rows = [(code, "Sinh kế bền vững" if code == "DA2" else name) for code, name in CATALOG_2026]
    rows += [("DA7.TDA1", "Giám sát cộng đồng"), ("DA7", "Truyền thông về giảm nghèo đa chiều")]
    table = write_csv(tmp_path / "danh-muc.csv", ["code", "name"], rows)
    result = run(app, "import", "gnbv-2026-2035", table, "--as", admin)
    assert result.exit_code == 0, result.output
    assert "2 created, 1 updated, 9 unchanged." in result.output
    stored = catalog_of(new)
    assert stored["DA2"] == ("Sinh kế bền vững", None, True) and stored["DA5"][2] is False
    assert stored["DA7"] == ("Truyền thông về giảm nghèo đa chiều", None, True)
    assert stored["DA7.TDA1"] == ("Giám sát cộng đồng", "DA7", True)
    assert db.session.get(BudgetItem, new_item.id).is_active is False


def test_a_bad_catalog_file_changes_nothing_and_says_what_is_wrong_by_row_and_column(app, world, next_programme,
                                                                                      tmp_path):
    before = catalog_of(next_programme)
    rows = [("DA1", "Hạ tầng thiết yếu (tên mới)"),  # a rename that would be kept, were the file right
            ("DA8.TDA1", "Tiểu dự án của một dự án không có"),
            ("DA1.TDA1.X", "Tiểu dự án của một tiểu dự án"),
            ("DA 9", "Mã có dấu cách"),
            ("DA9", ""),
            ("DA4", "Hỗ trợ nhà ở"),
            ("da4", "Hỗ trợ nhà ở (lần hai)"),
            ("DA5", "Một dự án mới đúng")]
    table = write_csv(tmp_path / "sai.csv", ["Mã dự án", "Tên dự án, tiểu dự án"], rows)
    result = run(app, "import", "GNBV-2026-2035", table, "--as", world.admin.email)
    assert result.exit_code != 0
    code, name = "Mã dự án", "Tên dự án, tiểu dự án"
    for row, column, message in [
        (3, code, vi_rule("%(parent)s, the project %(code)s belongs to, is neither in the file nor in the programme.",
                          parent="DA8", code="DA8.TDA1")),
        (4, code, vi_rule("A sub-project belongs to a project, not to another sub-project.")),
        (5, code, vi_rule("A short code of letters, digits, dots or dashes, e.g. DA3 or DA3.TDA1.")),
        (6, name, vi_rule("The name is missing.")),
        (8, code, vi_rule("The code %(code)s is already used in row %(other)d.", code="DA4", other=7)),
    ]:
        assert f"row {row}, {column}: {message}" in result.output, result.output
    assert "5 problem(s); nothing was imported." in result.output
    assert catalog_of(next_programme) == before

    # A file that cannot be read at all, and one without the code column.
    (tmp_path / "sai.xlsx").write_bytes(b"not a workbook")
    result = run(app, "import", "GNBV-2026-2035", tmp_path / "sai.xlsx", "--as", world.admin.email)
    assert result.exit_code != 0 and "Traceback" not in result.output
    headless = write_csv(tmp_path / "thieu-cot.csv", ["Tên"], [("Chỉ có tên",)])
    result = run(app, "import", "GNBV-2026-2035", headless, "--as", world.admin.email)
    assert result.exit_code != 0 and "«Mã dự án»" in result.output
    assert catalog_of(next_programme) == before


def test_a_province_admin_who_may_not_edit_the_catalog_cannot_import_it(app, world, next_programme, province_admin,
                                                                        tmp_path):
    before = catalog_of(next_programme)
    book = write_xlsx(tmp_path / "danh-muc.xlsx", ["code", "name"], CATALOG_2026)
    result = run(app, "import", "GNBV-2026-2035", book, "--as", province_admin.email)
    assert result.exit_code != 0 and vi(REFUSED) in result.output
    assert catalog_of(next_programme) == before
    # An item already in the programme keeps its place: a file putting it elsewhere is refused.
    run(app, "item", "GNBV-2026-2035", "--code", "TDA-X", "--name", "Dưới DA1", "--parent", "DA1",
        "--as", world.admin.email)
    moved = write_csv(tmp_path / "chuyen.csv", ["code", "name"], [("TDA-X", "Dưới DA1"), ("DA1", CATALOG_2026[0][1])])
    result = run(app, "import", "GNBV-2026-2035", moved, "--as", world.admin.email)
    assert result.exit_code != 0
    assert vi_rule("%(code)s is already a sub-project of %(parent)s in the programme: it does not move.",
                   code="TDA-X", parent="DA1") in result.output
