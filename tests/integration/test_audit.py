"""The audit log: every change of plans, units, people, roles, reminder policies, the
catalog and tokens is recorded — who, when, each field before and after — by the pages and
commands people use; the database refuses to change it; administrators read their units'."""
import datetime as dt
import json

import pytest
import sqlalchemy as sa
import time_machine

from app.audit.actor import CLI, SCHEDULER, acting_as
from app.audit.capture import MARKER
from app.audit.models import AuditAction, AuditEntry
from app.auth.models import User
from app.budget.models import BudgetItem
from app.clock import VN_TZ
from app.plans import operations as plan_ops
from app.plans.models import Plan
from app.units.models import Unit
from tests.factories import login, unit, user
from workflows.enums import Role, UnitKind

CREATED, CHANGED, DELETED = AuditAction.CREATED, AuditAction.CHANGED, AuditAction.DELETED
PLAN_FORM = {"year": "2027", "number": "12", "symbol": "KH-UBND", "title": "Giảm nghèo bền vững năm 2027",
             "place": "Đắk Nông", "issued_on": "20/01/2027", "legal_bases": "", "goals": "",
             "asks_subplan": "y", "asks_six_month": "y", "asks_annual": "y", "subplan_due_on": "", "six_month_due_on": "", "annual_due_on": ""}


def _mark(db):
    return db.session.scalar(sa.select(sa.func.max(AuditEntry.id))) or 0


def _since(db, mark, object_type=None, object_id=None):
    """The entries written since ``mark`` (about one kind of object, one object), oldest first."""
    db.session.expire_all()
    stmt = sa.select(AuditEntry).where(AuditEntry.id > mark).order_by(AuditEntry.id)
    if object_type:
        stmt = stmt.where(AuditEntry.object_type == object_type)
    if object_id:
        stmt = stmt.where(AuditEntry.object_id == object_id)
    return db.session.scalars(stmt).all()


def _one(db, mark, object_type, object_id=None):
    entries = _since(db, mark, object_type, object_id)
    assert len(entries) == 1, [(e.object_type, e.action, e.changes) for e in entries]
    return entries[0]


def _by(entry, who):
    return (entry.actor_id, entry.actor_label) == (who.id, who.email)


def _plan_form(world, **overrides):
    return {**PLAN_FORM, "issuing_unit_id": world.province.id, "coordinating_unit_id": world.labour.id, **overrides}


def _targets_csv(tmp_path, world, krong_no_reduction):
    path = tmp_path / "chi-tieu.csv"
    path.write_text("Đơn vị,Tổng số hộ,Số hộ nghèo,Tỷ lệ hộ nghèo (%),Số hộ giảm\n"
                    f"{world.district.name},19680,851,\"4,32\",{krong_no_reduction}\n"
                    f"{world.other_district.name},22195,1183,\"5,33\",480\n", encoding="utf-8")
    return path


def _upload(client, plan, path):
    with open(path, "rb") as f:
        return client.post(f"/plans/{plan.id}/targets/import", data={"file": (f, path.name)},
                           content_type="multipart/form-data")


# ---- what is recorded --------------------------------------------------------------------

def test_a_plan_is_recorded_from_its_draft_to_its_issue(client, world, db, tmp_path):
    login(client, world.admin)
    mark = _mark(db)
    assert client.post("/plans/new", data=_plan_form(world)).status_code == 302
    plan = db.session.scalar(sa.select(Plan).where(Plan.year == 2027))
    created = _one(db, mark, "plan")
    assert (created.action, created.object_id, created.unit_id, created.plan_id) == (
        CREATED, plan.id, world.province.id, plan.id)
    assert _by(created, world.admin) and created.object_label.startswith("12/KH-UBND (2027)")
    assert created.changes["title"] == [None, "Giảm nghèo bền vững năm 2027"]
    asked = _since(db, mark, "schedule_item")
    assert sorted((e.action, e.plan_id, e.changes["kind"][1], e.changes["due_on"][1]) for e in asked) == [
        (CREATED, plan.id, "annual", "2027-12-15"), (CREATED, plan.id, "six_month", "2027-06-15"),
        (CREATED, plan.id, "subplan", "2027-03-31")]
    assert created.changes["issuing_unit_id"] == [None, world.province.id]
    assert "created_at" not in created.changes and "legal_bases" not in created.changes  # nothing to tell

    mark = _mark(db)
    assert client.post(f"/plans/{plan.id}/edit", data=_plan_form(
        world, subplan_due_on="10/04/2027", six_month_due_on="15/06/2027", annual_due_on="15/12/2027")
    ).status_code == 302
    dates = _one(db, mark, "schedule_item")
    assert (dates.action, dates.changes) == (CHANGED, {"due_on": ["2027-03-31", "2027-04-10"]})
    assert dates.object_label.startswith("Kế hoạch của đơn vị · 12/KH-UBND (2027)")
    assert not _since(db, mark, "plan")  # the plan's own fields did not change

    mark = _mark(db)
    assert client.post(f"/plans/{plan.id}/assign", data={
        "unit_ids": [world.district.id, world.other_district.id], "duties": "Xây dựng kế hoạch"}).status_code == 302
    assigned = _since(db, mark, "assignment")
    assert {(e.action, e.unit_id, e.plan_id) for e in assigned} == {
        (CREATED, world.district.id, plan.id), (CREATED, world.other_district.id, plan.id)}
    krong_no = next(e for e in assigned if e.unit_id == world.district.id)
    assert krong_no.changes["duties"] == [None, "Xây dựng kế hoạch"] and _by(krong_no, world.admin)
    assert krong_no.object_label == f"{world.district.name} · 12/KH-UBND (2027)"
    assert _since(db, mark, "adhoc_report") == []  # the periodic deliverables follow the assignment

    mark = _mark(db)
    assert _upload(client, plan, _targets_csv(tmp_path, world, 180)).status_code == 302
    rows = _since(db, mark, "plan_target")
    assert {(e.action, e.unit_id) for e in rows} == {(CREATED, world.district.id),
                                                    (CREATED, world.other_district.id)}
    row = next(e for e in rows if e.unit_id == world.district.id)
    assert row.changes["poor_start"] == [None, 851] and row.changes["poor_rate_start"] == [None, "4.32"]
    mark = _mark(db)
    _upload(client, plan, _targets_csv(tmp_path, world, 200))
    changed = _one(db, mark, "plan_target")
    assert (changed.action, changed.unit_id, changed.changes) == (
        CHANGED, world.district.id, {"poor_reduction": [180, 200], "poor_end": [671, 651]})

    mark = _mark(db)
    assert client.post(f"/plans/{plan.id}/publish").status_code == 302
    issued = _one(db, mark, "plan", plan.id)
    before, after = issued.changes["published_at"]
    assert before is None and dt.datetime.fromisoformat(after).tzinfo is not None and _by(issued, world.admin)


def test_an_ad_hoc_report_asked_of_units_is_recorded(client, world, db):
    login(client, world.admin)
    mark = _mark(db)
    response = client.post(f"/plans/{world.plan.id}/adhoc", data={
        "title": "Tình hình đến tháng 8", "period_start_on": "01/01/2026", "period_end_on": "31/08/2026",
        "due_on": "10/09/2026", "assignment_ids": [world.assignment.id]})
    assert response.status_code == 302
    asked = _one(db, mark, "adhoc_report")
    assert (asked.action, asked.unit_id, asked.plan_id) == (CREATED, world.district.id, world.plan.id)
    assert asked.changes["due_on"] == [None, "2026-09-10"] and asked.changes["kind"] == [None, "adhoc"]


def test_units_are_recorded_created_renamed_moved_deactivated_and_deleted(client, world, db):
    login(client, world.admin)
    mark = _mark(db)
    assert client.post("/admin/units/new", data={
        "code": "XA-NAM-DA", "name": "Xã Nam Đà", "kind": "commune", "parent_code": world.district.code,
        "emails": "namda@krongno.gov.vn", "is_active": "y"}).status_code == 302
    commune = db.session.scalar(sa.select(Unit).where(Unit.code == "XA-NAM-DA"))
    commune_id = commune.id
    created = _one(db, mark, "unit")
    assert (created.action, created.object_id, created.unit_id) == (CREATED, commune.id, commune.id)
    assert created.changes == {"code": [None, "XA-NAM-DA"], "name": [None, "Xã Nam Đà"], "kind": [None, "commune"],
                               "parent_id": [None, world.district.id], "is_active": [None, True]}
    contact = _one(db, mark, "unit_contact")
    assert contact.unit_id == commune.id and contact.changes["email"] == [None, "namda@krongno.gov.vn"]

    mark = _mark(db)
    assert client.post(f"/admin/units/{commune.id}/edit", data={
        "code": "XA-NAM-DA", "name": "Xã Nam Đà (mới)", "kind": "commune", "parent_code": world.other_district.code,
        "emails": "namda@krongno.gov.vn", "is_active": "y"}).status_code == 302
    renamed = _one(db, mark, "unit")
    assert renamed.changes == {"name": ["Xã Nam Đà", "Xã Nam Đà (mới)"],
                               "parent_id": [world.district.id, world.other_district.id]}
    assert renamed.object_label == "Xã Nam Đà (mới) (XA-NAM-DA)" and _by(renamed, world.admin)

    mark = _mark(db)
    assert client.post(f"/admin/units/{commune.id}/edit", data={
        "code": "XA-NAM-DA", "name": "Xã Nam Đà (mới)", "kind": "commune", "parent_code": world.other_district.code,
        "emails": "namda@krongno.gov.vn"}).status_code == 302
    assert _one(db, mark, "unit").changes == {"is_active": [True, False]}

    mark = _mark(db)
    assert client.post(f"/admin/units/{commune_id}/delete").status_code == 302
    deleted = _one(db, mark, "unit")
    # The unit is gone: its entry is for the administrators of the unit it stood under.
    assert (deleted.action, deleted.object_id, deleted.unit_id) == (DELETED, commune_id, world.other_district.id)
    assert deleted.changes["name"] == ["Xã Nam Đà (mới)", None]
    assert _one(db, mark, "unit_contact").action is DELETED


def test_people_and_roles_are_recorded_and_a_password_never(client, world, db):
    head = world.head
    login(client, head)
    assert client.post("/account/tokens", data={"name": "Báo cáo tự động"}).status_code == 200
    client.post("/logout")
    old_hash = db.session.get(User, head.id).password_hash
    login(client, world.admin)

    mark = _mark(db)
    assert client.post("/admin/users/new", data={"email": "moi@krongno.gov.vn", "full_name": "Người Mới",
                                                 "unit_code": world.district.code, "role": "staff"}).status_code == 302
    new = db.session.scalar(sa.select(User).where(User.email == "moi@krongno.gov.vn"))
    created = _one(db, mark, "user")
    assert (created.action, created.object_id, created.unit_id) == (CREATED, new.id, world.district.id)
    assert created.changes["email"] == [None, "moi@krongno.gov.vn"] and "password_hash" not in created.changes
    role = _one(db, mark, "membership")
    assert (role.action, role.unit_id, role.changes["role"]) == (CREATED, world.district.id, [None, "staff"])

    mark = _mark(db)
    assert client.post(f"/admin/users/{new.id}/roles", data={"unit_id": world.other_district.id,
                                                             "role": "head"}).status_code == 302
    granted = _one(db, mark, "membership")
    assert (granted.action, granted.unit_id, granted.changes["role"]) == (CREATED, world.other_district.id,
                                                                         [None, "head"])
    membership_id = granted.object_id
    mark = _mark(db)
    client.post(f"/admin/users/{new.id}/roles/{membership_id}/remove")
    removed = _one(db, mark, "membership")
    assert (removed.action, removed.object_id, removed.changes["role"]) == (DELETED, membership_id, ["head", None])
    assert _by(removed, world.admin)

    mark = _mark(db)
    client.post(f"/admin/users/{new.id}", data={"full_name": "Người Mới", "email": "moi@krongno.gov.vn"})
    assert _one(db, mark, "user").changes == {"is_active": [True, False]}

    mark = _mark(db)
    assert client.post(f"/admin/users/{head.id}/reset-password").status_code == 302
    reset = _one(db, mark, "user", head.id)
    assert reset.changes == {"password_hash": [MARKER, None]} and reset.unit_id == world.district.id
    revoked = _one(db, mark, "api_token")  # the reset revokes the person's tokens (one statement)
    assert _by(revoked, world.admin) and revoked.changes["revoked_at"][0] is None
    everything = json.dumps([e.changes for e in db.session.scalars(sa.select(AuditEntry))])
    assert old_hash[-20:] not in everything and "security_stamp" not in everything and "token_hash" not in everything


def test_a_reminder_policy_is_recorded(client, world, db):
    login(client, world.admin)
    form = {"enabled": "y", "days_before": "10, 5, 0", "first_overdue_after": "2", "overdue_every": "3",
            "send_hour": "7", "grace_days": "1", "escalate_overdue": "y"}
    mark = _mark(db)
    assert client.post(f"/plans/{world.plan.id}/reminders", data=form).status_code == 302
    first = _one(db, mark, "reminder_policy")
    assert (first.action, first.object_id, first.unit_id, first.plan_id) == (
        CREATED, world.plan.id, world.province.id, world.plan.id)
    assert first.changes["days_before"] == [None, "10,5,0"]
    mark = _mark(db)
    assert client.post(f"/plans/{world.plan.id}/reminders", data={**form, "send_hour": "9"}).status_code == 302
    assert _one(db, mark, "reminder_policy").changes == {"send_hour": [7, 9]}


def test_a_catalog_item_is_recorded_for_the_catalog_s_keepers(client, world, db):
    login(client, world.admin)
    item = db.session.scalar(sa.select(BudgetItem).where(BudgetItem.code == "DA7"))
    old_name = item.name
    mark = _mark(db)
    assert client.post(f"/admin/catalog/{item.id}", data={"name": "Dự án 7 (đổi tên)"}).status_code == 302
    entry = _one(db, mark, "budget_item")
    assert entry.changes == {"name": [old_name, "Dự án 7 (đổi tên)"], "is_active": [True, False]}
    assert entry.unit_id is None and _by(entry, world.admin)  # national: read by top-level administrators


def test_api_tokens_are_recorded_issued_and_revoked_never_their_secret(client, world, db):
    login(client, world.head)
    mark = _mark(db)
    page = client.post("/account/tokens", data={"name": "Kết nối hệ thống Bộ"}).get_data(as_text=True)
    issued = _one(db, mark, "api_token")
    assert (issued.action, issued.unit_id) == (CREATED, world.district.id) and _by(issued, world.head)
    assert issued.changes["name"] == [None, "Kết nối hệ thống Bộ"]
    prefix = issued.changes["prefix"][1]
    secret = page[page.index(prefix):].split("<")[0].split()[0]
    assert secret.startswith("gn_") and secret not in json.dumps(issued.changes)
    assert set(issued.changes) == {"user_id", "name", "prefix"}
    # Using a token writes its last use: bookkeeping, not a change to log.
    mark = _mark(db)
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    assert _since(db, mark) == []
    client.post(f"/account/tokens/{issued.object_id}/revoke")
    revoked = _one(db, mark, "api_token")
    assert revoked.action is CHANGED and list(revoked.changes) == ["revoked_at"] and _by(revoked, world.head)

    mark = _mark(db)  # the calendar feed's address is a token too
    assert client.post("/calendar").status_code == 302
    feed = _one(db, mark, "user", world.head.id)
    assert feed.changes == {"calendar_token": [None, MARKER]} and _by(feed, world.head)
    assert db.session.get(User, world.head.id).calendar_token not in json.dumps(feed.changes)


def test_the_command_line_and_the_scheduler_are_named(app, world, db):
    mark = _mark(db)
    result = app.test_cli_runner().invoke(args=["users", "token", world.staff.email, "--name", "Kịch bản"])
    assert result.exit_code == 0, result.output
    entry = _one(db, mark, "api_token")
    assert (entry.actor_id, entry.actor_label, entry.unit_id) == (None, CLI, world.district.id)

    mark = _mark(db)
    with acting_as(SCHEDULER):
        world.other_district.name = "Huyện Cư Jút (tên mới)"
        db.session.commit()
    assert (_one(db, mark, "unit").actor_label, _one(db, mark, "unit").actor_id) == (SCHEDULER, None)


def test_a_change_rolled_back_leaves_no_entry(world, db):
    mark = _mark(db)
    db.session.add(Unit(code="TAM", name="Tạm", kind=UnitKind.COMMUNE, parent_id=world.district.id))
    db.session.flush()
    assert len(_since(db, mark, "unit")) == 1  # written with the change, in its transaction
    db.session.rollback()
    assert _since(db, mark) == []
    world.district.name = "Huyện Krông Nô"  # the same name: no change, no entry
    db.session.commit()
    assert _since(db, mark) == []


# ---- append-only ----------------------------------------------------------------------------

def test_the_application_refuses_to_change_an_entry(world, db):
    entry = db.session.scalar(sa.select(AuditEntry).limit(1))
    entry.object_label = "sửa lịch sử"
    with pytest.raises(ValueError, match="append-only"):
        db.session.flush()
    db.session.rollback()


def test_the_database_refuses_to_change_or_delete_an_entry(world, db):
    count = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry))
    assert count > 0
    statements = ["UPDATE audit_log SET object_label = 'x'", "DELETE FROM audit_log"]
    if db.engine.dialect.name == "postgresql":
        statements.append("TRUNCATE audit_log")
    for statement in statements:
        with pytest.raises(sa.exc.DBAPIError, match="append-only"):
            with db.session.begin_nested():  # rolled back to here when refused
                db.session.execute(sa.text(statement))
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) == count


# ---- who reads it ---------------------------------------------------------------------------

def _page(client, **args):
    response = client.get("/admin/audit/", query_string=args)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_district_administrator_reads_its_district_only(client, world, db):
    district_admin = user((Role.ADMIN, world.district), name="Quản trị Krông Nô")
    sibling_commune = unit("Xã Ea Pô", UnitKind.COMMUNE, parent=world.other_district)
    own_commune = unit("Xã Nam Đà", UnitKind.COMMUNE, parent=world.district)
    login(client, world.admin)
    client.post(f"/admin/users/{world.head.id}/reset-password")
    client.post(f"/admin/users/{world.other_head.id}/reset-password")
    item = db.session.scalar(sa.select(BudgetItem).where(BudgetItem.code == "DA7"))
    client.post(f"/admin/catalog/{item.id}", data={"name": "Dự án 7 (đổi tên)", "is_active": "y"})
    province_page = _page(client)
    assert all(text in province_page for text in (sibling_commune.name, world.other_head.email, "DA7 – Dự án 7"))
    client.post("/logout")

    login(client, district_admin)
    page = _page(client)
    assert own_commune.name in page and world.head.email in page
    assert f"{world.district.name} · 98/KH-UBND" in page  # its assignment in the province's plan
    assert sibling_commune.name not in page and world.other_head.email not in page
    assert "Thực hiện chỉ tiêu giảm nghèo" not in page  # the province's plan itself
    assert world.province.name + " (" not in page and "DA7" not in page  # nor the national catalog
    assert _page(client, type="unit", id=world.province.id).count('class="card queue-item audit-entry"') == 0


def test_the_plan_s_administrators_read_its_entries(client, world, db):
    labour_admin = user((Role.ADMIN, world.labour))  # the coordinating unit's: they set the plan up too
    login(client, labour_admin)
    page = _page(client, type="plan")
    assert "98/KH-UBND (2026) – Thực hiện chỉ tiêu" in page
    assert world.district.name not in _page(client, type="unit")


def test_only_administrators_read_it(client, world):
    assert client.get("/admin/audit/").status_code == 302  # to the login page
    for who in (world.head, world.reviewer, world.observer):
        login(client, who)
        assert client.get("/admin/audit/").status_code == 403
        client.post("/logout")


# ---- the page -------------------------------------------------------------------------------

def test_entries_read_in_vietnamese_with_names_not_ids(client, world, db):
    login(client, world.admin)
    client.post(f"/plans/{world.plan.id}/edit", data=_plan_form(
        world, year="2026", number="98", title=world.plan.title, subplan_due_on="10/04/2026",
        six_month_due_on="15/06/2026", annual_due_on="15/12/2026"))
    client.post(f"/admin/users/{world.staff.id}/roles", data={"unit_id": world.other_district.id, "role": "head"})
    client.post("/admin/units/new", data={"code": "XA-NAM-DA", "name": "Xã Nam Đà", "kind": "commune",
                                          "parent_code": world.district.code, "is_active": "y"})
    page = _page(client)
    assert "Kế hoạch của đơn vị · 98/KH-UBND (2026)" in page and "Hạn nộp" in page and "<del>31/03/2026</del> → <ins>10/04/2026</ins>" in page
    assert "<ins>Thủ trưởng đơn vị</ins>" in page and f"{world.staff.full_name} ({world.staff.email}) · " \
        f"{world.other_district.name}" in page  # the role, and whose and where it is
    assert f"<th>Đơn vị cấp trên</th><td><ins>{world.district.name}</ins>" in page and "<ins>Xã</ins>" in page
    assert world.admin.full_name in page and "Nhật ký thay đổi" in page and "Hệ thống" in page
    assert 'href="/admin/audit/"' in client.get("/admin/units").get_data(as_text=True)  # a tab of Quản trị


def test_filters_by_object_person_and_vietnamese_day(client, world, db):
    late_evening = dt.datetime(2026, 6, 1, 23, 30, tzinfo=VN_TZ)  # 16:30 UTC, still 1 June in Hanoi
    with time_machine.travel(late_evening, tick=False), acting_as(world.admin):
        world.district.name = "Huyện Krông Nô (1/6)"
        db.session.commit()
    with time_machine.travel(late_evening + dt.timedelta(hours=1), tick=False), acting_as(world.reviewer):
        world.other_district.name = "Huyện Cư Jút (2/6)"
        db.session.commit()
    first, second = f"Huyện Krông Nô (1/6) ({world.district.code})", f"Huyện Cư Jút (2/6) ({world.other_district.code})"
    login(client, world.admin)

    only_second = _page(client, date_from="02/06/2026", date_to="02/06/2026")
    assert second in only_second and first not in only_second
    only_first = _page(client, date_to="01/06/2026")
    assert first in only_first and second not in only_first

    by_person = _page(client, person=world.reviewer.email.split("@")[0])
    assert second in by_person and first not in by_person
    by_name = _page(client, person="nguyen van binh")  # the reviewer's name, without diacritics
    assert second in by_name and first not in by_name
    by_actor = _page(client, actor=world.admin.id)
    assert first in by_actor and second not in by_actor
    by_object = _page(client, type="unit", id=world.district.id)
    assert by_object.count('class="card queue-item audit-entry"') == 2  # created, renamed
    assert first in by_object and second not in by_object
    assert second not in _page(client, type="user")

    wrong = client.get("/admin/audit/", query_string={"date_from": "31/02/2026"})
    text = wrong.get_data(as_text=True)
    assert wrong.status_code == 200 and "Nhập ngày theo dạng dd/mm/yyyy" in text
    assert first in text and second in text  # the wrong filter is left out, and told
    backwards = _page(client, date_from="02/06/2026", date_to="01/06/2026")
    assert "Ngày kết thúc không được trước ngày bắt đầu." in backwards
    assert second in backwards and first not in backwards  # the start applies


def test_the_page_costs_the_same_queries_for_few_or_many_entries(client, world, db, count_queries):
    """One query per kind of object the changes name, whatever the number of entries."""
    login(client, world.admin)

    def cost():
        with count_queries() as counted:
            _page(client)
        return counted.n

    few = cost()  # the world's units, people, roles, plan and assignments
    mark = _mark(db)
    for i in range(40):  # units under the district, each with a head: ids of units and people to name
        commune = unit(f"Xã số {i}", UnitKind.COMMUNE, parent=world.district)
        user((Role.HEAD, commune))
    extra = unit("Xã cuối", UnitKind.COMMUNE, parent=world.district)
    plan_ops.assign_units(world.admin, world.plan, [extra])  # and a plan to name
    plan_ops.copy_to_next_year(world.admin, world.plan)  # and a programme (the new plan's), as the world's plan
    assert len(_since(db, mark)) > 120
    # SAVEPOINT and ROLLBACK TO of the test's transaction included; the plan's entry names its programme.
    assert cost() == few <= 12
