"""Plans through the API (issue 16, point 7): what a plan's administrator does in the pages,
done by a script with a token, through the same policy and operations — from an empty
database to a head reading what their unit owes."""
import datetime as dt

import pytest
from flask_babel import force_locale, gettext

from app.api.operations import create_token
from app.audit.models import AuditEntry
from app.auth.models import User
from app.cli import create_unit_command, create_user_command, token_command
from app.documents.models import Deliverable
from app.plans import operations as plan_ops
from app.plans.models import Assignment, Plan, PlanTarget
from app.reminders.models import ReminderPolicy
from app.tables import TARGET_COLUMNS, read_rows, translate_errors
from app.units.models import Unit
from tests.factories import World
from tests.factories import unit as unit_factory
from tests.factories import user as user_factory
from workflows.deadlines import default_due_on
from workflows.enums import DeliverableKind as K
from workflows.enums import Role, UnitKind

YEAR = 2027
D = dt.date


def vi(message, **params):
    """What the API says in Vietnamese (its default language) for an English message."""
    with force_locale("vi"):
        return gettext(message, **params)


@pytest.fixture
def api(client):
    class Api:
        token = None

        def as_(self, who):
            self.token = who if isinstance(who, str) else create_token(None, who, "kiểm thử")[1]
            return self

        def call(self, method, path, body=None, **kw):
            headers = {"Authorization": f"Bearer {self.token}"}
            if body is not None:
                kw["json"] = body
            return client.open(f"/api/v1{path}", method=method, headers=headers, **kw)

        def get(self, path):
            return self.call("GET", path)

        def post(self, path, body=None, **kw):
            return self.call("POST", path, body, **kw)

        def patch(self, path, body):
            return self.call("PATCH", path, body)

        def put(self, path, body):
            return self.call("PUT", path, body)

    return Api()


def ok(response, status=200):
    assert response.status_code == status, response.get_data(as_text=True)
    return response.get_json()


def refused(response, status=422):
    assert response.status_code == status, response.get_data(as_text=True)
    return response.get_json()["error"]


def cli(app, command, *args):
    result = app.test_cli_runner().invoke(command, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def plans_count(db):
    return db.session.scalar(db.select(db.func.count(Plan.id)))


# --- the story ----------------------------------------------------------------------------

def test_a_province_is_set_up_from_an_empty_database_through_the_api_alone(app, api, db):
    """Nam Định's plan: no sub-plan, reports by 10/6 and 10/12, a Q3 review; the Fatherland
    Front owes only the annual report. The operator makes the province and its first
    administrator at the command line; a script does everything else."""
    assert [db.session.scalar(db.select(db.func.count(m.id))) for m in (Unit, User, Plan)] == [0, 0, 0]
    cli(app, create_unit_command, "--code", "NDI", "--name", "Ủy ban nhân dân tỉnh Nam Định", "--kind", "province")
    cli(app, create_user_command, "--email", "quantri@namdinh.gov.vn", "--name", "Quản trị tỉnh", "--unit", "NDI",
        "--role", "admin")
    api.as_(cli(app, token_command, "quantri@namdinh.gov.vn").strip())

    for code, name, kind in (("SLDTBXH", "Sở Lao động - Thương binh và Xã hội", "department"),
                             ("HAI-HAU", "Huyện Hải Hậu", "district"), ("GIAO-THUY", "Huyện Giao Thủy", "district"),
                             ("MTTQ", "Ủy ban MTTQ Việt Nam tỉnh", "organisation")):
        made = ok(api.post("/units", {"code": code, "name": name, "kind": kind, "parent_code": "NDI",
                                      "emails": [f"{code.lower()}@namdinh.gov.vn"]}), 201)
        assert made["code"] == code and made["emails"] == [f"{code.lower()}@namdinh.gov.vn"]
    giao_thuy = db.session.scalar(db.select(Unit).where(Unit.code == "GIAO-THUY"))
    head = ok(api.post("/users", {"email": "truongphong@haihau.gov.vn", "full_name": "Trần Văn Hậu",
                                  "roles": [{"unit": "HAI-HAU", "role": "head"}]}), 201)
    assert [(r["role"], r["unit"]["code"]) for r in head["roles"]] == [("head", "HAI-HAU")]
    ok(api.post("/users", {"email": "duyet@namdinh.gov.vn", "full_name": "Lê Thị Duyệt",
                           "roles": [{"unit": "SLDTBXH", "role": "reviewer"}]}), 201)

    plan = ok(api.post("/plans", {
        "issuing_unit_id": "NDI", "coordinating_unit_id": "SLDTBXH", "year": YEAR, "number": "45",
        "title": f"Thực hiện mục tiêu giảm nghèo bền vững năm {YEAR}", "place": "Nam Định", "issued_on": "2027-02-20",
        "schedule": {"six_month_due_on": "2027-06-10", "nine_month_due_on": None, "annual_due_on": "2027-12-10"}}),
        201)
    assert plan["reference"] == "45/KH-UBND" and not plan["published"]
    assert [(i["kind"], i["due_on"]) for i in plan["schedule"]] == [
        ("six_month", "2027-06-10"), ("nine_month", "2027-09-30"), ("annual", "2027-12-10")]
    annual = next(i["id"] for i in plan["schedule"] if i["kind"] == "annual")
    path = f"/plans/{plan['id']}"

    assigned = ok(api.post(f"{path}/assignments", {"unit_ids": ["HAI-HAU", giao_thuy.id],
                                                   "duties": "Tổ chức thực hiện trên địa bàn."}), 201)["items"]
    assert sorted(a["unit"]["code"] for a in assigned) == ["GIAO-THUY", "HAI-HAU"]
    assert all(len(a["item_ids"]) == 3 for a in assigned)
    front = ok(api.post(f"{path}/assignments", {"unit_ids": ["MTTQ"], "requested": True,
                                                "duties": "Giám sát.", "item_ids": ["annual_due_on"]}), 201)["items"]
    assert [(a["unit"]["code"], a["requested"], a["item_ids"]) for a in front] == [("MTTQ", True, [annual])]

    targets = ok(api.put(f"{path}/targets", {"rows": [
        {"unit": "HAI-HAU", "households_start": 20000, "poor_start": 800, "poor_rate_start": "4,00",
         "poor_reduction": 200},
        {"unit": "Huyện Giao Thủy", "households_start": "15.000", "poor_start": 600, "poor_rate_start": 4,
         "poor_reduction": 150},
        {"unit": "Tổng cộng", "households_start": 35000, "poor_start": 1400, "poor_reduction": 350}]}))
    assert (targets["created"], targets["updated"], targets["warnings"]) == (2, 0, {})
    assert ok(api.post(f"{path}/issue"))["published"] is True

    api.as_(cli(app, token_command, "truongphong@haihau.gov.vn").strip())
    owed = ok(api.get(f"{path}/deliverables"))["items"]
    assert [(d["kind"], d["due_on"], d["unit"]["code"]) for d in owed] == [
        ("six_month", "2027-06-10", "HAI-HAU"), ("nine_month", "2027-09-30", "HAI-HAU"),
        ("annual", "2027-12-10", "HAI-HAU")]
    assert not any(d["kind"] == "subplan" for d in owed)
    # What the database holds says the same: no sub-plan anywhere, the Front owes one report.
    stored = db.session.get(Plan, plan["id"])
    kinds = {a.unit.code: sorted(d.kind.value for d in a.deliverables) for a in stored.assignments}
    assert kinds == {"HAI-HAU": ["annual", "nine_month", "six_month"], "GIAO-THUY": ["annual", "nine_month",
                                                                                      "six_month"],
                     "MTTQ": ["annual"]}
    assert {t.unit.code: (t.poor_start, t.poor_end) for t in stored.targets} == {"HAI-HAU": (800, 600),
                                                                                 "GIAO-THUY": (600, 450)}


# --- editing a plan -----------------------------------------------------------------------

@pytest.fixture
def world(db):
    return World(year=YEAR)


def kinds_owed(plan, unit):
    assignment = next(a for a in plan.assignments if a.unit_id == unit.id)
    return sorted(d.kind.value for d in assignment.deliverables)


def test_a_plan_changes_only_what_is_sent(world, api, db):
    api.as_(world.admin)
    path = f"/plans/{world.plan.id}"
    before = ok(api.get(path))["schedule"]
    changed = ok(api.patch(path, {"title": "Kế hoạch (sửa đổi)", "number": " 99 "}))
    assert (changed["title"], changed["number"], changed["schedule"]) == ("Kế hoạch (sửa đổi)", "99", before)
    assert changed["place"] == "Đắk Nông" and changed["issued_on"] == f"{YEAR}-02-15"
    # With a schedule, the plan asks exactly what it names; the units' deliverables follow.
    changed = ok(api.patch(path, {"schedule": {"annual_due_on": f"{YEAR}-12-10", "quarterly_3_due_on": None}}))
    assert [(i["kind"], i["occurrence"], i["due_on"]) for i in changed["schedule"]] == [
        ("quarterly", 3, default_due_on(K.QUARTERLY, YEAR, 3).isoformat()), ("annual", 1, f"{YEAR}-12-10")]
    assert kinds_owed(world.plan, world.district) == ["annual", "quarterly"]
    assert ok(api.patch(path, {"issued_on": None}))["issued_on"] is None
    error = refused(api.patch(path, {"issuing_unit_id": world.district.id, "coordinating_unit_id": world.labour.code}))
    assert list(error["fields"]) == ["issuing_unit_id"]
    assert world.plan.issuing_unit_id == world.province.id


BAD_PLANS = [
    ({"titel": "x"}, {"titel": "Unknown field."}),
    ({"year": "2027"}, {"year": "Send a whole number."}),
    ({"year": 1999}, {"year": "Enter a year between 2000 and 2100."}),
    ({"title": ""}, {"title": "Enter the plan's title."}),
    ({"title": 12}, {"title": "Send a text."}),
    ({"issued_on": "20/02/2027"}, {"issued_on": "Send a date as YYYY-MM-DD, e.g. 2027-03-31, or null."}),
    ({"issued_on": "2027-02-30"}, {"issued_on": "Send a date as YYYY-MM-DD, e.g. 2027-03-31, or null."}),
    ({"schedule": {"annual": "2027-12-10"}}, {"annual": "Unknown field."}),
    ({"schedule": {"annual_due_on": "10/12/2027"}},
     {"annual_due_on": "Send a date as YYYY-MM-DD, e.g. 2027-03-31, or null."}),
    ({"schedule": []}, {"schedule": "Send a JSON object."}),
    ({"schedule": {}}, {"schedule": "Choose at least one document the units must deliver."}),
    ({"schedule": {"six_month_due_on": "2027-12-20", "annual_due_on": "2027-06-10"}},
     {"annual_due_on": "Due dates must come in order: sub-plan, six-month report, annual report."}),
    ({"issuing_unit_id": "KHONG-CO"}, {"issuing_unit_id": "No unit has the id or code %(ref)s."}),
    ({"coordinating_unit_id": True}, {"coordinating_unit_id": "Send a unit's id (a number) or code (a text)."}),
]


@pytest.mark.parametrize("change, fields", BAD_PLANS, ids=[str(c) for c, _f in BAD_PLANS])
def test_a_bad_plan_is_refused_field_by_field_and_nothing_is_written(world, api, db, change, fields):
    api.as_(world.admin)
    before = plans_count(db)
    body = {"issuing_unit_id": world.province.code, "coordinating_unit_id": world.labour.id, "year": YEAR,
            "title": "Kế hoạch thử", **change}
    error = refused(api.post("/plans", body))
    assert error["code"] == "invalid"
    assert error["fields"] == {name: vi(message, ref=body.get(name)) for name, message in fields.items()}
    assert plans_count(db) == before


def test_a_body_that_is_not_a_json_object_is_a_bad_request(world, api, db):
    api.as_(world.admin)
    for kwargs in ({"data": "{not json", "content_type": "application/json"}, {"json": [1, 2]},
                   {"data": "title=x", "content_type": "application/x-www-form-urlencoded"}):
        response = api.post("/plans", **kwargs)
        assert response.status_code == 400 and response.get_json()["error"]["code"] == "bad_request"
        response = api.call("PATCH", f"/plans/{world.plan.id}", **kwargs)
        assert response.status_code == 400
    assert refused(api.post(f"/plans/{world.plan.id}/copy", {"year": 2030}))["fields"] == {
        "body": vi("This request takes no body (or an empty JSON object).")}


def test_a_plan_chooses_its_programme(world, api, db):
    from tests.factories import programme

    api.as_(world.admin)
    later = programme(world.admin, "CT2635", 2026, 2035)
    db.session.commit()
    made = ok(api.post("/plans", {"issuing_unit_id": world.province.id, "coordinating_unit_id": world.labour.id,
                                  "year": YEAR, "title": "Kế hoạch", "programme_id": later.id}), 201)
    assert made["programme_id"] == later.id
    path = f"/plans/{made['id']}"
    assert ok(api.patch(path, {"title": "Sửa", "programme_id": None}))["programme_id"] == later.id  # null: kept
    assert "programme_id" in refused(api.patch(path, {"programme_id": 999999}))["fields"]
    assert refused(api.patch(path, {"programme_id": "CT2635"}))["fields"] == {"programme_id": vi("Send a whole number.")}
    assert db.session.get(Plan, made["id"]).programme_id == later.id


def test_a_new_plan_without_a_schedule_asks_the_usual_documents(world, api):
    api.as_(world.admin)
    plan = ok(api.post("/plans", {"issuing_unit_id": world.province.id, "coordinating_unit_id": world.labour.code,
                                  "year": YEAR + 1, "title": "Kế hoạch năm sau"}), 201)
    assert [i["kind"] for i in plan["schedule"]] == ["subplan", "six_month", "annual"]
    assert (plan["symbol"], plan["number"], plan["assignments"]) == ("KH-UBND", "", [])


# --- who may ------------------------------------------------------------------------------

def test_a_reviewer_sets_targets_but_not_the_plan(world, api, db):
    plan, path = world.plan, f"/plans/{world.plan.id}"
    api.as_(world.reviewer)
    attempts = [("POST", "/plans", {"issuing_unit_id": world.province.id, "coordinating_unit_id": world.labour.id,
                                    "year": YEAR, "title": "x"}),
                ("PATCH", path, {"title": "Sửa"}), ("POST", f"{path}/assignments", {"unit_ids": [world.labour.id]}),
                ("PUT", f"{path}/assignments/{world.assignment.id}/owes", {"item_ids": ["annual"]}),
                ("POST", f"{path}/adhoc-reports", {"title": "x", "period_start_on": "2027-01-01",
                                                   "period_end_on": "2027-08-31", "due_on": "2027-09-05",
                                                   "unit_ids": [world.district.id]}),
                ("POST", f"{path}/issue", None), ("POST", f"{path}/copy", None),
                ("PUT", f"{path}/reminder-policy", {"send_hour": 6}),
                ("POST", "/units", {"code": "X1", "name": "X", "kind": "department", "parent_code": world.labour.code}),
                ("PATCH", f"/units/{world.labour.id}", {"name": "Sở mới"}),
                ("POST", "/users", {"email": "a@b.vn", "full_name": "A", "roles": [{"unit": world.labour.id,
                                                                                    "role": "staff"}]})]
    for method, where, body in attempts:
        assert refused(api.call(method, where, body), 403)["code"] == "forbidden", (method, where)
    assert plans_count(db) == 1 and plan.title != "Sửa" and plan.reminder_policy is None
    assert len(plan.assignments) == 2 and db.session.scalar(db.select(Unit).where(Unit.code == "X1")) is None
    saved = ok(api.put(f"{path}/targets", {"rows": [{"unit": world.district.code, "households_start": 1000,
                                                     "poor_start": 100, "poor_reduction": 10}]}))
    assert saved["created"] == 1
    api.as_(world.head)
    assert refused(api.post("/plans", {}), 403)["code"] == "forbidden"
    assert refused(api.put(f"{path}/targets", {"rows": []}), 403)["code"] == "forbidden"
    assert ok(api.get(f"{path}/reminder-policy"))["days_before"] == [7, 3, 1, 0]
    api.as_(world.outsider)
    assert refused(api.get(f"{path}/reminder-policy"), 403)["code"] == "forbidden"


def test_a_district_administrator_acts_within_the_district_only(world, api, db):
    district_admin = user_factory((Role.ADMIN, world.district))
    office = unit_factory("Phòng LĐTBXH huyện", parent=world.district)
    commune = unit_factory("Xã Nam Đà", UnitKind.COMMUNE, parent=world.district)
    api.as_(district_admin)
    before = plans_count(db)
    # A plan of the province: not theirs to make, whatever its body.
    error = refused(api.post("/plans", {"issuing_unit_id": world.province.code, "coordinating_unit_id":
                                        world.labour.code, "year": YEAR, "title": "Kế hoạch tỉnh"}), 403)
    assert error["message"] == vi("You can only create plans for units you administer.")
    assert plans_count(db) == before
    # Beside: the other district's plan, the province's plan.
    assert refused(api.patch(f"/plans/{world.plan.id}", {"title": "x"}), 403)["code"] == "forbidden"
    own = ok(api.post("/plans", {"issuing_unit_id": world.district.code, "coordinating_unit_id": office.code,
                                 "year": YEAR, "title": "Kế hoạch huyện"}), 201)
    # Above: a department of the province is not the district plan's to assign; nor is it
    # theirs to see, so it is named as they named it (test_plans_setup_parity.py).
    error = refused(api.post(f"/plans/{own['id']}/assignments", {"unit_ids": [world.labour.code, commune.code]}))
    assert world.labour.code in error["fields"]["unit_ids"] and world.labour.name not in error["fields"]["unit_ids"]
    assert db.session.get(Plan, own["id"]).assignments == []
    assigned = ok(api.post(f"/plans/{own['id']}/assignments", {"unit_ids": [commune.code]}), 201)["items"]
    assert [a["unit"]["code"] for a in assigned] == [commune.code]
    # A coordinating unit outside the district.
    error = refused(api.post("/plans", {"issuing_unit_id": world.district.id, "coordinating_unit_id":
                                        world.labour.id, "year": YEAR, "title": "x"}))
    assert list(error["fields"]) == ["coordinating_unit_id"]


def test_unknown_ids_are_not_found(world, api, db):
    api.as_(world.admin)
    other = plan_ops.create_plan(world.admin, world.province, world.labour, year=YEAR + 1, number="", symbol="KH",
                                 title="Khác", place="", issued_on=None, legal_bases="", goals="")
    plan_ops.assign_units(world.admin, other, [world.district])
    db.session.commit()
    foreign = other.assignments[0].id
    for method, where in (("PATCH", "/plans/99999999"), ("POST", "/plans/99999999/issue"),
                          ("PUT", f"/plans/{world.plan.id}/assignments/{foreign}/owes"),
                          ("PUT", f"/plans/{world.plan.id}/assignments/99999999/owes"),
                          ("PATCH", "/plans/99999999999999"), ("PATCH", "/units/99999999")):
        assert refused(api.call(method, where, {}), 404)["code"] == "not_found", where


# --- assigning and owing -----------------------------------------------------------------

def test_units_are_assigned_and_owe_what_they_are_told(world, api, db):
    api.as_(world.admin)
    plan = ok(api.post("/plans", {"issuing_unit_id": world.province.id, "coordinating_unit_id": world.labour.id,
                                  "year": YEAR, "title": "Kế hoạch",
                                  "schedule": {"subplan_due_on": None, "six_month_due_on": None,
                                               "annual_due_on": None}}), 201)
    path = f"/plans/{plan['id']}"
    items = {i["kind"]: i["id"] for i in plan["schedule"]}
    made = ok(api.post(path + "/assignments", {"unit_ids": [world.district.code], "item_ids": [items["annual"],
                                                                                             "six_month"]}), 201)
    assert set(made["items"][0]["item_ids"]) == {items["six_month"], items["annual"]}
    assert ok(api.post(path + "/assignments", {"unit_ids": [world.district.code]}), 201)["items"] == []
    assignment = made["items"][0]["id"]
    owes = ok(api.put(f"{path}/assignments/{assignment}/owes", {"item_ids": ["subplan_due_on", items["annual"]]}))
    assert set(owes["item_ids"]) == {items["subplan"], items["annual"]}
    stored = db.session.get(Assignment, assignment)
    assert sorted(d.kind.value for d in stored.deliverables) == ["annual", "subplan"]
    for body, field in (({"item_ids": ["five_year"]}, "item_ids"), ({"item_ids": []}, "item_ids"),
                        ({"item_ids": "annual"}, "item_ids"), ({}, "item_ids"), ({"owes": ["annual"]}, "owes")):
        assert field in refused(api.put(f"{path}/assignments/{assignment}/owes", body))["fields"], body
    for body, field in (({"unit_ids": []}, "unit_ids"), ({"unit_ids": ["KHONG-CO"]}, "unit_ids"),
                        ({"unit_ids": [world.other_district.id], "requested": "yes"}, "requested"),
                        ({"unit_ids": [world.other_district.id], "duties": "x" * 20001}, "duties"),
                        ({"unit_ids": [world.other_district.id], "item_ids": [999999]}, "item_ids")):
        assert field in refused(api.post(path + "/assignments", body))["fields"], body
    assert len(db.session.get(Plan, plan["id"]).assignments) == 1


def test_an_adhoc_report_issuing_and_copying(world, api, db):
    api.as_(world.admin)
    path = f"/plans/{world.plan.id}"
    report = {"title": "Tình hình đến tháng 8", "period_start_on": f"{YEAR}-01-01",
              "period_end_on": f"{YEAR}-08-31", "due_on": f"{YEAR}-09-05"}
    made = ok(api.post(path + "/adhoc-reports", {**report, "unit_ids": [world.district.code],
                                                 "assignment_ids": [world.assignment.id]}), 201)["items"]
    assert [(d["kind"], d["title"], d["due_on"], d["unit"]["code"]) for d in made] == [
        ("adhoc", "Tình hình đến tháng 8", f"{YEAR}-09-05", world.district.code)]
    for change, field in (({"unit_ids": [world.labour.code]}, "unit_ids"), ({"assignment_ids": [999999]},
                                                                           "assignment_ids"),
                          ({"unit_ids": [world.district.id], "period_end_on": f"{YEAR}-12-31"}, "due_on"),
                          ({"unit_ids": [world.district.id], "due_on": "5/9/2027"}, "due_on"),
                          ({"unit_ids": [world.district.id], "title": " "}, "title"), ({}, "assignment_ids")):
        assert field in refused(api.post(path + "/adhoc-reports", {**report, **change}))["fields"], change
    missing = refused(api.post(path + "/adhoc-reports", {"title": "x"}))["fields"]
    assert set(missing) >= {"period_start_on", "period_end_on", "due_on"}
    assert db.session.scalar(db.select(db.func.count(Deliverable.id)).where(Deliverable.kind == K.ADHOC)) == 1

    assert refused(api.post(path + "/issue"))["message"] == vi("This plan has already been issued.")
    copy = ok(api.post(path + "/copy", {}), 201)
    assert (copy["year"], copy["published"], copy["number"]) == (YEAR + 1, False, "")
    assert {a["unit"]["code"] for a in copy["assignments"]} == {world.district.code, world.other_district.code}
    assert refused(api.post(path + "/copy"))["message"] == vi("This plan was already copied to %(year)d.",
                                                              year=YEAR + 1)
    issued = ok(api.post(f"/plans/{copy['id']}/issue"))
    assert issued["published"] is True


def test_the_reminder_policy(world, api, db):
    api.as_(world.admin)
    path = f"/plans/{world.plan.id}/reminder-policy"
    assert ok(api.get(path)) == {"plan_id": world.plan.id, "enabled": True, "days_before": [7, 3, 1, 0],
                                 "first_overdue_after": 1, "overdue_every": 7, "send_hour": 8, "grace_days": 2,
                                 "escalate_overdue": True}
    saved = ok(api.put(path, {"days_before": [1, 5], "send_hour": 7, "escalate_overdue": False}))
    assert (saved["days_before"], saved["send_hour"], saved["escalate_overdue"], saved["overdue_every"]) == (
        [5, 1], 7, False, 7)
    assert ok(api.put(path, {"days_before": "10, 2", "enabled": False}))["days_before"] == [10, 2]
    stored = db.session.get(ReminderPolicy, world.plan.id)
    assert (stored.enabled, stored.days_before, stored.send_hour) == (False, "10,2", 7)
    for body, field in (({"days_before": [-1]}, "days_before"), ({"days_before": ["x"]}, "days_before"),
                        ({"send_hour": 24}, "send_hour"), ({"send_hour": "7"}, "send_hour"),
                        ({"enabled": "no"}, "enabled"), ({"hour": 7}, "hour")):
        assert field in refused(api.put(path, body))["fields"], body
    assert db.session.get(ReminderPolicy, world.plan.id).send_hour == 7


# --- targets ------------------------------------------------------------------------------

def test_targets_sent_as_json_are_checked_as_a_file_is(world, api, db, tmp_path):
    """The same rows, as a CSV file and as JSON: the same refusals, word for word."""
    api.as_(world.admin)
    path = f"/plans/{world.plan.id}/targets"
    rows = [{"unit": world.district.code, "households_start": "19.680", "poor_start": "851", "poor_rate_start": "4,32",
             "poor_reduction": "900"},
            {"unit": "Huyện không có", "households_start": "100", "poor_start": "12,5", "poor_reduction": "1"},
            {"unit": world.other_district.name, "households_start": "22.195", "poor_start": "1.183",
             "poor_reduction": "480", "poor_rate_start": "9,99"}]
    header = [vi_header for _key, vi_header, _e in TARGET_COLUMNS]
    lines = [",".join(header)] + [",".join(f'"{r.get(key, "")}"' for key, _h, _e in TARGET_COLUMNS) for r in rows]
    file_rows = read_rows("chi-tieu.csv", "\n".join(lines).encode(), TARGET_COLUMNS,
                          optional=("households_end", "poor_reduction_points", "poor_rate_end"))
    with force_locale("vi"):
        from_file = sorted(m for _r, _c, m in translate_errors(plan_ops.import_targets(world.admin, world.plan,
                                                                                       file_rows).errors,
                                                               TARGET_COLUMNS))
    error = refused(api.put(path, {"rows": rows}))
    assert sorted(error["fields"].values()) == from_file and len(from_file) == 3
    assert set(error["fields"]) == {"rows.0.poor_reduction", "rows.1.unit", "rows.1.poor_start"}
    assert db.session.scalar(db.select(db.func.count(PlanTarget.id))) == 0

    near = {"near_poor_start": 1200, "near_poor_end": "1.100"}
    saved = ok(api.put(path, {"rows": [{**rows[0], "poor_reduction": 180, **near}, rows[2]]}))
    assert (saved["created"], saved["updated"]) == (2, 0)
    stored = {t.unit_id: t for t in world.plan.targets}
    assert (stored[world.district.id].near_poor_start, stored[world.district.id].near_poor_end) == (1200, 1100)
    assert list(saved["warnings"]) == ["rows.1.poor_rate_start"]  # typed 9,99 where 5,33 is computed
    assert ok(api.put(path, {"rows": [{**rows[0], "poor_reduction": 180, **near}]}))["unchanged"] == 1
    for body, field in (({"rows": []}, "rows"), ({}, "rows"), ({"rows": {}}, "rows"),
                        ({"rows": [{"unit": world.district.id, "poor": 1}]}, "rows.0.poor"),
                        ({"rows": [{"unit": world.district.id, "poor_start": True}]}, "rows.0.poor_start"),
                        ({"rows": [{"unit": world.district.id, "households_start": 10**12, "poor_start": 1,
                                    "poor_reduction": 0}]}, "rows.0.households_start"),
                        ({"rows": ["x"]}, "rows.0")):
        assert field in refused(api.put(path, body))["fields"], body


# --- units and users ----------------------------------------------------------------------

def test_units_and_users_within_the_administrators_units(world, api, db):
    api.as_(world.admin)
    made = ok(api.post("/units", {"code": "XA-NAM-DA", "name": "Xã Nam Đà", "kind": "commune",
                                  "parent_code": world.district.code}), 201)
    assert (made["parent_id"], made["active"], made["emails"]) == (world.district.id, True, [])
    renamed = ok(api.patch(f"/units/{made['id']}", {"name": "Xã Nam Đà (mới)", "emails": "xa@example.org"}))
    assert (renamed["name"], renamed["code"], renamed["kind"], renamed["emails"]) == (
        "Xã Nam Đà (mới)", "XA-NAM-DA", "commune", ["xa@example.org"])
    assert "code" in refused(api.patch(f"/units/{made['id']}", {"code": "KHAC"}))["fields"]
    assert "code" in refused(api.post("/units", {"code": "XA-NAM-DA", "name": "Trùng", "kind": "commune",
                                                 "parent_code": world.district.code}))["fields"]
    assert "kind" in refused(api.post("/units", {"code": "K1", "name": "K", "kind": "village"}))["fields"]
    assert refused(api.patch(f"/units/{made['id']}", {"name": "Xã\nNam Đà"}))["fields"] == {
        "name": vi("This field cannot contain control characters (a line break, a tab...).")}

    district_admin = user_factory((Role.ADMIN, world.district))
    api.as_(district_admin)
    error = refused(api.patch(f"/units/{world.district.id}", {"name": "Huyện mới", "active": False}))
    assert set(error["fields"]) == {"name", "active"}  # only the province renames or deactivates it
    assert ok(api.patch(f"/units/{world.district.id}", {"emails": ["huyen@example.org"]}))["emails"] == [
        "huyen@example.org"]
    assert "parent_code" in refused(api.post("/units", {"code": "SO-MOI", "name": "Sở mới", "kind": "department",
                                                        "parent_code": world.province.code}))["fields"]
    assert refused(api.patch(f"/units/{world.labour.id}", {"name": "x"}), 403)["code"] == "forbidden"

    user = ok(api.post("/users", {"email": "Can.Bo@Example.org", "full_name": "Cán bộ", "roles": [
        {"unit": world.district.code, "role": "staff"}, {"unit": made["id"], "role": "observer"}]}), 201)
    assert user["email"] == "can.bo@example.org"
    assert sorted((r["role"], r["unit"]["code"]) for r in user["roles"]) == [("observer", "XA-NAM-DA"),
                                                                          ("staff", world.district.code)]
    for body, fields in (
            ({"email": "can.bo@example.org", "full_name": "Lại", "roles": [{"unit": world.district.id,
                                                                            "role": "head"}]}, {"email"}),
            ({"email": "x@example.org", "full_name": "X", "roles": [{"unit": world.province.code, "role": "staff"}]},
             {"roles.0.unit"}),
            ({"email": "x@example.org", "full_name": "X", "roles": [{"unit": world.district.code, "role": "boss"}]},
             {"roles.0.role"}),
            ({"email": "x@example.org", "full_name": "X", "roles": [{"unit": "KHONG-CO", "role": "staff"}]},
             {"roles.0.unit"}),
            ({"email": "khong-phai-email", "full_name": "", "roles": []}, {"email", "full_name", "roles"}),
            ({"email": "x@example.org", "full_name": "X", "roles": [{"unit": world.district.code}], "admin": True},
             {"admin"})):
        assert fields <= set(refused(api.post("/users", body))["fields"]), body
    assert db.session.scalar(db.select(User).where(User.email == "x@example.org")) is None


# --- the command line -------------------------------------------------------------------

def run(app, *args):
    return app.test_cli_runner().invoke(args=["plans", *[str(a) for a in args]])


def test_the_command_line_sets_a_plan_up_as_its_administrator(app, world, db, tmp_path):
    admin = world.admin.email
    done = run(app, "create", "--as", admin, "--issuing", world.province.code, "--coordinating", world.labour.code,
               "--year", YEAR + 1, "--title", "Kế hoạch giảm nghèo 2028", "--number", "12", "--due", "six_month=2028-06-10",
               "--due", "nine_month", "--due", "annual_due_on=2028-12-10")
    assert done.exit_code == 0, done.output
    plan = db.session.scalar(db.select(Plan).where(Plan.year == YEAR + 1))
    assert [(i.kind, i.due_on) for i in plan.schedule] == [
        (K.SIX_MONTH, D(2028, 6, 10)), (K.NINE_MONTH, D(2028, 9, 30)), (K.ANNUAL, D(2028, 12, 10))]
    assert done.output.startswith(f"{plan.id}\t12/KH-UBND\t2028")
    made_by = db.session.scalars(db.select(AuditEntry.actor_id).where(AuditEntry.object_type == "plan",
                                                                      AuditEntry.object_id == plan.id)).all()
    assert made_by and set(made_by) == {world.admin.id}  # the audit log names the person, not "the command line"
    steps = [("edit", plan.id, "--title", "Kế hoạch (sửa)", "--place", "Gia Nghĩa"),
             ("assign", plan.id, "--unit", world.district.code, "--unit", world.other_district.code, "--duties", "Làm"),
             ("owe", plan.id, "--unit", world.other_district.code, "--owes", "annual"),
             ("adhoc", plan.id, "--title", "Tháng 8", "--from", "2028-01-01", "--to", "2028-08-31", "--due-on",
              "2028-09-05", "--unit", world.district.code),
             ("reminders", plan.id, "--days-before", "5,1", "--no-escalate"),
             ("issue", plan.id), ("copy", plan.id)]
    for step in steps:
        result = run(app, *step, "--as", admin)
        assert result.exit_code == 0, (step, result.output)
    db.session.expire_all()
    plan = db.session.get(Plan, plan.id)
    assert (plan.title, plan.place, plan.is_published, len(plan.schedule)) == ("Kế hoạch (sửa)", "Gia Nghĩa", True, 3)
    assert kinds_owed(plan, world.other_district) == ["annual"]
    assert kinds_owed(plan, world.district) == ["adhoc", "annual", "nine_month", "six_month"]
    assert (plan.reminder_policy.days_before, plan.reminder_policy.escalate_overdue) == ("5,1", False)
    assert db.session.scalar(db.select(Plan).where(Plan.copied_from_id == plan.id)).year == 2029
    table = tmp_path / "chi-tieu.csv"
    table.write_text("Đơn vị,Tổng số hộ,Số hộ nghèo,Tỷ lệ hộ nghèo (%),Số hộ giảm\n"
                     f"{world.district.code},1000,100,\"10,00\",10\n", encoding="utf-8")
    result = run(app, "targets", plan.id, table, "--as", world.reviewer.email)
    assert result.exit_code == 0, result.output
    assert [(t.unit_id, t.poor_end) for t in db.session.get(Plan, plan.id).targets] == [(world.district.id, 90)]


def test_the_command_line_refuses_as_the_pages_do_and_writes_nothing(app, world, db):
    before = plans_count(db)
    create = ["create", "--issuing", world.province.code, "--coordinating", world.labour.code, "--year", YEAR + 1,
              "--title", "Kế hoạch"]
    refused_ = run(app, *create, "--as", world.reviewer.email)
    assert refused_.exit_code == 1 and vi("You can only create plans for units you administer.") in refused_.output
    bad = run(app, *create, "--due", "annual=10/12/2028", "--as", world.admin.email)
    assert bad.exit_code == 1
    assert f"--due annual: {vi('Send a date as YYYY-MM-DD, e.g. 2027-03-31, or null.')}" in bad.output
    unknown = run(app, *create, "--due", "monthly", "--as", world.admin.email)
    assert unknown.exit_code == 1 and "monthly_due_on" in unknown.output
    nobody = run(app, *create, "--as", "khong-co@example.org")
    assert nobody.exit_code == 1 and "khong-co@example.org" in nobody.output
    assert plans_count(db) == before
    # In the acting user's language.
    world.reviewer.locale = "en"
    db.session.commit()
    english = run(app, "issue", world.plan.id, "--as", world.reviewer.email)
    assert english.exit_code == 1 and "You do not have permission to change this plan." in english.output
    owe = run(app, "owe", world.plan.id, "--unit", world.labour.code, "--owes", "annual", "--as", world.admin.email)
    assert owe.exit_code == 1 and world.labour.code in owe.output
    assert run(app, "issue", 99999999, "--as", world.admin.email).exit_code == 1
    district_admin = user_factory((Role.ADMIN, world.district))
    assign = run(app, "assign", world.plan.id, "--unit", world.labour.code, "--as", district_admin.email)
    assert assign.exit_code == 1
    assert len(world.plan.assignments) == 2


def test_targets_sent_as_json_set_the_plan_s_own_indicators_by_code(world, api, db):
    """The plan's own indicators are cells of the rows, as columns of a file are: by code."""
    from decimal import Decimal

    from app.plans import indicators as ind_ops
    from app.plans.models import IndicatorAssignment
    from workflows.enums import Direction, IndicatorKind, MeasureUnit

    houses = ind_ops.add_indicator(world.admin, world.plan, code="NHA_O", name="Nhà ở xây mới cho hộ nghèo",
                                   unit=MeasureUnit.HOUSES, kind=IndicatorKind.COUNT, direction=Direction.AT_LEAST,
                                   target=Decimal(150))
    trained = ind_ops.add_indicator(world.admin, world.plan, code="TAP_HUAN", name="Cán bộ được tập huấn",
                                    unit=MeasureUnit.PERCENT, kind=IndicatorKind.VALUE,
                                    direction=Direction.AT_LEAST, target=Decimal(100))
    db.session.commit()
    path = f"/plans/{world.plan.id}/targets"
    row = {"unit": world.district.code, "households_start": 19680, "poor_start": 851, "poor_reduction": 180}
    api.as_(world.admin)
    saved = ok(api.put(path, {"rows": [{**row, "NHA_O": 120, "TAP_HUAN": 97.5},
                                       {"unit": world.other_district.code, "households_start": 22195,
                                        "poor_start": 1183, "poor_reduction": 480, "indicator:NHA_O": "80"}]}))
    assert (saved["created"], saved["indicator_targets"]) == (2, 3)

    def targets(indicator):
        db.session.expire_all()
        return {r.assignment.unit_id: r.target for r in db.session.scalars(
            db.select(IndicatorAssignment).where(IndicatorAssignment.indicator_id == indicator.id))}

    assert targets(houses) == {world.district.id: Decimal(120), world.other_district.id: Decimal(80)}
    assert targets(trained) == {world.district.id: Decimal("97.5")}
    assert refused(api.put(path, {"rows": [{**row, "KHONG_CO": 1}]}))["fields"] == {
        "rows.0.KHONG_CO": vi("Unknown field.")}  # the shape first: nothing else is read
    assert list(refused(api.put(path, {"rows": [{**row, "TAP_HUAN": "nhiều"}]}))["fields"]) == ["rows.0.TAP_HUAN"]
    assert targets(trained) == {world.district.id: Decimal("97.5")}
    api.as_(world.reviewer)  # the coordinating unit's reviewers set households, not the plan's indicators
    assert refused(api.put(path, {"rows": [{**row, "NHA_O": 1}]}), 403)["code"] == "forbidden"
    assert ok(api.put(path, {"rows": [row]}))["unchanged"] == 1
