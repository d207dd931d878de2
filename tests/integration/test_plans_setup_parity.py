"""What a plan's administrator does in the pages, a script does too — through /api/v1 and
``flask plans …`` (issue 16, point 7) — and it learns no more than the pages would tell it:
a unit beyond what its user may see is named as the script named it, never by its name."""
from decimal import Decimal

import pytest

from app.documents import operations as doc_ops
from app.plans import indicators as ind_ops
from app.plans.models import Plan
from tests.factories import World, login, ready
from tests.factories import unit as unit_factory
from tests.factories import user as user_factory
from tests.integration.test_plans_api import api, ok, refused, run, vi  # noqa: F401  (api: a fixture)
from workflows.enums import DeliverableKind, Direction, IndicatorKind, MeasureUnit, Role, UnitKind

YEAR = 2027
SECRET = "Huyện Bí Mật Tỉnh Khác"


@pytest.fixture
def world(db):
    return World(year=YEAR)


@pytest.fixture
def stranger(world):
    """A district of another province: nobody of this one may learn its name."""
    return unit_factory(SECRET, UnitKind.DISTRICT, parent=unit_factory("Ủy ban nhân dân tỉnh Khác", UnitKind.PROVINCE))


def houses(world, db):
    made = ind_ops.add_indicator(world.admin, world.plan, code="NHA_O", name="Nhà ở cho hộ nghèo",
                                 unit=MeasureUnit.HOUSES, kind=IndicatorKind.COUNT, direction=Direction.AT_LEAST,
                                 target=Decimal(200))
    db.session.commit()
    return made


def indicator(db, plan_id, code="NHA_O"):
    db.session.expire_all()
    return next((i for i in db.session.get(Plan, plan_id).indicators if i.code == code), None)


def reporters(db, plan_id, code="NHA_O"):
    return sorted((r.assignment.unit.code, r.target) for r in indicator(db, plan_id, code).reporters)


def unknown(ref):
    return vi("No unit has the id or code %(ref)s.", ref=ref)


# --- the command line does what the pages do -----------------------------------------------

def test_the_command_line_deletes_an_indicator(app, world, db):
    plan, admin = world.plan.id, world.admin.email
    made = run(app, "indicator", plan, "--code", "NHA_O", "--name", "Nhà ở", "--unit", "houses", "--as", admin)
    assert made.exit_code == 0, made.output
    assert run(app, "indicator", plan, "--code", "NHA_O", "--delete", "--as", world.reviewer.email).exit_code == 1
    both = run(app, "indicator", plan, "--code", "NHA_O", "--delete", "--name", "Khác", "--as", admin)
    assert both.exit_code == 2 and "--delete" in both.output  # a deletion changes nothing else
    missing = run(app, "indicator", plan, "--code", "KHONG_CO", "--delete", "--as", admin)
    assert missing.exit_code == 1 and "KHONG_CO" in missing.output
    assert indicator(db, plan) is not None
    gone = run(app, "indicator", plan, "--code", "nha_o", "--delete", "--as", admin)
    assert gone.exit_code == 0, gone.output
    assert indicator(db, plan) is None


def test_an_indicator_in_use_stops_being_asked_instead(app, world, db):
    """The refusal to delete an indicator a report gives says to stop asking every unit for
    it: the command line can (--no-reporters), as the page can by unticking them all."""
    plan, admin = world.plan.id, world.admin.email
    made = houses(world, db)
    ind_ops.set_reporters(world.admin, made, {world.assignment.id: Decimal(120)})
    doc = world.document(DeliverableKind.SIX_MONTH)
    doc_ops.save_content(doc, world.head, ready(doc, indicators={str(made.id): "100"}), None)
    db.session.commit()
    refusal = run(app, "indicator", plan, "--code", "NHA_O", "--delete", "--as", admin)
    assert refusal.exit_code == 1 and "--no-reporters" in refusal.output
    both = run(app, "indicator", plan, "--code", "NHA_O", "--no-reporters", "--reporter", world.district.code,
               "--as", admin)
    assert both.exit_code == 2
    assert reporters(db, plan) == [(world.district.code, Decimal(120))]
    stopped = run(app, "indicator", plan, "--code", "NHA_O", "--no-reporters", "--as", admin)
    assert stopped.exit_code == 0, stopped.output
    assert reporters(db, plan) == [] and indicator(db, plan).target == Decimal(200)


def test_an_indicator_is_made_optional_and_required_again(app, world, db):
    plan, admin = world.plan.id, world.admin.email
    houses(world, db)
    for options, required in ((["--optional"], False), (["--target", "250"], False), (["--required"], True)):
        done = run(app, "indicator", plan, "--code", "NHA_O", *options, "--as", admin)
        assert done.exit_code == 0, done.output
        assert indicator(db, plan).is_required is required, options
    assert indicator(db, plan).target == Decimal(250)


def test_an_empty_issue_date_clears_it_as_null_does_in_the_api(app, world, db):
    assert world.plan.issued_on is not None
    done = run(app, "edit", world.plan.id, "--issued-on", "", "--as", world.admin.email)
    assert done.exit_code == 0, done.output
    db.session.expire_all()
    stored = db.session.get(Plan, world.plan.id)
    assert stored.issued_on is None and stored.title.endswith(str(YEAR)) and stored.place == "Đắk Nông"
    bad = run(app, "edit", world.plan.id, "--issued-on", "15/02/2027", "--as", world.admin.email)
    assert bad.exit_code == 1 and "--issued-on: " in bad.output and "issued_on" not in bad.output


def test_every_plan_command_names_its_options_in_its_refusals(app, world, db):
    """Whoever typed --due annual=… reads --due annual, not the API's annual_due_on."""
    admin, plan = world.admin.email, world.plan.id
    cases = [(["create", "--issuing", "KHONG-CO", "--coordinating", world.labour.code, "--year", YEAR + 1,
               "--title", "Thử", "--due", "annual=2028-02-30"], ["--issuing: ", "--due annual: "]),
             (["edit", plan, "--due", "six_month=ngày"], ["--due six_month: "]),
             (["edit", plan, "--title", ""], ["--title: "]),
             (["assign", plan, "--unit", "KHONG-CO"], ["--unit: "]),
             (["adhoc", plan, "--title", "Đột xuất", "--from", "2027-01-01", "--to", "2027-02-01",
               "--due-on", "mai", "--unit", world.district.code], ["--due-on: "])]
    for args, named in cases:
        result = run(app, *args, "--as", admin)
        assert result.exit_code == 1 and all(n in result.output for n in named), (args, result.output)
        assert "_due_on" not in result.output and "unit_ids" not in result.output, result.output


def test_the_indicator_command_names_its_options_in_its_refusals(app, world, db):
    plan, admin, district = world.plan.id, world.admin.email, world.district.code
    houses(world, db)
    cases = [(["--reporter", f"{district}=nhiều"], f"--reporter {district}=nhiều: "),
             (["--reporter", "KHONG-CO"], "--reporter KHONG-CO: "),
             (["--reporter", world.labour.code], f"--reporter {world.labour.code}: "),
             (["--target", "nhiều"], "--target: "),
             (["--kind", "ratio", "--numerator", "KHONG_CO", "--denominator", "poor"], "--numerator: ")]
    for options, named in cases:
        result = run(app, "indicator", plan, "--code", "NHA_O", *options, "--as", admin)
        assert result.exit_code == 1 and named in result.output, (options, result.output)
        assert "units.0" not in result.output and "numerator_code" not in result.output
    assert reporters(db, plan) == [] and indicator(db, plan).kind is IndicatorKind.COUNT


# --- a script learns no unit's name beyond its user's sight --------------------------------

def test_a_unit_beyond_the_user_s_sight_is_named_as_the_script_named_it(world, api, db, stranger):  # noqa: F811
    api.as_(world.admin)
    path = f"/plans/{world.plan.id}"
    made = houses(world, db)
    report = {"title": "Tháng 8", "period_start_on": f"{YEAR}-01-01", "period_end_on": f"{YEAR}-08-31",
              "due_on": f"{YEAR}-09-05"}
    for ref in (stranger.code, stranger.code.lower(), stranger.id, "KHONG-CO"):
        answers = {
            "unit_ids": api.post(f"{path}/assignments", {"unit_ids": [ref]}),
            "adhoc": api.post(f"{path}/adhoc-reports", {**report, "unit_ids": [ref]}),
            "units.0.unit": api.put(f"{path}/indicators/{made.id}/units", {"units": [{"unit": ref}]})}
        for field, response in answers.items():
            assert SECRET not in response.get_data(as_text=True), (ref, field)
            error = refused(response)
            name = "unit_ids" if field == "adhoc" else field
            assert error["fields"][name] == unknown(ref), (ref, field)  # as a unit that does not exist
        table = api.put(f"{path}/targets", {"rows": [{"unit": ref, "households_start": 100, "poor_start": 10,
                                                      "poor_reduction": 1}]})
        assert SECRET not in table.get_data(as_text=True)
        assert isinstance(ref, str) or stranger.code not in table.get_data(as_text=True)  # an id is not spelled out
        assert list(refused(table)["fields"]) == ["rows.0.unit"]
        coordinated = api.post("/plans", {"issuing_unit_id": world.province.code, "coordinating_unit_id": ref,
                                          "year": YEAR, "title": "x"})  # refused naming no unit
        assert SECRET not in coordinated.get_data(as_text=True) and "coordinating_unit_id" in refused(coordinated)[
            "fields"]
    assert len(world.plan.assignments) == 2 and reporters(db, world.plan.id) == []


def test_a_new_user_s_role_names_no_stranger_s_code(world, api, db, stranger):  # noqa: F811
    api.as_(world.admin)
    body = {"email": "moi@example.org", "full_name": "Mới", "roles": [{"unit": stranger.id, "role": "staff"}]}
    answer = api.post("/users", body)
    assert stranger.code not in answer.get_data(as_text=True)
    assert refused(answer)["fields"] == {"roles.0.unit": unknown(stranger.id)}


def test_a_unit_the_user_may_see_is_still_named(world, api, db):  # noqa: F811
    """A province's administrator sees its units: a district's plan cannot assign the
    province's department, and says which."""
    api.as_(world.admin)
    district_plan = ok(api.post("/plans", {"issuing_unit_id": world.district.code, "coordinating_unit_id":
                                           world.district.code, "year": YEAR, "title": "Kế hoạch huyện"}), 201)
    error = refused(api.post(f"/plans/{district_plan['id']}/assignments", {"unit_ids": [world.labour.code]}))
    assert world.labour.name in error["fields"]["unit_ids"]
    # A district's administrator does not see the province's department: named as sent.
    api.as_(user_factory((Role.ADMIN, world.district)))
    error = refused(api.post(f"/plans/{district_plan['id']}/assignments", {"unit_ids": [world.labour.id]}))
    assert error["fields"] == {"unit_ids": unknown(world.labour.id)}


def test_the_command_line_names_a_stranger_as_typed(app, world, db, stranger):
    made = houses(world, db)
    for args in (("assign", world.plan.id, "--unit", stranger.code),
                 ("adhoc", world.plan.id, "--title", "T8", "--from", f"{YEAR}-01-01", "--to", f"{YEAR}-08-31",
                  "--due-on", f"{YEAR}-09-05", "--unit", stranger.code),
                 ("indicator", world.plan.id, "--code", made.code, "--reporter", stranger.code)):
        result = run(app, *args, "--as", world.admin.email)
        assert result.exit_code == 1 and SECRET not in result.output and stranger.code in result.output, args


def test_the_pages_name_no_stranger_either(client, world, db, stranger):
    login(client, world.admin)
    for where, data in ((f"/plans/{world.plan.id}/assign", {"unit_ids": [stranger.id]}),
                        (f"/plans/{world.plan.id}/adhoc", {"title": "T8", "period_start_on": f"{YEAR}-01-01",
                                                           "period_end_on": f"{YEAR}-08-31",
                                                           "due_on": f"{YEAR}-09-05",
                                                           "assignment_ids": [stranger.id]})):
        response = client.post(where, data=data)
        assert response.status_code in (200, 422) and SECRET not in response.get_data(as_text=True), where
    assert len(world.plan.assignments) == 2


# --- the plan's record and its target table, read back -------------------------------------

def test_a_plan_s_goals_and_legal_bases_read_back_as_sent(world, api):  # noqa: F811
    api.as_(world.admin)
    path = f"/plans/{world.plan.id}"
    sent = {"goals": "Giảm tỷ lệ hộ nghèo 1,5%.", "legal_bases": "Nghị quyết số 24/2021/QH15;\nQuyết định số 90/QĐ-TTg"}
    changed = ok(api.patch(path, sent))
    assert {k: changed[k] for k in sent} == sent
    assert {k: ok(api.get(path))[k] for k in sent} == sent
    assert {k: ok(api.get("/plans"))["items"][0][k] for k in sent} == sent


def test_the_target_table_reads_back_as_it_is_sent(world, api, db):  # noqa: F811
    api.as_(world.admin)
    path = f"/plans/{world.plan.id}"
    assert ok(api.get(f"{path}/targets")) == {"rows": []}
    made = houses(world, db)
    assert ok(api.get(f"{path}/targets")) == {"rows": [{"unit": "Tổng cộng", "NHA_O": 200}]}
    rows = [{"unit": world.district.code, "households_start": 19680, "poor_start": 851, "poor_rate_start": 4.32,
             "poor_reduction": 180, "near_poor_start": 1200, "near_poor_end": "1.100", "NHA_O": 120},
            {"unit": world.other_district.name, "households_start": 22195, "poor_start": 1183,
             "poor_reduction": 480, "households_end": 22200},
            {"unit": "Tổng cộng", "NHA_O": 250}]
    assert ok(api.put(f"{path}/targets", {"rows": rows}))["created"] == 2
    table = ok(api.get(f"{path}/targets"))
    by_unit = {row["unit"]: row for row in table["rows"]}
    assert set(by_unit) == {world.district.code, world.other_district.code, "Tổng cộng"}
    district = by_unit[world.district.code]
    assert (district["poor_start"], district["poor_rate_start"], district["households_end"],
            district["near_poor_end"], district["NHA_O"]) == (851, 4.32, 19680, 1100, 120)
    assert by_unit[world.other_district.code]["NHA_O"] is None
    assert by_unit["Tổng cộng"]["NHA_O"] == 250
    again = ok(api.put(f"{path}/targets", table))  # what GET gives, PUT takes: nothing changes
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)
    assert made.target == Decimal(250) and reporters(db, world.plan.id) == [(world.district.code, Decimal(120))]
    api.as_(world.head)  # whoever sees the plan sees its targets, as on its overview
    assert len(ok(api.get(f"{path}/targets"))["rows"]) == 3
    api.as_(world.outsider)
    assert refused(api.get(f"{path}/targets"), 403)["code"] == "forbidden"
