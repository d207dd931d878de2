"""Programmes through the API and the command line (issue 16, points 7 and 8): what a
top-level administrator does on the catalog pages — add a programme, change it, add its
projects and sub-projects, rename or retire one — done by a script with a token or by
``flask programmes … --as EMAIL``, through the same policy (``can_edit_catalog``), forms and
operations; and a whole catalog imported from a file, all rows or none.

The 2026–2035 programme below and its projects' names are INVENTED for the tests (plausible
Vietnamese, not the text of any decision): the real programme is data an administrator
enters, never code.
"""
import pytest
from flask_babel import force_locale, gettext

from app import policy
from app.api.operations import create_token
from app.audit.models import AuditEntry
from app.budget.models import BudgetItem, Programme
from app.extensions import db
from app.plans.models import Plan
from tests.factories import programme as programme_factory
from tests.factories import unit, user
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


def vi(message, **params):
    """What the API and the commands say in Vietnamese (their default language)."""
    with force_locale("vi"):
        return gettext(message, **params)


@pytest.fixture
def api(client):
    class Api:
        token = None

        def as_(self, who):
            self.token = create_token(None, who, "kiểm thử")[1]
            return self

        def call(self, method, path, body=None):
            return client.open(f"/api/v1{path}", method=method, json=body,
                               headers={"Authorization": f"Bearer {self.token}"})

    return Api()


def ok(response, status=200):
    assert response.status_code == status, response.get_data(as_text=True)
    return response.get_json()


def refused(response, status=422):
    assert response.status_code == status, response.get_data(as_text=True)
    return response.get_json()["error"]


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

def test_a_script_adds_the_2026_2035_programme_with_its_projects_and_a_plan_chooses_it(api, world):
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


def test_a_script_changes_a_programme_and_renames_or_retires_an_item(api, world, next_programme):
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
def test_a_wrong_programme_is_refused_field_by_field_with_the_pages_messages(api, world, change, field, message):
    api.as_(world.admin)
    error = refused(api.call("POST", "/programmes", {**PROGRAMME, **change}))
    assert error["fields"][field] == vi(message)
    assert count(Programme) == 1  # only QĐ 90's


def test_what_is_left_out_of_a_new_programme_is_asked_for_and_a_long_name_refused_by_the_form(api, world):
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
def test_a_wrong_item_is_refused_field_by_field(api, world, next_programme, body, field, message):
    api.as_(world.admin)
    before = catalog_of(next_programme)
    error = refused(api.call("POST", f"/programmes/{next_programme.id}/items", body))
    assert error["fields"][field] == vi(message)
    assert catalog_of(next_programme) == before


def test_a_sub_project_belongs_to_a_project_of_its_own_programme(api, world, next_programme):
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


def test_unknown_ids_are_not_found(api, world, next_programme):
    api.as_(world.admin)
    for method, path in (("PATCH", "/programmes/{}"), ("POST", "/programmes/{}/items"), ("PATCH", "/catalog/{}")):
        for ident in (987654, 10**12):
            assert refused(api.call(method, path.format(ident), {"name": "Tên"}), 404)["code"] == "not_found"


def test_who_may_not_edit_the_catalog_is_refused_before_their_body_is_read(api, world, next_programme,
                                                                           province_admin):
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
