"""Issue 16, done when: the Ninh Thuận 2022 plan is set up from an empty database through
the API alone, as a new user would — its units, its schedule, every goal as an
indicator with who reports it, its target table — read from the demo's seed
(``app.demo.ninh_thuan``, itself checked against the plan's text). The operator makes the
province and its first administrator at the command line; a script does the rest."""
from decimal import Decimal

from app.cli import create_unit_command, create_user_command, token_command
from app.plans.models import Plan
from app.units.models import Unit
from app.demo import ninh_thuan as seed
from tests.integration.test_plans_api import api, cli, ok, refused  # noqa: F401  (api: a fixture)


def _number(value):
    return None if value is None else float(value)


def test_the_ninh_thuan_plan_is_set_up_from_an_empty_database_through_the_api_alone(app, api, db):  # noqa: F811
    assert db.session.scalar(db.select(db.func.count(Unit.id))) == 0
    top = seed.UNITS[0]
    cli(app, create_unit_command, "--code", top["code"], "--name", top["name"], "--kind", "province")
    cli(app, create_user_command, "--email", "quantri@ninhthuan.gov.vn", "--name", "Quản trị tỉnh",
        "--unit", top["code"], "--role", "admin")
    api.as_(cli(app, token_command, "quantri@ninhthuan.gov.vn").strip())

    for u in seed.UNITS[1:]:
        ok(api.post("/units", {"code": u["code"], "name": u["name"], "kind": u["kind"], "parent_code": u["parent"],
                               "emails": u["emails"]}), 201)
    year = seed.PLAN["year"]
    schedule = {f"{kind}_due_on": f"{year}-{month:02d}-{day:02d}" for kind, (month, day) in seed.DEADLINES.items()}
    plan = ok(api.post("/plans", {
        "issuing_unit_id": seed.ISSUING_UNIT, "coordinating_unit_id": seed.COORDINATING_UNIT, "year": year,
        "number": seed.PLAN["number"], "title": seed.PLAN["title"], "place": seed.PLAN["place"],
        "issued_on": f"{year}-04-15", "schedule": schedule}), 201)
    path = f"/plans/{plan['id']}"
    for row in seed.ASSIGNMENTS:
        ok(api.post(f"{path}/assignments", {"unit_ids": [row["unit"]], "duties": row["duties"],
                                            "requested": row["requested"]}), 201)

    for d in seed.INDICATORS:
        body = {"code": d["code"], "name": d["name"], "kind": d["kind"], "unit": d["unit"],
                "direction": d["direction"], "target": _number(d["target"]), "is_required": d["required"]}
        if d["kind"] == "ratio":
            body.update(numerator_code=d["numerator"], denominator_code=d["denominator"])
        made = ok(api.post(f"{path}/indicators", body), 201)
        ok(api.put(f"{path}/indicators/{made['id']}/units", {"units": [{"unit": code} for code in d["reporters"]]}))

    rows = [{"unit": t["unit"], **{k: (str(v).replace(".", ",") if isinstance(v, Decimal) else v)
                                   for k, v in t.items() if k in ("households_start", "poor_start", "poor_rate_start",
                                                                   "poor_reduction", "households_end",
                                                                   "poor_rate_end")}}
            for t in seed.TARGETS]
    total = seed.PROVINCE_TOTAL
    rows.append({"unit": "Tổng cộng", "households_start": total["households_start"], "poor_start": total["poor_start"],
                 "poor_reduction": total["poor_reduction"], "households_end": total["households_end"]})
    targets = ok(api.put(f"{path}/targets", {"rows": rows}))
    assert targets["created"] == len(seed.TARGETS)
    assert ok(api.post(f"{path}/issue"))["published"] is True

    # What the API says back, and what the database holds, is the plan as written.
    listed = ok(api.get(f"{path}/indicators"))["items"]
    assert [i["code"] for i in listed] == [d["code"] for d in seed.INDICATORS]
    by_code = {i["code"]: i for i in listed}
    for d in seed.INDICATORS:
        got = by_code[d["code"]]
        assert (got["kind"], got["direction"], got["target"]) == (d["kind"], d["direction"], _number(d["target"]))
        assert sorted(u["unit"]["code"] for u in got["units"]) == sorted(d["reporters"])
    stored = db.session.get(Plan, plan["id"])
    assert [(i.kind.value, i.due_on.month, i.due_on.day) for i in stored.schedule] == [
        (kind, month, day) for kind, (month, day) in sorted(seed.DEADLINES.items(), key=lambda e: e[1])]
    assert len(stored.assignments) == len(seed.ASSIGNMENTS)
    assert sum(t.poor_start for t in stored.targets) == total["poor_start"]
    assert sum(t.poor_end for t in stored.targets) == total["poor_end"]  # the plan's 1,5 points down
    health = next(i for i in stored.indicators if i.code == "TL_HCN_BHYT")
    assert (health.numerator_code, health.denominator_code, health.target) == ("HCN_BHYT", "near_poor", Decimal(98))


def test_indicators_through_the_api_are_checked_as_on_the_page(app, api, db):  # noqa: F811
    from tests.factories import World

    world = World(year=2027)
    db.session.commit()
    api.as_(world.admin)
    path = f"/plans/{world.plan.id}"
    error = refused(api.post(f"{path}/indicators", {"code": "X", "name": "Tỷ lệ", "kind": "ratio",
                                                    "numerator_code": "KHONG_CO", "denominator_code": "poor"}))
    assert "numerator_code" in error["fields"]
    error = refused(api.post(f"{path}/indicators", {"code": "Y", "name": "Nhà", "unit": "houses", "colour": "red"}))
    assert "colour" in error["fields"]
    made = ok(api.post(f"{path}/indicators", {"code": "NHA_O", "name": "Nhà ở", "unit": "houses", "target": 200}), 201)
    changed = ok(api.patch(f"{path}/indicators/{made['id']}", {"target": "250"}))
    assert changed["target"] == 250 and changed["name"] == "Nhà ở"
    error = refused(api.put(f"{path}/indicators/{made['id']}/units", {"units": [{"unit": "KHONG-CO"}]}))
    assert error["fields"]
    api.as_(world.reviewer)
    assert api.patch(f"{path}/indicators/{made['id']}", {"target": 1}).status_code == 403
    api.as_(world.admin)
    assert api.call("DELETE", f"{path}/indicators/{made['id']}").status_code == 204
    assert ok(api.get(f"{path}/indicators"))["items"] == []


def test_a_target_sent_as_a_json_number_is_read_as_sent_never_rounded(app, api, db):  # noqa: F811
    """A script's number is checked, not formatted first: a huge or tiny number, a rate with
    a third decimal or a fraction of a house is refused by name, never a server error."""
    from tests.factories import World

    world = World(year=2027)
    db.session.commit()
    api.as_(world.admin)
    path = f"/plans/{world.plan.id}/indicators"
    for target in (1e28, -5, 1e9):
        assert refused(api.post(path, {"code": "NHA", "name": "Nhà", "unit": "houses", "target": target}))[
            "fields"] == {"target": "Chỉ tiêu nằm trong khoảng 0 đến 1.000.000.000."}
    error = refused(api.post(path, {"code": "NHA", "name": "Nhà", "unit": "houses", "target": 200.5}))
    assert "target" in error["fields"]
    error = refused(api.post(path, {"code": "BHYT", "name": "BHYT", "kind": "value", "unit": "percent", "target": 97.555}))
    assert "target" in error["fields"]
    error = refused(api.post(path, {"code": "BHYT", "name": "BHYT", "kind": "value", "unit": "percent", "target": 1e-30}))
    assert "target" in error["fields"]
    made = ok(api.post(path, {"code": "BHYT", "name": "BHYT", "kind": "value", "unit": "percent", "target": 97.55}), 201)
    assert made["target"] == 97.55
    made = ok(api.post(path, {"code": "VON", "name": "Vốn", "unit": "million_vnd", "target": 1234.5}), 201)
    assert made["target"] == 1234.5
    assert [i["code"] for i in ok(api.get(path))["items"]] == ["BHYT", "VON"]


def test_the_command_line_adds_an_indicator_and_who_reports_it(app, db):
    from app.plan_commands import indicator_command
    from tests.factories import World

    world = World(year=2027)
    db.session.commit()
    result = app.test_cli_runner().invoke(indicator_command, [
        str(world.plan.id), "--as", world.admin.email, "--code", "NHA_O", "--name", "Nhà ở cho hộ nghèo",
        "--unit", "houses", "--target", "200", "--reporter", f"{world.district.code}=120",
        "--reporter", world.other_district.code])
    assert result.exit_code == 0, result.output
    [houses] = db.session.get(Plan, world.plan.id).indicators
    assert houses.target == Decimal(200)
    assert sorted((r.assignment.unit.code, r.target) for r in houses.reporters) == sorted(
        [(world.district.code, Decimal(120)), (world.other_district.code, None)])
    refused_run = app.test_cli_runner().invoke(indicator_command, [
        str(world.plan.id), "--as", world.reviewer.email, "--code", "NHA_O", "--target", "1"])
    assert refused_run.exit_code != 0
    db.session.expire_all()
    assert db.session.get(Plan, world.plan.id).indicators[0].target == Decimal(200)
