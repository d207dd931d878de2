"""Programmes (issue 16, point 8): the project catalog belongs to a programme — today the
2021–2025 one of QĐ 90/QĐ-TTg, created by the migrations — and a top-level administrator
adds the next one (2026–2035) with its projects. A plan takes the programme covering its
year unless its administrators choose another; its documents' budget lines offer that
programme's projects only, and another programme's are refused."""
import datetime as dt

import pytest

from app.api.operations import create_token
from app.audit.models import AuditEntry
from app.budget import operations as budget_ops
from app.budget.models import BudgetItem, Programme
from app.documents import operations as doc_ops
from app.errors import Forbidden, Invalid
from app.extensions import db
from app.plans import operations as plan_ops
from app.plans.models import Plan
from tests.factories import login, programme, user
from workflows.deadlines import default_due_on
from workflows.enums import DeliverableKind, Role

PROJECTS_2026 = [("HT1", "Hạ tầng thiết yếu vùng nghèo", [("HT1.TDA1", "Giao thông nông thôn"),
                                                          ("HT1.TDA2", "Nước sạch nông thôn")]),
                 ("SK2", "Sinh kế bền vững", [])]
PLAN_FORM = {"number": "", "symbol": "KH-UBND", "title": "Giảm nghèo bền vững", "place": "Đắk Nông",
             "issued_on": "", "legal_bases": "", "goals": "", "asks_subplan": "y", "asks_six_month": "y",
             "asks_annual": "y", "subplan_due_on": "", "six_month_due_on": "", "annual_due_on": ""}
RESULTS = {"results": "Đã triển khai các nhiệm vụ."}


def qd90():
    return db.session.scalar(db.select(Programme).where(Programme.code == "GNBV-2021-2025"))


def next_programme(world, **kw):
    return programme(world.admin, "GNBV-2026-2035", 2026, 2035, PROJECTS_2026, decision="QĐ 999/QĐ-TTg",
                     name="Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2026 - 2035", **kw)


def item(of, code):
    return db.session.scalar(db.select(BudgetItem).where(BudgetItem.programme_id == of.id, BudgetItem.code == code))


def plan_form(world, year, number, **overrides):
    return {**PLAN_FORM, "issuing_unit_id": world.province.id, "coordinating_unit_id": world.labour.id,
            "year": str(year), "number": number, **overrides}


def made_plan(world, year, programme_id=None):
    """A plan of the province for ``year`` with the district assigned, issued."""
    plan = plan_ops.create_plan(
        world.admin, world.province, world.labour, programme_id=programme_id, year=year, number="",
        symbol="KH-UBND", title=f"Giảm nghèo năm {year}", place="", issued_on=None, legal_bases="", goals="",
        **{f"{k.value}_due_on": default_due_on(k, year)
           for k in (DeliverableKind.SUBPLAN, DeliverableKind.SIX_MONTH, DeliverableKind.ANNUAL)})
    plan_ops.assign_units(world.admin, plan, [world.district])
    plan_ops.publish_plan(world.admin, plan)
    db.session.commit()
    return plan


def report_of(plan):
    return next(d for d in plan.assignments[0].deliverables if d.kind is DeliverableKind.SIX_MONTH).document


def line(budget_item, amount="100"):
    return {str(budget_item.id): {"allocated": {"central_recurrent": amount}}}


def field(budget_item):
    return f'name="budget-{budget_item.id}-allocated-central_recurrent"'


# --- the catalog page ----------------------------------------------------------------------

def test_an_admin_adds_a_programme_with_its_projects(client, world):
    login(client, world.admin)
    page = client.get("/admin/catalog/").get_data(as_text=True)
    assert "Chương trình và danh mục dự án" in page and qd90().name in page and "Thêm chương trình" in page
    response = client.post("/admin/catalog/", data={
        "code": "gnbv-2026-2035", "name": "Chương trình giảm nghèo bền vững giai đoạn 2026 - 2035",
        "decision": "QĐ 999/QĐ-TTg", "start_year": "2026", "end_year": "2035", "is_active": "y"})
    assert response.status_code == 302
    new = db.session.scalar(db.select(Programme).where(Programme.code == "GNBV-2026-2035"))
    assert response.location.endswith(f"/admin/catalog/programmes/{new.id}")
    assert (new.decision, new.start_year, new.end_year, new.is_active) == ("QĐ 999/QĐ-TTg", 2026, 2035, True)
    assert "Đã thêm chương trình GNBV-2026-2035" in client.get(response.location).get_data(as_text=True)

    assert client.post(f"/admin/catalog/programmes/{new.id}", data={
        "parent_id": "0", "code": "ht1", "name": "Hạ tầng thiết yếu vùng nghèo"}).status_code == 302
    project = item(new, "HT1")
    assert client.post(f"/admin/catalog/programmes/{new.id}", data={
        "parent_id": str(project.id), "code": "HT1.TDA1", "name": "Giao thông nông thôn"}).status_code == 302
    assert [(c.code, c.programme_id) for c in project.children] == [("HT1.TDA1", new.id)]
    # The same code may serve in each programme: codes are unique within one.
    assert client.post(f"/admin/catalog/programmes/{new.id}", data={
        "parent_id": "0", "code": "DA1", "name": "Dự án 1 của giai đoạn mới"}).status_code == 302
    assert item(new, "DA1").position == 2 and item(qd90(), "DA1").name != "Dự án 1 của giai đoạn mới"

    page = client.get(f"/admin/catalog/programmes/{new.id}").get_data(as_text=True)
    assert "Giao thông nông thôn" in page and "Hạ tầng thiết yếu vùng nghèo" in page
    assert "Đa dạng hóa sinh kế" not in page  # QĐ 90's projects are on their own programme's page
    listing = client.get("/admin/catalog/").get_data(as_text=True)
    assert new.name in listing and "2026–2035" in listing and "2021–2025" in listing

    response = client.post(f"/admin/catalog/programmes/{new.id}/edit", data={
        "code": "GNBV-2026-2035", "name": new.name, "decision": "QĐ 1000/QĐ-TTg", "start_year": "2026",
        "end_year": "2030"})  # "in use" unticked: retired
    assert response.status_code == 302
    db.session.refresh(new)
    assert (new.decision, new.end_year, new.is_active) == ("QĐ 1000/QĐ-TTg", 2030, False)
    assert "không còn áp dụng cho kế hoạch mới" in client.get("/admin/catalog/").get_data(as_text=True)
    recorded = db.session.scalars(db.select(AuditEntry).where(AuditEntry.object_type == "programme",
                                                              AuditEntry.object_id == new.id)).all()
    assert [e.action.value for e in recorded] == ["created", "changed"]
    assert recorded[1].changes["end_year"] == [2035, 2030]


@pytest.mark.parametrize("data, field_name, message", [
    ({"code": "GNBV-2021-2025"}, "code", "Mã này đã được dùng cho một chương trình khác."),
    ({"code": "chương trình mới"}, "code", "Mã ngắn gồm chữ, số, dấu chấm hoặc gạch ngang"),
    ({"name": "  "}, "name", "Nhập tên."),
    ({"start_year": "2036"}, "end_year", "Năm kết thúc không được trước năm bắt đầu."),
    ({"end_year": ""}, "end_year", "Nhập năm trong khoảng từ 2000 đến 2100."),
    ({"start_year": "1999"}, "start_year", "Nhập năm trong khoảng từ 2000 đến 2100."),
    ({"start_year": "hai nghìn"}, "start_year", "Nhập một số nguyên."),
])
def test_a_wrong_programme_is_refused_with_a_message_and_what_was_typed_kept(client, world, data, field_name,
                                                                             message):
    login(client, world.admin)
    form = {"code": "GNBV-2026-2035", "name": "Giai đoạn 2026 - 2035", "decision": "QĐ 999/QĐ-TTg",
            "start_year": "2026", "end_year": "2035", "is_active": "y", **data}
    response = client.post("/admin/catalog/", data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and message in page
    assert "QĐ 999/QĐ-TTg" in page  # kept
    assert db.session.scalar(db.select(db.func.count()).select_from(Programme)) == 1


def test_a_district_admin_cannot_add_or_edit_programmes(client, world):
    district_admin = user((Role.ADMIN, world.district))
    seeded = qd90()
    login(client, district_admin)
    page = client.get("/admin/catalog/")
    assert page.status_code == 200 and seeded.name in page.get_data(as_text=True)  # read, yes
    assert "Thêm chương trình" not in page.get_data(as_text=True)
    assert client.post("/admin/catalog/", data={"code": "MOI", "name": "Mới", "start_year": "2026",
                                                "end_year": "2035"}).status_code == 403
    assert client.get(f"/admin/catalog/programmes/{seeded.id}/edit").status_code == 403
    assert client.post(f"/admin/catalog/programmes/{seeded.id}/edit", data={
        "code": "DOI", "name": "Đổi tên", "start_year": "2021", "end_year": "2030"}).status_code == 403
    assert client.post(f"/admin/catalog/programmes/{seeded.id}", data={
        "parent_id": "0", "code": "DA9", "name": "Thêm"}).status_code == 403
    with pytest.raises(Forbidden):
        budget_ops.add_programme(district_admin, "MOI", "Mới", "", 2026, 2035)
    with pytest.raises(Forbidden):
        budget_ops.update_programme(district_admin, seeded, "DOI", "Đổi tên", "", 2021, 2030, True)
    db.session.rollback()
    db.session.refresh(seeded)
    assert (seeded.code, seeded.end_year) == ("GNBV-2021-2025", 2025)
    assert db.session.scalar(db.select(db.func.count()).select_from(Programme)) == 1
    assert db.session.scalar(db.select(db.func.count()).select_from(BudgetItem)) == 18


# --- a plan chooses its programme -------------------------------------------------------

def test_a_new_plan_takes_the_programme_covering_its_year_unless_another_is_chosen(client, world):
    new = next_programme(world)
    login(client, world.admin)
    page = client.get("/plans/new").get_data(as_text=True)
    assert "Chương trình có giai đoạn bao gồm năm của kế hoạch" in page
    assert new.name in page and qd90().name in page

    def created(year, number, **extra):
        response = client.post("/plans/new", data=plan_form(world, year, number, **extra))
        assert response.status_code == 302, response.get_data(as_text=True)
        return db.session.scalar(db.select(Plan).where(Plan.year == year, Plan.number == number))

    assert created(2027, "1").programme_id == new.id
    assert created(2025, "2", programme_id="").programme_id == qd90().id
    chosen = created(2027, "3", programme_id=str(qd90().id))  # an administrator's choice stands
    assert chosen.programme_id == qd90().id
    overview = client.get(f"/plans/{chosen.id}").get_data(as_text=True)
    assert f"Chương trình: {qd90().name} (2021–2025)" in overview

    budget_ops.update_programme(world.admin, new, new.code, new.name, new.decision, 2026, 2035, False)
    db.session.commit()
    for wrong in (str(new.id), "999999", "abc"):  # retired, missing, unreadable
        response = client.post("/plans/new", data=plan_form(world, 2028, "4", programme_id=wrong))
        assert response.status_code == 422 and "Chọn một chương trình trong danh sách." in response.get_data(
            as_text=True)
    assert new.name not in client.get("/plans/new").get_data(as_text=True)  # no longer offered
    assert created(2028, "4").programme_id == qd90().id  # the nearest in use


def test_a_plan_changes_programme_only_until_its_documents_have_budget_lines(client, world):
    new = next_programme(world)
    plan = world.plan  # 2026, made while only the 2021–2025 programme was recorded: that one
    assert plan.programme_id == qd90().id
    login(client, world.admin)
    form = plan_form(world, plan.year, plan.number, title=plan.title)
    assert client.post(f"/plans/{plan.id}/edit", data={**form, "programme_id": str(new.id)}).status_code == 302
    db.session.refresh(plan)
    assert plan.programme_id == new.id
    edit = client.get(f"/plans/{plan.id}/edit").get_data(as_text=True)
    assert f'<option selected value="{new.id}">' in edit or f'value="{new.id}" selected' in edit

    doc = report_of(plan)
    doc_ops.save_content(doc, world.staff, {**RESULTS, "budget": line(item(new, "SK2"))}, None)
    db.session.commit()
    response = client.post(f"/plans/{plan.id}/edit", data={**form, "programme_id": str(qd90().id)})
    assert response.status_code == 422
    assert "đã có dòng kinh phí theo các dự án của GNBV-2026-2035" in response.get_data(as_text=True)
    db.session.refresh(plan)
    assert plan.programme_id == new.id
    assert client.post(f"/plans/{plan.id}/edit", data=form).status_code == 302  # the rest still changes


# --- budget lines follow the plan's programme -------------------------------------------

def test_budget_lines_offer_the_projects_of_the_plan_s_programme_only(client, world):
    new = next_programme(world)
    new_plan = made_plan(world, 2027)
    assert new_plan.programme_id == new.id
    login(client, world.head)
    page = client.get(f"/documents/{report_of(new_plan).id}/edit").get_data(as_text=True)
    assert field(item(new, "HT1.TDA2")) in page and field(item(new, "SK2")) in page
    assert field(item(qd90(), "DA7")) not in page and "Nâng cao năng lực và giám sát" not in page
    page = client.get(f"/documents/{report_of(world.plan).id}/edit").get_data(as_text=True)
    assert field(item(qd90(), "DA7")) in page and field(item(new, "SK2")) not in page

    # Saved through the page, the line is the programme's; the plan's figures add it up.
    doc = report_of(new_plan)
    response = client.post(f"/documents/{doc.id}/edit", data={
        **RESULTS, "lock_version": doc.lock_version, f"budget-{item(new, 'HT1.TDA1').id}-allocated-central_recurrent":
        "250"})
    assert response.status_code == 302
    assert doc.current_version.content["budget"] == {str(item(new, "HT1.TDA1").id): {"allocated": {
        "central_recurrent": "250"}}}


def test_a_budget_refuses_a_project_of_another_programme(client, world):
    new = next_programme(world)
    doc = report_of(world.plan)  # a plan of the 2021–2025 programme
    foreign = item(new, "HT1")
    with pytest.raises(Invalid) as refused:
        doc_ops.save_content(doc, world.staff, {**RESULTS, "budget": {**line(item(qd90(), "DA2")),
                                                                      **line(foreign)}}, None)
    assert "HT1 (GNBV-2026-2035): không phải dự án của chương trình mà kế hoạch này thuộc về" in refused.value.message
    db.session.rollback()
    assert doc.current_version.content == {}

    # Through the API: the same refusal, by its field.
    token = create_token(None, world.head, "kiểm thử")[1]
    response = client.put(f"/api/v1/documents/{doc.id}/content", headers={"Authorization": f"Bearer {token}"},
                          json={"lock_version": doc.lock_version, "content": {**RESULTS, "budget": line(foreign)}})
    assert response.status_code == 422
    assert "không phải dự án của chương trình" in response.get_json()["error"]["fields"]["budget"]
    db.session.expire_all()
    assert doc.current_version.content == {}

    # A line of another programme already in a draft (as a plan's programme could once be
    # changed): the page shows it, refuses to save it as it is, and saves once it is cleared.
    doc.current_version.content = {**RESULTS, "budget": line(foreign, "40")}
    db.session.commit()
    login(client, world.head)
    edit = client.get(f"/documents/{doc.id}/edit").get_data(as_text=True)
    assert field(foreign) in edit
    data = {**RESULTS, "lock_version": doc.lock_version, f"budget-{foreign.id}-allocated-central_recurrent": "40"}
    response = client.post(f"/documents/{doc.id}/edit", data=data)
    assert response.status_code == 422 and "hãy xóa các dòng này" in response.get_data(as_text=True)
    data[f"budget-{foreign.id}-allocated-central_recurrent"] = ""
    assert client.post(f"/documents/{doc.id}/edit", data=data).status_code == 302
    db.session.expire_all()
    assert "budget" not in doc.current_version.content or not doc.current_version.content["budget"]


# --- copy to next year ----------------------------------------------------------------

def test_copy_to_next_year_keeps_a_covering_programme_else_takes_the_covering_one(client, world):
    new = next_programme(world)
    login(client, world.admin)

    def copied(plan):
        assert client.post(f"/plans/{plan.id}/copy").status_code == 302
        return db.session.scalar(db.select(Plan).where(Plan.copied_from_id == plan.id))

    # 2026 in the 2021–2025 programme (the only one when it was made) → 2027: the covering one.
    to_2027 = copied(world.plan)
    assert (to_2027.year, to_2027.programme_id) == (2027, new.id)
    # A narrower programme starting later also covers 2028; the plan keeps its own, which still covers.
    pilot = programme(world.admin, "THI-DIEM-2028", 2028, 2030, [("TD1", "Thí điểm", [])])
    to_2028 = copied(to_2027)
    assert (to_2028.year, to_2028.programme_id) == (2028, new.id) and pilot.id != new.id
    # 2024 in the 2021–2025 programme → 2025: still covering, kept.
    to_2025 = copied(made_plan(world, 2024))
    assert (to_2025.year, to_2025.programme_id) == (2025, qd90().id)
    assert f"Chương trình: {new.name}" in client.get(f"/plans/{to_2027.id}").get_data(as_text=True)


# --- the API -----------------------------------------------------------------------------

def test_the_api_tells_the_programmes_and_whose_each_project_and_plan_is(client, world):
    new = next_programme(world)
    headers = {"Authorization": f"Bearer {create_token(None, world.head, 'kiểm thử')[1]}"}
    listed = client.get("/api/v1/programmes", headers=headers).get_json()["items"]
    assert [(p["code"], p["start_year"], p["end_year"]) for p in listed] == [
        ("GNBV-2026-2035", 2026, 2035), ("GNBV-2021-2025", 2021, 2025)]
    items = {(i["programme_id"], i["code"]): i for i in client.get("/api/v1/catalog", headers=headers)
             .get_json()["items"]}
    assert items[(new.id, "HT1.TDA1")]["parent_id"] == item(new, "HT1").id
    assert items[(qd90().id, "DA7")]["program"] == "QĐ 90/QĐ-TTg"
    plan = client.get(f"/api/v1/plans/{world.plan.id}", headers=headers).get_json()
    assert plan["programme_id"] == qd90().id


def test_the_plan_keeps_its_programme_in_its_dates_edit(world):
    """Saving a plan without a programme chosen (the API, a form of before) keeps its own."""
    new = next_programme(world)
    plan = made_plan(world, 2027, programme_id=qd90().id)
    values = {f: getattr(plan, f) for f in plan_ops.PLAN_FIELDS}
    plan_ops.update_plan(world.admin, plan, **{**values, "annual_due_on": dt.date(2027, 12, 10)})
    assert plan.programme_id == qd90().id != new.id
