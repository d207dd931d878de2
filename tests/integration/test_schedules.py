"""Each plan chooses what it asks of its units, and a unit may owe less (issue 16, point 4).

Nam Định's plan asks no sub-plan, wants reports by 10/6 and 10/12, and holds a Q3 review
and a five-year review. Its units must get no sub-plan reminder, no sub-plan on their
to-do list and no sub-plan column in the completeness table; a partner asked only for
the annual report hears only of the annual report.
"""
import datetime as dt
import re

import pytest

from app.api.operations import create_token
from app.clock import VN_TZ
from app.documents import operations as doc_ops
from app.documents.models import Deliverable
from app.extensions import db
from app.figures.completeness import completeness
from app.outbox.models import OutboxMessage
from app.plans import operations as plan_ops
from app.plans.models import Assignment, Plan, ScheduleItem
from app.reminders.models import Reminder
from app.reminders.sweep import sweep
from tests.factories import World, login, ready
from workflows.enums import DeliverableKind as K

D = dt.date
YEAR = 2027


@pytest.fixture
def world(db):
    return World(year=YEAR)


def nam_dinh_plan(world, exempt_other=True):
    """Nam Định's schedule: no sub-plan; 10/6, Q3 review, five-year review, 10/12. The other
    district, a partner, owes only the annual report."""
    plan = plan_ops.create_plan(
        world.admin, world.province, world.labour, year=YEAR, number="45", symbol="KH-UBND",
        title="Kế hoạch giảm nghèo (lịch riêng)", place="", issued_on=None, legal_bases="", goals="",
        six_month_due_on=D(YEAR, 6, 10), nine_month_due_on=None, annual_due_on=D(YEAR, 12, 10),
        five_year_due_on=None)
    plan_ops.assign_units(world.admin, plan, [world.district], "Nhiệm vụ")
    annual = plan.item(K.ANNUAL)
    plan_ops.assign_units(world.admin, plan, [world.other_district], "Phối hợp",
                          item_ids=[annual.id] if exempt_other else None)
    plan_ops.publish_plan(world.admin, plan)
    db.session.commit()
    return plan


def kinds_owed(plan, unit):
    assignment = next(a for a in plan.assignments if a.unit_id == unit.id)
    return sorted((d.kind.value, d.due_on) for d in assignment.deliverables)


def test_a_plan_asks_only_what_its_schedule_says(world):
    plan = nam_dinh_plan(world)
    assert [(i.kind, i.due_on, i.period_start_on, i.period_end_on) for i in plan.schedule] == [
        (K.SIX_MONTH, D(YEAR, 6, 10), D(YEAR - 1, 12, 15), D(YEAR, 6, 14)),
        (K.NINE_MONTH, D(YEAR, 9, 30), D(YEAR - 1, 12, 15), D(YEAR, 9, 14)),
        (K.FIVE_YEAR, D(YEAR, 10, 31), D(YEAR - 5, 12, 15), D(YEAR, 9, 14)),
        (K.ANNUAL, D(YEAR, 12, 10), D(YEAR - 1, 12, 15), D(YEAR, 12, 14))]
    assert kinds_owed(plan, world.district) == [
        ("annual", D(YEAR, 12, 10)), ("five_year", D(YEAR, 10, 31)), ("nine_month", D(YEAR, 9, 30)),
        ("six_month", D(YEAR, 6, 10))]
    assert kinds_owed(plan, world.other_district) == [("annual", D(YEAR, 12, 10))]


def _sweep_days():
    windows = [(D(YEAR, 3, 1), D(YEAR, 4, 20)), (D(YEAR, 5, 28), D(YEAR, 6, 25)), (D(YEAR, 9, 20), D(YEAR, 11, 10)),
               (D(YEAR, 11, 30), D(YEAR, 12, 20))]
    for first, last in windows:
        day = first
        while day <= last:
            yield dt.datetime.combine(day, dt.time(8, 0), VN_TZ)
            day += dt.timedelta(days=1)


def test_a_plan_without_sub_plans_sends_no_sub_plan_reminder(world):
    plan = nam_dinh_plan(world)
    for moment in _sweep_days():
        sweep(moment)
    db.session.commit()

    def reminded(plan, unit=None):
        query = (db.select(Deliverable.kind, Reminder.nominal_on).join(Reminder, Reminder.deliverable_id == Deliverable.id)
                 .join(Deliverable.assignment).where(Assignment.plan_id == plan.id))
        if unit is not None:
            query = query.where(Assignment.unit_id == unit.id)
        return db.session.execute(query).all()

    kinds = {kind for kind, _ in reminded(plan)}
    assert K.SUBPLAN not in kinds
    assert {K.SIX_MONTH, K.NINE_MONTH, K.FIVE_YEAR, K.ANNUAL} <= kinds  # the sweep did run over this plan
    # The six-month report due 10/6: its "7 days before" reminder is of 3/6.
    assert (K.SIX_MONTH, D(YEAR, 6, 3)) in reminded(plan, world.district)
    # The partner hears only of the annual report.
    assert {kind for kind, _ in reminded(plan, world.other_district)} == {K.ANNUAL}
    # The usual plan, swept on the same days, did remind of its sub-plans: the sweep would have.
    assert K.SUBPLAN in {kind for kind, _ in reminded(world.plan)}
    mails = db.session.scalars(db.select(OutboxMessage.subject).join(
        Deliverable, Deliverable.id == OutboxMessage.deliverable_id).join(Deliverable.assignment)
        .where(Assignment.plan_id == plan.id)).all()
    assert mails and not any("Kế hoạch của đơn vị" in s for s in mails)


def test_the_todo_page_and_the_completeness_table_follow_what_is_owed(world, client):
    plan = nam_dinh_plan(world)
    login(client, world.other_head)
    page = client.get("/").get_data(as_text=True)
    assert "10/12/2027" in page and "10/06/2027" not in page and "30/09/2027" not in page

    comp = completeness(plan, on=D(YEAR + 1, 1, 31))
    counts = {k.kind: k.expected for k in comp.by_kind}
    assert counts == {K.SIX_MONTH: 1, K.NINE_MONTH: 1, K.ANNUAL: 2, K.FIVE_YEAR: 1}
    assert comp.overall.expected == 5
    assert [i.kind for i in comp.items] == [K.SIX_MONTH, K.NINE_MONTH, K.FIVE_YEAR, K.ANNUAL]

    client.post("/logout")
    login(client, world.admin)
    dashboard = client.get(f"/plans/{plan.id}/dashboard").get_data(as_text=True)
    matrix = dashboard.split('id="matrix"')[1]
    assert "Kế hoạch của đơn vị" not in matrix and "Báo cáo sơ kết 9 tháng" in matrix
    assert matrix.count("không phải nộp") == 3  # the partner's six-month, Q3 and five-year cells


def test_the_plan_form_sets_the_schedule_and_warns_of_dates_before_the_cut_off(world, client, db):
    login(client, world.admin)
    form = {"issuing_unit_id": world.province.id, "coordinating_unit_id": world.labour.id, "year": "2028",
            "number": "3", "symbol": "KH-UBND", "title": "Giảm nghèo 2028", "place": "", "issued_on": "",
            "legal_bases": "", "goals": "", "asks_quarterly": "y", "asks_annual": "y",
            "quarterly_2_due_on": "10/06/2028", "annual_due_on": "", "subplan_due_on": "01/04/2028"}
    response = client.post("/plans/new", data=form, follow_redirects=True)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Báo cáo quý 2: hạn nộp ngày 10/06/2028" in page  # before its period ends on 14/06: a warning
    plan = db.session.scalar(db.select(Plan).where(Plan.year == 2028))
    assert [(i.kind, i.occurrence, i.due_on) for i in plan.schedule] == [
        (K.QUARTERLY, 1, D(2028, 3, 20)), (K.QUARTERLY, 2, D(2028, 6, 10)), (K.QUARTERLY, 3, D(2028, 9, 20)),
        (K.ANNUAL, 1, D(2028, 12, 15)), (K.QUARTERLY, 4, D(2028, 12, 20))]  # the unticked sub-plan's date: ignored

    edit = client.get(f"/plans/{plan.id}/edit").get_data(as_text=True)
    ticked = {m.group(1) for m in re.finditer(r'<input ([^>]*)>', edit) if "checked" in m.group(1)
              for m in [re.search(r'name="(asks_\w+)"', m.group(1))] if m}
    assert ticked == {"asks_quarterly", "asks_annual"}
    assert 'value="10/06/2028"' in edit

    form.pop("asks_quarterly")
    form.pop("asks_annual")
    response = client.post("/plans/new", data={**form, "number": "4"})
    assert response.status_code == 422 and "Chọn ít nhất một văn bản các đơn vị phải nộp." in response.get_data(as_text=True)


def test_what_a_unit_has_started_stays_in_the_schedule(world, client, db):
    doc = world.document(K.SUBPLAN)
    doc_ops.save_content(doc, world.staff, ready(doc), doc.lock_version)
    db.session.commit()
    login(client, world.admin)
    plan = world.plan
    base = {"issuing_unit_id": world.province.id, "coordinating_unit_id": world.labour.id, "year": str(YEAR),
            "number": plan.number, "symbol": plan.symbol, "title": plan.title, "place": "", "issued_on": "",
            "legal_bases": "", "goals": "", "annual_due_on": "", "six_month_due_on": ""}
    before = db.session.scalar(db.select(db.func.count(Deliverable.id)))
    response = client.post(f"/plans/{plan.id}/edit", data={**base, "asks_annual": "y", "asks_six_month": "y"})
    assert response.status_code == 422
    assert "Các đơn vị đã bắt đầu thực hiện Kế hoạch của đơn vị" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count(Deliverable.id))) == before

    # The six-month report nobody has touched can go; the annual one stays; so does the started sub-plan.
    response = client.post(f"/plans/{plan.id}/edit", data={**base, "asks_annual": "y", "asks_subplan": "y",
                                                              "subplan_due_on": ""})
    assert response.status_code == 302
    db.session.expire_all()
    assert {d.kind for a in plan.assignments for d in a.deliverables} == {K.SUBPLAN, K.ANNUAL}
    assert db.session.scalar(db.select(db.func.count(ScheduleItem.id)).where(ScheduleItem.plan_id == plan.id)) == 2


def test_an_administrator_changes_what_one_unit_owes(world, client, db):
    plan = world.plan
    other = next(a for a in plan.assignments if a.unit_id == world.other_district.id)
    url = f"/plans/{plan.id}/assignments/{other.id}/owes"
    login(client, world.reviewer)
    assert client.get(url).status_code == 403
    client.post("/logout")
    login(client, world.admin)
    page = client.get(url).get_data(as_text=True)
    assert page.count('type="checkbox"') == 3 and page.count("checked") == 3
    annual = plan.item(K.ANNUAL)
    assert client.post(url, data={"item_ids": [annual.id]}).status_code == 302
    db.session.expire_all()
    assert [d.kind for d in other.deliverables] == [K.ANNUAL]
    overview = client.get(f"/plans/{plan.id}").get_data(as_text=True)
    assert overview.count("không phải nộp") == 2

    response = client.post(url, data={})
    assert response.status_code == 422 and "Chọn ít nhất một văn bản." in response.get_data(as_text=True)
    # An assignment of another plan is not reached through this one.
    other_plan = nam_dinh_plan(world)
    foreign = other_plan.assignments[0]
    assert client.get(f"/plans/{plan.id}/assignments/{foreign.id}/owes").status_code == 404
    # Owed again: the deliverables come back, dated by the schedule.
    assert client.post(url, data={"item_ids": [i.id for i in plan.schedule]}).status_code == 302
    db.session.expire_all()
    assert sorted(d.kind.value for d in other.deliverables) == ["annual", "six_month", "subplan"]


def test_copying_to_next_year_keeps_the_schedule_and_what_each_unit_owes(world):
    plan = nam_dinh_plan(world)
    copy = plan_ops.copy_to_next_year(world.admin, plan)
    assert [(i.kind, i.due_on) for i in copy.schedule] == [
        (K.SIX_MONTH, D(YEAR + 1, 6, 10)), (K.NINE_MONTH, D(YEAR + 1, 9, 30)), (K.FIVE_YEAR, D(YEAR + 1, 10, 31)),
        (K.ANNUAL, D(YEAR + 1, 12, 10))]
    assert kinds_owed(copy, world.other_district) == [("annual", D(YEAR + 1, 12, 10))]
    assert len(kinds_owed(copy, world.district)) == 4


def test_the_api_tells_each_plan_s_schedule(world, client):
    plan = nam_dinh_plan(world)
    secret = create_token(None, world.admin, "kiểm thử")[1]
    db.session.commit()
    body = client.get(f"/api/v1/plans/{plan.id}", headers={"Authorization": f"Bearer {secret}"}).get_json()
    assert [(i["kind"], i["occurrence"], i["due_on"]) for i in body["schedule"]] == [
        ("six_month", 1, "2027-06-10"), ("nine_month", 1, "2027-09-30"), ("five_year", 1, "2027-10-31"),
        ("annual", 1, "2027-12-10")]
