"""A plan is set up as a draft, issued to its units, and copied to the next year."""
import datetime as dt

from app.plans import operations as plan_ops
from app.plans.models import Plan
from tests.factories import login
from workflows.enums import DeliverableKind, DocState


def _draft(world):
    plan = plan_ops.create_plan(
        world.admin, world.province, world.labour, year=2027, number="", symbol="KH-UBND",
        title="Giảm nghèo năm 2027", place="Đắk Nông", issued_on=None, legal_bases="", goals="",
        subplan_due_on=dt.date(2027, 3, 31), six_month_due_on=dt.date(2027, 6, 15),
        annual_due_on=dt.date(2027, 12, 15))
    plan_ops.assign_units(world.admin, plan, [world.district], "Nhiệm vụ")
    return plan


def test_units_see_a_plan_only_once_it_is_issued(client, world, db):
    plan = _draft(world)
    doc = plan.assignments[0].deliverables[0].document
    login(client, world.head)
    assert "2027" not in client.get("/").get_data(as_text=True)
    assert client.get(f"/plans/{plan.id}").status_code == 403
    assert client.get(f"/documents/{doc.id}").status_code == 403
    client.post("/logout")

    login(client, world.admin)
    assert client.post(f"/plans/{plan.id}/publish").status_code == 302
    assert plan.is_published
    client.post("/logout")

    login(client, world.head)
    assert "31/03/2027" in client.get("/").get_data(as_text=True)
    assert client.get(f"/documents/{doc.id}").status_code == 200


def test_a_plan_without_units_cannot_be_issued(client, world, db):
    plan = plan_ops.create_plan(
        world.admin, world.province, world.labour, year=2027, number="", symbol="KH-UBND", title="Trống",
        place="", issued_on=None, legal_bases="", goals="", subplan_due_on=dt.date(2027, 3, 31),
        six_month_due_on=dt.date(2027, 6, 15), annual_due_on=dt.date(2027, 12, 15))
    login(client, world.admin)
    client.post(f"/plans/{plan.id}/publish")
    db.session.refresh(plan)
    assert not plan.is_published


def test_copy_to_next_year(client, world, db):
    plan = world.plan
    world.other_district.is_active = False
    db.session.commit()
    login(client, world.admin)
    response = client.post(f"/plans/{plan.id}/copy")
    assert response.status_code == 302
    copy = db.session.scalar(db.select(Plan).where(Plan.copied_from_id == plan.id))
    assert response.headers["Location"].endswith(f"/plans/{copy.id}")
    assert (copy.year, copy.number, copy.is_published, copy.targets) == (2027, "", False, [])
    assert copy.title == "Thực hiện chỉ tiêu giảm nghèo bền vững năm 2027"
    assert [(a.unit_id, a.duties) for a in copy.assignments] == [(world.district.id, "Nhiệm vụ được giao")]
    due = {d.kind: d.due_on for d in copy.assignments[0].deliverables}
    assert due == {DeliverableKind.SUBPLAN: dt.date(2027, 3, 31), DeliverableKind.SIX_MONTH: dt.date(2027, 6, 15),
                   DeliverableKind.ANNUAL: dt.date(2027, 12, 15)}
    assert all(d.document.state is DocState.DRAFT for d in copy.assignments[0].deliverables)

    # A second click does not make a second copy.
    client.post(f"/plans/{plan.id}/copy")
    assert db.session.scalar(db.select(db.func.count(Plan.id)).where(Plan.year == 2027)) == 1


def test_only_plan_admins_copy_or_issue(client, world):
    login(client, world.head)
    assert client.post(f"/plans/{world.plan.id}/copy").status_code == 403
    assert client.post(f"/plans/{world.plan.id}/publish").status_code == 403
