"""Plan administration: create, assign units (which creates deliverables), due dates, ad hoc."""
import datetime as dt

from app.documents.models import Deliverable
from app.plans.models import Plan
from tests.factories import login
from workflows.enums import DeliverableKind, DocState

PLAN_FORM = {"year": "2027", "number": "12", "symbol": "KH-UBND", "title": "Giảm nghèo bền vững năm 2027",
             "place": "Đắk Nông", "issued_on": "20/01/2027", "legal_bases": "", "goals": "",
             "asks_subplan": "y", "asks_six_month": "y", "asks_annual": "y", "subplan_due_on": "", "six_month_due_on": "", "annual_due_on": ""}


def _plan_form(world, **overrides):
    return {**PLAN_FORM, "issuing_unit_id": world.province.id, "coordinating_unit_id": world.labour.id, **overrides}


def test_create_a_plan_with_default_due_dates_then_assign(client, world, db):
    login(client, world.admin)
    response = client.post("/plans/new", data=_plan_form(world))
    assert response.status_code == 302
    plan = db.session.scalar(db.select(Plan).where(Plan.year == 2027))
    assert (plan.due_on(DeliverableKind.SUBPLAN), plan.due_on(DeliverableKind.SIX_MONTH),
            plan.due_on(DeliverableKind.ANNUAL)) == (
        dt.date(2027, 3, 31), dt.date(2027, 6, 15), dt.date(2027, 12, 15))
    assert plan.issued_on == dt.date(2027, 1, 20)

    response = client.post(f"/plans/{plan.id}/assign", data={
        "unit_ids": [world.district.id, world.other_district.id], "duties": "Xây dựng kế hoạch giảm nghèo"})
    assert response.status_code == 302
    deliverables = db.session.scalars(db.select(Deliverable).join(Deliverable.assignment)
                                      .where(Deliverable.assignment.property.mapper.class_.plan_id == plan.id)).all()
    assert sorted((d.kind.value, d.due_on) for d in deliverables if d.assignment.unit_id == world.district.id) == [
        ("annual", dt.date(2027, 12, 15)), ("six_month", dt.date(2027, 6, 15)), ("subplan", dt.date(2027, 3, 31))]
    assert all(d.document.state is DocState.DRAFT for d in deliverables) and len(deliverables) == 6
    six = next(d for d in deliverables if d.kind is DeliverableKind.SIX_MONTH)
    assert (six.period_start_on, six.period_end_on) == (dt.date(2026, 12, 15), dt.date(2027, 6, 14))

    overview = client.get(f"/plans/{plan.id}").get_data(as_text=True)
    assert world.district.name in overview and world.other_district.name in overview


def test_moving_a_due_date_moves_the_deliverables(client, world, db):
    login(client, world.admin)
    plan = world.plan
    data = _plan_form(world, year=str(plan.year), number=plan.number, title=plan.title,
                      subplan_due_on="10/04/2026", six_month_due_on="10/06/2026", annual_due_on="10/12/2026")
    assert client.post(f"/plans/{plan.id}/edit", data=data).status_code == 302
    six = world.document(DeliverableKind.SIX_MONTH).deliverable
    # The period keeps its statutory cut-off (Decree 09/2019); the form warned instead.
    assert six.due_on == dt.date(2026, 6, 10) and six.period_end_on == dt.date(2026, 6, 14)


def test_bad_plan_input_gets_messages_and_keeps_what_was_typed(client, world, db):
    login(client, world.admin)
    response = client.post("/plans/new", data=_plan_form(
        world, title="Tiêu đề đã gõ", issued_on="31/02/2027", six_month_due_on="15/06/2027",
        subplan_due_on="30/06/2027"))
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "Tiêu đề đã gõ" in body and "31/02/2027" in body
    assert db.session.scalar(db.select(Plan).where(Plan.year == 2027)) is None

    response = client.post("/plans/new", data=_plan_form(world, subplan_due_on="30/06/2027",
                                                          six_month_due_on="15/06/2027"))
    assert response.status_code == 422
    assert db.session.scalar(db.select(Plan).where(Plan.year == 2027)) is None


def test_a_plan_number_is_used_once_per_issuer_and_year(client, world, db):
    login(client, world.admin)
    response = client.post("/plans/new", data=_plan_form(world, year=str(world.plan.year), number=world.plan.number))
    assert response.status_code == 422
    assert db.session.scalar(db.select(db.func.count(Plan.id))) == 1


def test_only_admins_set_plans_up(client, world):
    login(client, world.reviewer)
    assert client.get("/plans/new").status_code == 403
    assert client.post(f"/plans/{world.plan.id}/assign", data={"unit_ids": [world.labour.id]}).status_code == 403


def test_ask_for_an_ad_hoc_report(client, world, db):
    login(client, world.admin)
    response = client.post(f"/plans/{world.plan.id}/adhoc", data={
        "title": "Tình hình đến tháng 8", "period_start_on": "01/01/2026", "period_end_on": "31/08/2026",
        "due_on": "05/09/2026", "assignment_ids": [world.assignment.id]})
    assert response.status_code == 302
    adhoc = [d for d in world.assignment.deliverables if d.kind is DeliverableKind.ADHOC]
    assert [(d.title, d.due_on) for d in adhoc] == [("Tình hình đến tháng 8", dt.date(2026, 9, 5))]

    response = client.post(f"/plans/{world.plan.id}/adhoc", data={
        "title": "Sai kỳ", "period_start_on": "01/09/2026", "period_end_on": "31/08/2026",
        "due_on": "05/09/2026", "assignment_ids": [world.assignment.id]})
    assert response.status_code == 422


def test_the_todo_page_shows_due_dates_days_left_and_states(client, world):
    login(client, world.head)
    body = client.get("/").get_data(as_text=True)
    assert "31/03/2026" in body and "15/06/2026" in body and "15/12/2026" in body
    assert body.count("state-draft") == 3
