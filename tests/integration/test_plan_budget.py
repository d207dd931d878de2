"""The plan's own budget (issue 16, point 5): section V of a plan, what it allocates per project
of its programme and source, entered by its administrators on its page or through the API —
one form reads both, one operation checks and saves it whole (the documents' budget checks),
every line audited; a copy to next year starts without it; and the consolidation sets the
units' budget lines against it, partial while some units have not reported."""
from decimal import Decimal

import pytest

from app.api.operations import create_token
from app.audit.models import AuditEntry
from app.budget.models import BudgetItem
from app.errors import Invalid
from app.extensions import db
from app.plans import budget as plan_budget
from app.plans import operations as plan_ops
from app.plans.models import Plan, PlanBudgetLine
from tests.factories import login, programme, user
from workflows.enums import Role

D = Decimal


def item(plan, code):
    return db.session.scalar(db.select(BudgetItem).where(BudgetItem.programme_id == plan.programme_id,
                                                         BudgetItem.code == code))


def cell(plan, code, column):
    """The form field of one cell (``code`` "total": the total line)."""
    key = "total" if code == "total" else item(plan, code).id
    return f"budget-{key}-allocated-{column}"


def stored(plan):
    db.session.expire_all()
    return plan_budget.lines_of(db.session.get(Plan, plan.id))


#: Section V as a plan prints it: DA1's two sub-projects (DA1's own line left empty: their
#: sum), DA7 recurrent from both budgets, and the total line.
GOOD = {("DA1.TDA1", "central_investment"): "1.234,5", ("DA1.TDA2", "central_investment"): "765,5",
        ("DA7", "central_recurrent"): "300", ("DA7", "local_recurrent"): "50",
        ("total", "total"): "2.350"}


def form(plan, cells):
    return {cell(plan, code, column): value for (code, column), value in cells.items()}


def keyed(plan, code):
    return "total" if code == "total" else str(item(plan, code).id)


# --- the page ------------------------------------------------------------------------------

def test_an_administrator_enters_the_plan_budget_on_its_page(client, world):
    plan = world.plan
    login(client, world.admin)
    overview = client.get(f"/plans/{plan.id}").get_data(as_text=True)
    assert "Kinh phí của Kế hoạch" in overview and "Chưa nhập." in overview
    page = client.get(f"/plans/{plan.id}/budget")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert f'name="{cell(plan, "DA1.TDA1", "central_investment")}"' in text
    assert f'name="{cell(plan, "total", "other")}"' in text and "Tổng cộng (như in trong Kế hoạch)" in text
    assert "Sao chép kế hoạch sang năm sau không sao chép các số này" in text

    response = client.post(f"/plans/{plan.id}/budget", data=form(plan, GOOD))
    assert response.status_code == 302 and response.location.endswith(f"/plans/{plan.id}#budget")
    assert stored(plan) == {
        keyed(plan, "DA1.TDA1"): {"central_investment": D("1234.5")},
        keyed(plan, "DA1.TDA2"): {"central_investment": D("765.5")},
        keyed(plan, "DA7"): {"central_recurrent": D(300), "local_recurrent": D(50)},
        "total": {"total": D(2350)}}
    overview = client.get(f"/plans/{plan.id}").get_data(as_text=True)
    assert "Đã lưu kinh phí của Kế hoạch." in overview
    assert "1.234,5" in overview and "2.350" in overview and "2.000" in overview  # DA1: its sub-projects' sum
    # What the page shows again is what was typed, written the Vietnamese way.
    again = client.get(f"/plans/{plan.id}/budget").get_data(as_text=True)
    assert f'name="{cell(plan, "DA1.TDA1", "central_investment")}" type="text" value="1.234,5"' in again


def test_every_line_of_the_plan_budget_is_audited(client, world):
    plan = world.plan
    login(client, world.admin)
    assert client.post(f"/plans/{plan.id}/budget", data=form(plan, GOOD)).status_code == 302
    entries = db.session.scalars(db.select(AuditEntry).where(AuditEntry.object_type == "plan_budget_line")
                                 .order_by(AuditEntry.id)).all()
    assert len(entries) == 4 and {e.action.value for e in entries} == {"created"}
    assert {e.plan_id for e in entries} == {plan.id} and {e.unit_id for e in entries} == {plan.issuing_unit_id}
    da7 = next(e for e in entries if e.object_label.startswith("DA7"))
    assert da7.changes["central_recurrent"] == [None, "300.000"] and da7.actor_id == world.admin.id

    changed = {**GOOD, ("DA7", "local_recurrent"): "100", ("total", "total"): "2.400"}
    assert client.post(f"/plans/{plan.id}/budget", data=form(plan, changed)).status_code == 302
    later = db.session.scalars(db.select(AuditEntry).where(AuditEntry.object_type == "plan_budget_line",
                                                           AuditEntry.id > entries[-1].id)).all()
    # Only what changed: DA7's local recurrent and the total; the sub-projects are untouched.
    assert sorted((e.action.value, e.object_label.split(" ")[0], e.changes) for e in later) == [
        ("changed", "DA7", {"local_recurrent": ["50.000", "100.000"]}),
        ("changed", "Tổng", {"total": ["2350.000", "2400.000"]})]
    cleared = {k: v for k, v in changed.items() if k[0] != "DA7"} | {("total", "total"): "2.000"}
    assert client.post(f"/plans/{plan.id}/budget", data=form(plan, cleared)).status_code == 302
    gone = db.session.scalar(db.select(AuditEntry).where(AuditEntry.object_type == "plan_budget_line",
                                                         AuditEntry.action == "deleted"))
    assert gone.object_label.startswith("DA7") and gone.changes["local_recurrent"] == ["100.000", None]
    log = client.get("/admin/audit/", query_string={"type": "plan_budget_line"}).get_data(as_text=True)
    assert "Dòng kinh phí của Kế hoạch" in log and "100" in log


@pytest.mark.parametrize("cells, field, message", [
    ({("DA7", "central_recurrent"): "-5"}, ("DA7", "central_recurrent"), "Nhập số tiền bằng triệu đồng"),
    ({("DA7", "central_recurrent"): "12,3456"}, ("DA7", "central_recurrent"), "Nhập số tiền bằng triệu đồng"),
    ({("DA7", "central_recurrent"): "ba trăm"}, ("DA7", "central_recurrent"), "Nhập số tiền bằng triệu đồng"),
    # DA1 typed on its own line disagrees with its sub-projects.
    ({("DA1", "central_investment"): "2.100", ("DA1.TDA1", "central_investment"): "1.234,5",
      ("DA1.TDA2", "central_investment"): "765,5"}, ("DA1", "central_investment"), "tiểu dự án cộng lại được 2.000"),
    # A line's total that is not the sum of its sources.
    ({("DA7", "central_recurrent"): "300", ("DA7", "local_recurrent"): "50", ("DA7", "total"): "400"},
     ("DA7", "total"), "cộng lại được 350"),
    # The total line against the lines.
    ({("DA7", "central_recurrent"): "300", ("total", "total"): "299"}, ("total", "total"), "cộng lại được 300"),
])
def test_a_wrong_amount_is_named_and_nothing_is_saved(client, world, cells, field, message):
    plan = world.plan
    login(client, world.admin)
    assert client.post(f"/plans/{plan.id}/budget", data=form(plan, {("DA4", "other"): "10"})).status_code == 302
    response = client.post(f"/plans/{plan.id}/budget", data=form(plan, cells))
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert message in text
    # The message sits in the row of the cell, whose input keeps what was typed.
    name = cell(plan, *field)
    row = text[text.index(f'name="{name}"'):]
    assert 'class="row-errors"' in row[:row.index("</tr>") + 60] or "has-error" in text[:text.index(f'name="{name}"')]
    assert stored(plan) == {keyed(plan, "DA4"): {"other": D(10)}}  # the budget before, whole


def test_the_plan_budget_is_entered_against_its_programme_only(client, world):
    plan = world.plan
    other = programme(world.admin, "GNBV-2026-2035", 2026, 2035, [("HT1", "Hạ tầng thiết yếu", [])])
    foreign = db.session.scalar(db.select(BudgetItem).where(BudgetItem.programme_id == other.id))
    login(client, world.admin)
    assert f"budget-{foreign.id}-" not in client.get(f"/plans/{plan.id}/budget").get_data(as_text=True)
    with pytest.raises(Invalid) as refused:
        plan_budget.set_budget(world.admin, plan, {str(foreign.id): {"other": D(5)}})
    assert "GNBV-2021-2025" in refused.value.errors[f"budget-{foreign.id}"]
    db.session.rollback()
    # Once entered, the plan keeps its programme until its budget is cleared.
    plan_budget.set_budget(world.admin, plan, {keyed(plan, "DA7"): {"other": D(5)}})
    with pytest.raises(Invalid) as kept:
        plan_ops.update_plan(world.admin, plan, programme_id=other.id, **{
            f: getattr(plan, f) for f in plan_ops.PLAN_FIELDS})
    assert "Kinh phí của Kế hoạch đã được nhập" in kept.value.errors["programme_id"]


@pytest.mark.parametrize("who", ["reviewer", "district_admin"])
def test_a_reviewer_and_a_district_administrator_may_not_enter_it(client, world, who):
    plan = world.plan
    person = world.reviewer if who == "reviewer" else user((Role.ADMIN, world.district), name="Quản trị huyện")
    login(client, person)
    assert client.get(f"/plans/{plan.id}/budget").status_code == 403
    assert client.post(f"/plans/{plan.id}/budget", data=form(plan, GOOD)).status_code == 403
    assert "Nhập kinh phí của Kế hoạch" not in client.get(f"/plans/{plan.id}").get_data(as_text=True)
    assert stored(plan) == {}


def test_copying_the_plan_to_next_year_leaves_its_budget_behind(client, world):
    plan = world.plan
    login(client, world.admin)
    assert client.post(f"/plans/{plan.id}/budget", data=form(plan, GOOD)).status_code == 302
    response = client.post(f"/plans/{plan.id}/copy", data={})
    assert response.status_code == 302
    copy = db.session.scalar(db.select(Plan).where(Plan.copied_from_id == plan.id))
    assert stored(copy) == {} and len(stored(plan)) == 4
    assert db.session.scalar(db.select(db.func.count(PlanBudgetLine.id)).where(PlanBudgetLine.plan_id == copy.id)) == 0
    page = client.get(response.location).get_data(as_text=True)
    assert "Kinh phí không được sao chép: kinh phí của năm mới được nhập lại." in page
    assert "Chưa nhập." in page


# --- the API ----------------------------------------------------------------------------------

def api(client, who, method, path, body=None):
    secret = create_token(None, who, "kịch bản")[1]
    return getattr(client, method)(f"/api/v1{path}", json=body, headers={"Authorization": f"Bearer {secret}"})


def test_a_script_sets_the_plan_budget_through_the_api(client, world):
    plan = world.plan
    body = {"lines": {keyed(plan, "DA1.TDA1"): {"central_investment": "1.234,5"},
                      keyed(plan, "DA1.TDA2"): {"central_investment": 765.5},
                      keyed(plan, "DA7"): {"central_recurrent": 300, "local_recurrent": "50", "other": None},
                      "total": {"total": 2350}}}
    response = api(client, world.admin, "put", f"/plans/{plan.id}/budget", body)
    assert response.status_code == 200, response.get_json()
    read = response.get_json()
    assert read["lines"][keyed(plan, "DA7")] == {"central_recurrent": 300, "local_recurrent": 50}
    assert read["amounts"][keyed(plan, "DA1")] == {"central_investment": 2000, "total": 2000}
    assert read["amounts"]["total"]["total"] == 2350 and read["amounts"]["total"]["central_investment"] == 2000
    assert stored(plan)[keyed(plan, "DA1.TDA1")] == {"central_investment": D("1234.5")}
    # Its units read it.
    assert api(client, world.head, "get", f"/plans/{plan.id}/budget").get_json() == read
    # The same operation: audited, with the script's user as actor.
    assert db.session.scalar(db.select(db.func.count(AuditEntry.id)).where(
        AuditEntry.object_type == "plan_budget_line", AuditEntry.actor_id == world.admin.id)) == 4
    # A line left out is cleared.
    response = api(client, world.admin, "put", f"/plans/{plan.id}/budget", {"lines": {}})
    assert response.status_code == 200 and response.get_json()["lines"] == {} and stored(plan) == {}


@pytest.mark.parametrize("lines, path, words", [
    ({"DA7": {"central_recurrent": -5}}, "lines.DA7.central_recurrent", "Nhập số tiền"),
    ({"DA7": {"central_recurrent": "1,2345"}}, "lines.DA7.central_recurrent", "Nhập số tiền"),
    ({"DA7": {"capital": 5}}, "lines.DA7.capital", "Trường không hợp lệ"),
    ({"DA7": {"central_recurrent": True}}, "lines.DA7.central_recurrent", "Gửi một số"),
    ({"9999999": {"other": 5}}, "lines.9999999", "Không phải một dòng trong kinh phí của kế hoạch"),
    ({"DA7": [5]}, "lines.DA7", "đối tượng JSON"),
    ({"DA7": {"central_recurrent": 300, "total": 200}}, "lines.DA7.total", "cộng lại được 300"),
    ({"DA1": {"central_investment": 10}, "DA1.TDA1": {"central_investment": 4}}, "lines.DA1.central_investment",
     "tiểu dự án cộng lại được 4"),
    ({"DA7": {"other": 5}, "total": {"other": 6}}, "lines.total.other", "cộng lại được 5"),
])
def test_the_api_refuses_what_the_page_refuses(client, world, lines, path, words):
    plan = world.plan
    plan_budget.set_budget(world.admin, plan, {keyed(plan, "DA4"): {"other": D(10)}})
    db.session.commit()

    def key(code):
        return code if code in ("total", "9999999") else keyed(plan, code)

    body = {"lines": {key(code): cells for code, cells in lines.items()}}
    response = api(client, world.admin, "put", f"/plans/{plan.id}/budget", body)
    assert response.status_code == 422
    error = response.get_json()["error"]
    code = path.split(".")[1]
    field = path.replace(f".{code}", f".{key(code)}", 1)
    assert field in error["fields"] and words in error["fields"][field], error
    assert stored(plan) == {keyed(plan, "DA4"): {"other": D(10)}}


@pytest.mark.parametrize("body", [{}, {"lines": []}, {"lines": "DA7=5"}])
def test_the_api_says_what_shape_it_wants(client, world, body):
    response = api(client, world.admin, "put", f"/plans/{world.plan.id}/budget", body)
    assert response.status_code == 422 and "lines" in response.get_json()["error"]["fields"]


@pytest.mark.parametrize("who", ["reviewer", "district_admin"])
def test_the_api_refuses_a_reviewer_and_a_district_administrator(client, world, who):
    plan = world.plan
    person = world.reviewer if who == "reviewer" else user((Role.ADMIN, world.district), name="Quản trị huyện")
    response = api(client, person, "put", f"/plans/{plan.id}/budget",
                   {"lines": {keyed(plan, "DA7"): {"other": 5}}})
    assert response.status_code == 403 and response.get_json()["error"]["code"] == "forbidden"
    assert stored(plan) == {}
    assert api(client, person, "get", f"/plans/{plan.id}/budget").status_code == 200  # both see the plan


def test_the_openapi_document_describes_the_plan_budget(client, world):
    spec = api(client, world.head, "get", "/openapi.json").get_json()
    operations = spec["paths"]["/plans/{plan_id}/budget"]
    assert set(operations) == {"get", "put"}
    assert operations["put"]["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/PlanBudgetUpdate"}
    assert "403" in operations["put"]["responses"] and "422" in operations["put"]["responses"]
    assert set(spec["components"]["schemas"]["BudgetCells"]["properties"]) == {
        "central_investment", "central_recurrent", "local_investment", "local_recurrent", "other", "total"}


# --- the command line ----------------------------------------------------------------------

def run_budget(app, person, *args):
    from app.plan_commands import budget_command

    return app.test_cli_runner().invoke(budget_command, [str(a) for a in args] + ["--as", person.email])


def test_the_command_line_sets_the_plan_budget_cell_by_cell_by_project_code(app, world, tmp_path):
    plan = world.plan
    db.session.commit()
    result = run_budget(app, world.admin, plan.id, "--set", "DA1.TDA1.central_investment=1.234,5",
                        "--set", "da1.tda2.central_investment=765,5", "--set", "total.total=2.000")
    assert result.exit_code == 0, result.output
    assert "DA1.TDA1" in result.output and "central_investment=1.234,5" in result.output
    assert stored(plan) == {keyed(plan, "DA1.TDA1"): {"central_investment": D("1234.5")},
                            keyed(plan, "DA1.TDA2"): {"central_investment": D("765.5")},
                            "total": {"total": D(2000)}}
    # One cell more (the others kept), one cleared; the total no longer adds up: nothing changes.
    result = run_budget(app, world.admin, plan.id, "--set", "DA7.other=5", "--set", "DA1.TDA2.central_investment=")
    assert result.exit_code != 0 and "lines.total.total" in result.output and "1.239,5" in result.output
    assert stored(plan)[keyed(plan, "DA1.TDA2")] == {"central_investment": D("765.5")}
    result = run_budget(app, world.admin, plan.id, "--set", "DA7.other=5", "--set", "DA1.TDA2.central_investment=",
                        "--set", "total.total=1.239,5")
    assert result.exit_code == 0, result.output
    assert keyed(plan, "DA1.TDA2") not in stored(plan) and stored(plan)[keyed(plan, "DA7")] == {"other": D(5)}
    # The whole budget from the API's JSON, lines by code or by id.
    path = tmp_path / "budget.json"
    path.write_text('{"lines": {"DA7": {"other": 7}, "total": {"total": "7"}}}', encoding="utf-8")
    assert run_budget(app, world.admin, plan.id, "--file", path).exit_code == 0
    assert stored(plan) == {keyed(plan, "DA7"): {"other": D(7)}, "total": {"total": D(7)}}
    path.write_text('{"lines": {"DA99": {"other": 7}}', encoding="utf-8")
    result = run_budget(app, world.admin, plan.id, "--file", path)
    assert result.exit_code != 0 and "JSON" in result.output
    assert run_budget(app, world.admin, plan.id, "--clear").exit_code == 0
    assert stored(plan) == {}


@pytest.mark.parametrize("args", [("--set", "DA7.other"), ("--set", "other=5"), ("--set", "DA7.colour=5"),
                                  ("--set", "DA99.other=5"), ("--set", "DA7.other=-5")])
def test_the_command_line_refuses_a_bad_cell_and_changes_nothing(app, world, args):
    plan = world.plan
    plan_budget.set_budget(world.admin, plan, {keyed(plan, "DA4"): {"other": D(10)}})
    db.session.commit()
    result = run_budget(app, world.admin, plan.id, *args)
    assert result.exit_code != 0 and result.output.strip()
    assert stored(plan) == {keyed(plan, "DA4"): {"other": D(10)}}


def test_the_command_line_shows_the_budget_to_a_reader_and_refuses_him_a_change(app, world):
    plan = world.plan
    plan_budget.set_budget(world.admin, plan, {keyed(plan, "DA4"): {"other": D(10)}})
    db.session.commit()
    shown = run_budget(app, world.reviewer, plan.id)
    assert shown.exit_code == 0 and "DA4" in shown.output and "other=10" in shown.output
    district_admin = user((Role.ADMIN, world.district), name="Quản trị huyện")
    db.session.commit()
    for person in (world.reviewer, district_admin):
        result = run_budget(app, person, plan.id, "--set", "DA4.other=11")
        assert result.exit_code != 0
    assert stored(plan) == {keyed(plan, "DA4"): {"other": D(10)}}


def test_the_api_names_a_line_by_its_project_code_too(client, world):
    plan = world.plan
    response = api(client, world.admin, "put", f"/plans/{plan.id}/budget",
                   {"lines": {"DA7": {"other": 5}, "total": {"total": 5}}})
    assert response.status_code == 200, response.get_json()
    assert stored(plan) == {keyed(plan, "DA7"): {"other": D(5)}, "total": {"total": D(5)}}
    response = api(client, world.admin, "put", f"/plans/{plan.id}/budget",
                   {"lines": {"DA7": {"other": 5}, keyed(plan, "DA7"): {"other": 6}}})
    assert response.status_code == 422
    assert "hai lần" in " ".join(response.get_json()["error"]["fields"].values())
    response = api(client, world.admin, "put", f"/plans/{plan.id}/budget",
                   {"lines": {"da7": {"other": 6}, "total": {"total": 5}}})
    assert response.get_json()["error"]["fields"] == {
        "lines.total.total": "Tổng cộng, kế hoạch vốn, tổng cộng: các dòng cộng lại được 6, không phải 5."}
