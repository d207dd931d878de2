"""Attacks from accounts a province hands out: a district admin (created by the province
admin), a reviewer, a unit head and a staff member try to act above or beside their units,
through pages, imports and the API. Every attempt is refused and nothing is written: the
rows of every table are compared before and after.

The points follow issue 13; the positive controls beside them (the province admin may do
what the district admin may not) keep the refusals honest.
"""
import contextlib
import datetime as dt
import io
import zipfile

import pytest
import sqlalchemy as sa
from openpyxl import Workbook, load_workbook

from app.api.operations import create_token
from app.auth.models import Membership, User
from app.documents import operations as doc_ops
from app.extensions import db as _db
from app.plans import operations as plan_ops
from app.units.models import Unit
from tests import province as files
from tests import xlsx_craft
from tests.factories import PASSWORD, World, login, ready, unit, user
from tests.htmlforms import form_with
from workflows.deadlines import default_due_on
from workflows.enums import DeliverableKind, DocState, Role, Trigger, UnitKind

#: Bookkeeping that a refused request may legitimately write: a token's last use.
BOOKKEEPING = {"api_tokens": {"last_used_at"}}


def _rows(db):
    out = {}
    for table in _db.metadata.sorted_tables:
        skip = BOOKKEEPING.get(table.name, set())
        columns = [c for c in table.columns if c.name not in skip]
        out[table.name] = db.session.execute(sa.select(*columns).order_by(*table.primary_key.columns)).all()
    return out


@contextlib.contextmanager
def nothing_written(db):
    """Every row of every table is the same after the block as before it."""
    db.session.expire_all()
    before = _rows(db)
    yield
    db.session.expire_all()
    after = _rows(db)
    changed = {name: (before[name], after[name]) for name in before if before[name] != after[name]}
    assert changed == {}, f"rows changed: {list(changed)}"


def _text(response):
    return response.get_data(as_text=True)


def _upload(client, what, path):
    with path.open("rb") as f:
        return client.post(f"/admin/import/{what}", data={"file": (f, path.name)}, content_type="multipart/form-data")


class Province:
    """The province of ``World`` with a commune, a district office, and a district admin
    the province admin created through the page (as a province does)."""

    def __init__(self, client, db):
        self.w = w = World()
        self.commune = unit("Xã Nam Đà", UnitKind.COMMUNE, parent=w.district)
        self.district_office = unit("Phòng Lao động - Thương binh và Xã hội huyện Krông Nô", parent=w.district)
        self.other_commune = unit("Xã Tâm Thắng", UnitKind.COMMUNE, parent=w.other_district)
        login(client, w.admin)
        response = client.post("/admin/users/new", data={
            "email": "quantri.krongno@example.org", "full_name": "Quản trị huyện Krông Nô",
            "unit_code": w.district.code, "role": "admin"})
        assert response.status_code == 302, _text(response)[:2000]
        client.post("/logout")
        self.district_admin = db.session.scalar(db.select(User).where(User.email == "quantri.krongno@example.org"))
        self.district_admin.set_password(PASSWORD)
        self.sibling_admin = user((Role.ADMIN, w.other_district), name="Quản trị huyện Cư Jút")
        # Someone whose roles straddle the two districts: neither district admin alone may change them.
        self.straddler = user((Role.STAFF, w.district), (Role.STAFF, w.other_district), name="Cán bộ hai huyện")
        db.session.commit()


@pytest.fixture
def p(client, db):
    return Province(client, db)


# --- 1. A lower-level admin cannot take over a higher one ------------------------------------

def test_an_import_row_for_the_province_admin_is_refused_by_row_and_column(p, client, db, tmp_path):
    login(client, p.district_admin)
    path = files.write_users(tmp_path / "users.csv", [(p.w.admin.email, "Tên bị đổi", p.w.district.code, "staff")])
    with nothing_written(db):
        response = _upload(client, "users", path)
    assert response.status_code == 422
    problems = _text(response)
    assert "ngoài phạm vi bạn quản trị" in problems and "<td>2</td><td>Email</td>" in problems


@pytest.mark.parametrize("target", ["province_admin", "sibling_head", "straddler"])
def test_a_district_admin_cannot_touch_users_above_beside_or_straddling(p, client, db, target):
    other = {"province_admin": p.w.admin, "sibling_head": p.w.other_head, "straddler": p.straddler}[target]
    login(client, p.district_admin)
    with nothing_written(db):
        assert client.get(f"/admin/users/{other.id}").status_code == 403
        assert client.post(f"/admin/users/{other.id}/reset-password").status_code == 403
        assert client.post(f"/admin/users/{other.id}", data={"full_name": "Đổi tên", "email": other.email}
                           ).status_code == 403  # deactivation: is_active left out
        assert client.post(f"/admin/users/{other.id}/roles", data={"unit_id": p.commune.id, "role": "staff"}
                           ).status_code == 403
        membership = other.memberships[0]
        assert client.post(f"/admin/users/{other.id}/roles/{membership.id}/remove").status_code == 403
        # Nor by creating them again, nor by an import row.
        response = client.post("/admin/users/new", data={"email": other.email, "full_name": "X",
                                                        "unit_code": p.commune.code, "role": "staff"})
        assert response.status_code == 422
    listing = _text(client.get("/admin/users"))
    if target == "straddler":  # listed (they work in the district), but not theirs to edit
        assert other.email in listing and f'href="/admin/users/{other.id}"' not in listing
    else:
        assert other.email not in listing


def test_the_province_admin_still_manages_the_straddler_and_the_district_admin_its_own(p, client, db):
    """Positive control: the rule is about scope, not a blanket refusal."""
    login(client, p.w.admin)
    assert client.get(f"/admin/users/{p.straddler.id}").status_code == 200
    client.post("/logout")
    login(client, p.district_admin)
    assert client.get(f"/admin/users/{p.w.head.id}").status_code == 200
    response = client.post(f"/admin/users/{p.w.head.id}/roles", data={"unit_id": p.commune.id, "role": "observer"})
    assert response.status_code == 302
    assert (p.commune.id, Role.OBSERVER) in {(m.unit_id, m.role) for m in db.session.get(User, p.w.head.id).memberships}


def test_nobody_changes_their_own_roles(p, client, db, tmp_path):
    login(client, p.district_admin)
    own = p.district_admin.memberships[0]
    with nothing_written(db):
        response = client.post(f"/admin/users/{p.district_admin.id}/roles",
                               data={"unit_id": p.w.district.id, "role": "head"})
        assert response.status_code in (403, 422)
        response = client.post(f"/admin/users/{p.district_admin.id}/roles/{own.id}/remove")
        assert response.status_code in (302, 403, 422)
        path = files.write_users(tmp_path / "self.csv", [(p.district_admin.email, p.district_admin.full_name,
                                                          p.w.district.code, "admin"),
                                                         (p.district_admin.email, p.district_admin.full_name,
                                                          p.w.district.code, "reviewer")])
        response = _upload(client, "users", path)
        assert response.status_code == 422 and "vai trò của chính mình" in _text(response)
    # Re-importing one's own row unchanged is not a change.
    path = files.write_users(tmp_path / "same.csv", [(p.district_admin.email, p.district_admin.full_name,
                                                      p.w.district.code, "admin")])
    assert _upload(client, "users", path).status_code == 200


def test_the_api_gives_no_way_to_make_tokens_for_others(p, db):
    from app.errors import Forbidden

    with nothing_written(db), pytest.raises(Forbidden):
        create_token(p.district_admin, p.w.admin, "chiếm quyền")


# --- 2. A lower-level admin cannot leave oversight ------------------------------------------

def test_saving_ones_own_unit_form_unchanged_changes_nothing(p, client, db):
    login(client, p.district_admin)
    page = _text(client.get(f"/admin/units/{p.w.district.id}/edit"))
    form = form_with(page, "parent_code")
    assert form["fields"]["parent_code"] == p.w.province.code
    assert "" not in form["options"]["parent_code"], "a district admin is offered 'top-level'"
    assert p.w.labour.code not in form["options"]["parent_code"]
    with nothing_written(db):
        response = client.post(f"/admin/units/{p.w.district.id}/edit", data=form["fields"])
        assert response.status_code == 302


@pytest.mark.parametrize("parent", ["", "labour", "other_district"])
def test_a_district_admin_cannot_detach_or_move_its_district(p, client, db, parent):
    code = {"": "", "labour": p.w.labour.code, "other_district": p.w.other_district.code}[parent]
    login(client, p.district_admin)
    with nothing_written(db):
        response = client.post(f"/admin/units/{p.w.district.id}/edit", data={
            "code": p.w.district.code, "name": p.w.district.name, "kind": "district", "parent_code": code,
            "is_active": "y"})
        assert response.status_code == 422
    assert db.session.get(Unit, p.w.district.id).parent_id == p.w.province.id
    from app import policy

    assert not policy.can_edit_catalog(db.session.get(User, p.district_admin.id))


def test_a_units_import_cannot_move_a_commune_beside_or_make_a_top_level_unit(p, client, db, tmp_path):
    login(client, p.district_admin)
    rows = [(p.commune.code, p.commune.name, "commune", p.w.labour.code, ""),
            (p.w.district.code, p.w.district.name, "district", "", ""),
            ("TINH-MOI", "Tỉnh mới", "province", "", "")]
    with nothing_written(db):
        response = _upload(client, "units", files.write_units(tmp_path / "units.csv", rows))
    assert response.status_code == 422
    page = _text(response)
    assert page.count("Mã đơn vị cấp trên") >= 3
    assert "<td>2</td><td>Mã đơn vị cấp trên</td>" in page and "<td>3</td><td>Mã đơn vị cấp trên</td>" in page


def test_a_district_admin_creates_no_top_level_unit_through_the_form(p, client, db):
    login(client, p.district_admin)
    with nothing_written(db):
        response = client.post("/admin/units/new", data={"code": "GOC", "name": "Đơn vị gốc", "kind": "province",
                                                         "parent_code": "", "is_active": "y"})
        assert response.status_code == 422


def test_the_province_admin_may_still_move_and_create_at_the_top(p, client, db):
    login(client, p.w.admin)
    response = client.post("/admin/units/new", data={"code": "TINH2", "name": "Tỉnh hai", "kind": "province",
                                                     "parent_code": "", "is_active": "y"})
    assert response.status_code == 302
    response = client.post(f"/admin/units/{p.commune.id}/edit", data={
        "code": p.commune.code, "name": p.commune.name, "kind": "commune", "parent_code": p.w.other_district.code,
        "is_active": "y"})
    assert response.status_code == 302
    assert db.session.get(Unit, p.commune.id).parent_id == p.w.other_district.id


# --- 3. Plans assign only their own units ---------------------------------------------------

def _district_plan(p):
    year = 2027
    return plan_ops.create_plan(
        p.district_admin, p.w.district, p.district_office, year=year, number="12", symbol="KH-UBND",
        title=f"Giảm nghèo huyện năm {year}", place="Krông Nô", issued_on=None, legal_bases="", goals="",
        **{f"{k.value}_due_on": default_due_on(k, year)
           for k in (DeliverableKind.SUBPLAN, DeliverableKind.SIX_MONTH, DeliverableKind.ANNUAL)})


def test_a_district_plan_assigns_no_province_department(p, client, db):
    plan = _district_plan(p)
    login(client, p.district_admin)
    form = form_with(_text(client.get(f"/plans/{plan.id}/assign")), "unit_ids")
    offered = set(form["options"]["unit_ids"])
    assert str(p.w.labour.id) not in offered and str(p.w.other_district.id) not in offered
    assert {str(p.commune.id), str(p.district_office.id)} <= offered
    with nothing_written(db):
        response = client.post(f"/plans/{plan.id}/assign", data={"unit_ids": [p.w.labour.id, p.commune.id]})
        assert response.status_code == 422
    from app.errors import Invalid

    with nothing_written(db), pytest.raises(Invalid, match=p.w.labour.name):
        plan_ops.assign_units(p.district_admin, plan, [p.commune, p.w.labour])


def test_a_plan_is_coordinated_from_within_its_issuer(p, db):
    from app.errors import Invalid

    year = 2027
    with nothing_written(db), pytest.raises(Invalid):
        plan_ops.create_plan(
            p.district_admin, p.w.district, p.w.labour, year=year, number="13", symbol="KH-UBND", title="X",
            place="", issued_on=None, legal_bases="", goals="",
            **{f"{k.value}_due_on": default_due_on(k, year)
               for k in (DeliverableKind.SUBPLAN, DeliverableKind.SIX_MONTH, DeliverableKind.ANNUAL)})


# --- 4. Separation of duties ----------------------------------------------------------------

@pytest.fixture
def writer_reviewer(p, db):
    """A reviewer of the coordinating unit who also holds a staff role in the district
    (given by the province admin): legitimate, but they must not decide what they wrote."""
    reviewer = p.w.reviewer
    reviewer.memberships.append(Membership(unit_id=p.w.district.id, role=Role.STAFF))
    db.session.commit()
    doc = p.w.document(DeliverableKind.SIX_MONTH)
    doc_ops.save_content(doc, reviewer, ready(doc, results="Tôi viết."), None)
    doc_ops.transition(doc, p.w.head, Trigger.SUBMIT)
    return reviewer, doc


@pytest.mark.parametrize("move", ["approve", "return"])
def test_whoever_wrote_the_version_cannot_decide_it_page(writer_reviewer, client, db, move):
    reviewer, doc = writer_reviewer
    login(client, reviewer)
    with nothing_written(db):
        response = client.post(f"/documents/{doc.id}/{move}", data={"comment": "Lý do.",
                                                                     "lock_version": doc.lock_version})
        assert response.status_code == 403
        assert "đã soạn nội dung" in _text(response)
    page = _text(client.get(f"/documents/{doc.id}"))
    assert f'/documents/{doc.id}/approve"' not in page


def test_whoever_wrote_the_version_cannot_decide_it_api(p, writer_reviewer, client, db):
    reviewer, doc = writer_reviewer
    secret = create_token(None, reviewer, "kiểm thử")[1]
    client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    with nothing_written(db):
        response = client.post(f"/api/v1/documents/{doc.id}/transitions", json={"trigger": "approve"},
                               headers={"Authorization": f"Bearer {secret}"})
        assert response.status_code == 403
    # Another reviewer decides it.
    doc_ops.transition(doc, p.w.reviewer2, Trigger.APPROVE)
    assert doc.state is DocState.APPROVED


def test_an_admin_reviewer_cannot_give_himself_the_head_role(p, client, db):
    boss = user((Role.ADMIN, p.w.province), (Role.REVIEWER, p.w.labour), name="Quản trị kiêm thẩm định")
    login(client, boss)
    with nothing_written(db):
        response = client.post(f"/admin/users/{boss.id}/roles", data={"unit_id": p.w.district.id, "role": "head"})
        assert response.status_code in (403, 422)


# --- 5. Sessions end when they should -------------------------------------------------------

def _cookie(client, name):
    cookie = client.get_cookie(name)
    return cookie.value if cookie else None


def test_a_session_cookie_copied_before_logout_is_dead_after_it(p, app):
    thief, victim = app.test_client(), app.test_client()
    login(victim, p.w.head)
    thief.set_cookie("session", _cookie(victim, "session"))
    assert thief.get("/").status_code == 200
    victim.post("/logout")
    response = thief.get("/")
    assert response.status_code == 302 and "/login" in response.location


def test_a_password_reset_ends_sessions_remember_me_and_api_tokens(p, app, client, db):
    victim = app.test_client()
    victim.post("/login", data={"email": p.w.head.email, "password": PASSWORD, "remember": "y"})
    session_cookie, remember_cookie = _cookie(victim, "session"), _cookie(victim, "remember_token")
    assert remember_cookie
    secret = create_token(None, p.w.head, "kịch bản")[1]
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 200

    login(client, p.district_admin)
    assert client.post(f"/admin/users/{p.w.head.id}/reset-password").status_code == 302

    old_session, remembered = app.test_client(), app.test_client()
    old_session.set_cookie("session", session_cookie)
    remembered.set_cookie("remember_token", remember_cookie)
    for c in (old_session, remembered):
        response = c.get("/")
        assert response.status_code == 302 and "/login" in response.location
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 401


def test_a_used_set_password_link_stays_dead_after_a_later_reset(p, app, client, db):
    from app.auth.tokens import set_password_url

    login(client, p.w.admin)
    client.post(f"/admin/users/{p.w.head.id}/reset-password")
    first = set_password_url(db.session.get(User, p.w.head.id)).split("/password/")[1]
    stranger = app.test_client()
    response = stranger.post(f"/password/{first}", data={"password": "mat-khau-moi-123", "confirm": "mat-khau-moi-123"})
    assert response.status_code == 302
    assert stranger.get(f"/password/{first}").status_code == 404
    client.post(f"/admin/users/{p.w.head.id}/reset-password")  # a later reset: the password is void again
    assert stranger.get(f"/password/{first}").status_code == 404
    second = set_password_url(db.session.get(User, p.w.head.id)).split("/password/")[1]
    assert stranger.get(f"/password/{second}").status_code == 200


def test_an_unused_link_dies_when_a_newer_one_is_made(p, app, client, db):
    from app.auth.tokens import set_password_url

    login(client, p.w.admin)
    client.post(f"/admin/users/{p.w.head.id}/reset-password")
    first = set_password_url(db.session.get(User, p.w.head.id)).split("/password/")[1]
    client.post(f"/admin/users/{p.w.head.id}/reset-password")
    assert app.test_client().get(f"/password/{first}").status_code == 404


def test_deactivation_still_cuts_everything(p, app, client, db):
    victim = app.test_client()
    victim.post("/login", data={"email": p.w.staff.email, "password": PASSWORD, "remember": "y"})
    secret = create_token(None, p.w.staff, "kịch bản")[1]
    login(client, p.district_admin)
    response = client.post(f"/admin/users/{p.w.staff.id}", data={"full_name": p.w.staff.full_name,
                                                                  "email": p.w.staff.email})
    assert response.status_code == 302 and not db.session.get(User, p.w.staff.id).is_active
    assert victim.get("/").status_code == 302
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 401


def test_old_login_records_are_purged_at_night_recent_ones_kept(p, app, client, db):
    import time_machine

    from app.auth.models import LoginSession
    from app.scheduler import PURGE_JOB, build

    with time_machine.travel(dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.timezone.utc), tick=False):
        login(client, p.w.head)
        client.post("/logout")  # ended in January
    login(client, p.w.staff)  # today, still going (and the province admin's, ended today)
    before = {s.user_id for s in db.session.scalars(db.select(LoginSession))}
    assert p.w.head.id in before and p.w.staff.id in before
    scheduler = build(app)
    job = scheduler.get_job(PURGE_JOB)
    assert job is not None and job.func(*job.args) == 1
    assert {s.user_id for s in db.session.scalars(db.select(LoginSession))} == before - {p.w.head.id}


# --- 6. Login -------------------------------------------------------------------------------

def test_an_unknown_email_costs_one_password_check_like_a_known_one(p, client, monkeypatch):
    import app.auth.models as models

    calls = []
    real = models.check_password_hash
    monkeypatch.setattr(models, "check_password_hash", lambda h, pw: calls.append(h) or real(h, pw))
    client.post("/login", data={"email": p.w.head.email, "password": "sai-mat-khau"})
    client.post("/login", data={"email": "khong-ai@example.org", "password": "sai-mat-khau"})
    assert len(calls) == 2
    method = lambda h: h.split("$")[0]  # noqa: E731
    assert method(calls[0]) == method(calls[1]), "the decoy hash must cost what a real one costs"


def test_one_address_trying_many_emails_is_throttled(throttled_app):
    # The per-email limit set high: only the one across emails can answer.
    client = throttled_app(LOGIN_RATE_LIMIT="100 per minute", LOGIN_RATE_LIMIT_PER_ADDRESS="5 per minute").test_client()
    guesses = [client.post("/login", data={"email": f"nguoi{i}@example.org", "password": "doan-mo"},
                           environ_base={"REMOTE_ADDR": "203.0.113.7"}).status_code for i in range(8)]
    assert guesses[:5] == [200] * 5 and guesses[5:] == [429] * 3
    # Someone else, elsewhere, is not locked out by it.
    other = client.post("/login", data={"email": "khac@example.org", "password": "x"},
                        environ_base={"REMOTE_ADDR": "198.51.100.9"})
    assert other.status_code == 200


def test_authenticated_pages_and_downloads_are_not_stored(p, client, db):
    login(client, p.w.reviewer)
    plan = p.w.plan.id
    for path in ("/review/", f"/plans/{plan}", f"/plans/{plan}/consolidation.docx", f"/plans/{plan}/consolidation.xlsx",
                 "/plans/targets/template.xlsx", f"/documents/{p.w.document().id}"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response.headers.get("Cache-Control", ""), path
    secret = create_token(None, p.w.reviewer, "kịch bản")[1]
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert "no-store" in response.headers["Cache-Control"]


def test_the_remember_me_cookie_is_samesite_lax(p, app):
    response = app.test_client().post("/login", data={"email": p.w.head.email, "password": PASSWORD,
                                                      "remember": "y"})
    cookie = next(v for k, v in response.headers.items() if k == "Set-Cookie" and v.startswith("remember_token="))
    assert "SameSite=Lax" in cookie and "HttpOnly" in cookie
    from config import ProductionConfig

    assert ProductionConfig.REMEMBER_COOKIE_SECURE and ProductionConfig.REMEMBER_COOKIE_SAMESITE == "Lax"


# --- 7. Mail headers ------------------------------------------------------------------------

INJECTED = "Báo cáo\r\nBcc: x@example.org\r\nX-Injected: yes"


def test_a_title_with_line_breaks_is_refused_at_the_form(p, client, db):
    login(client, p.w.admin)
    with nothing_written(db):
        response = client.post(f"/plans/{p.w.plan.id}/adhoc", data={
            "title": INJECTED, "period_start_on": "01/01/2026", "period_end_on": "31/08/2026",
            "due_on": "10/09/2026", "assignment_ids": [p.w.assignment.id]})
        assert response.status_code == 422
        assert "ký tự điều khiển" in _text(response)


def test_no_header_built_from_data_carries_control_characters(p, db, smtp):
    """Even a title stored before the forms refused it (or typed by the operator) cannot
    add headers: the mail received by a real SMTP server has none."""
    from app.outbox.delivery import deliver_pending
    from app.reminders.sweep import sweep

    made = plan_ops.add_adhoc_report(p.w.admin, p.w.plan, INJECTED, dt.date(2026, 9, 10), dt.date(2026, 1, 1),
                                     dt.date(2026, 8, 31), [p.w.assignment])
    made[0].assignment.unit.name = "Huyện Krông Nô\r\nX-Unit: yes"
    db.session.commit()
    at = dt.datetime(2026, 9, 3, 1, 30, tzinfo=dt.timezone.utc)  # 08:30 in Vietnam, 7 days before
    sweep(at)
    deliver_pending(at)
    received = [m for m in smtp.received if "Báo cáo" in m.subject]
    assert received, [m.subject for m in smtp.received]
    for mail in smtp.received:
        names = {k.lower() for k in mail.message.keys()}
        assert not names & {"bcc", "x-injected", "x-unit"}, names
        assert "\n" not in mail.subject and "\r" not in mail.subject
        assert all("x@example.org" not in r for r in mail.rcpt_tos)
    assert "Báo cáo Bcc: x@example.org X-Injected: yes" in received[0].subject


# --- 8. Exports -----------------------------------------------------------------------------

FORMULA = '=HYPERLINK("http://evil.example/";"Huyện Tuy Đức")'


def test_a_unit_name_that_looks_like_a_formula_stays_text_in_xlsx_and_csv(p, client, db):
    p.w.district.name = FORMULA
    plan_ops.set_target(p.w.admin, p.w.plan, p.w.district, households_start=19680, poor_start=851,
                        poor_reduction=180, poor_end=671)
    login(client, p.w.reviewer)
    data = client.get(f"/plans/{p.w.plan.id}/consolidation.xlsx").data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheets = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert "<f>" not in sheets
    ws = load_workbook(io.BytesIO(data)).worksheets[0]
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" for c in cells)
    assert any(c.value.lstrip("' ") == FORMULA for c in cells), [c.value for c in cells]

    text = client.get(f"/plans/{p.w.plan.id}/consolidation.csv").get_data(as_text=True)
    line = next(x for x in text.splitlines() if "HYPERLINK" in x)
    import csv

    cell = next(c for c in next(csv.reader([line])) if "HYPERLINK" in c)
    assert cell[0] not in "=+-@\t\r" and cell.endswith(FORMULA)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_dangerous_first_character_is_neutralised(start):
    from app.exports.cells import csv_text, xlsx_cell

    wb = Workbook()
    cell = xlsx_cell(wb.active, 1, 1, f"{start}1+1 tên")
    assert cell.data_type == "s"
    assert csv_text(f"{start}1+1")[0] not in "=+-@\t\r"
    assert csv_text("Huyện Krông Nô") == "Huyện Krông Nô" and csv_text(-5) == -5


# --- 9. Uploads cannot exhaust a worker -----------------------------------------------------

HEADER = [vi for _k, vi, _e in files.UNIT_COLUMNS]


def test_a_declared_sheet_size_over_the_limit_is_refused_before_reading(p, client, db):
    login(client, p.w.admin)
    data = xlsx_craft.workbook({1: HEADER, 100_000_000: ["XA-XA", "Xã Xa", "commune"]},
                               dimension="A1:E100000000")
    assert len(data) < 5000
    with nothing_written(db):
        response = client.post("/admin/import/units", data={"file": (io.BytesIO(data), "u.xlsx")},
                               content_type="multipart/form-data")
    assert response.status_code == 422 and "100.000.000" in _text(response)


def test_rows_are_counted_as_present_not_as_numbered(app):
    from app.tables import UNIT_COLUMNS, read_rows

    data = xlsx_craft.workbook({1: HEADER, 100_000_000: ["XA-XA", "Xã Xa", "commune"]})
    with app.test_request_context():
        rows = read_rows("u.xlsx", data, UNIT_COLUMNS)
    assert [(r["row"], r["code"]) for r in rows] == [(100_000_000, "XA-XA")]


def test_too_many_rows_present_stop_the_reading(app):
    from app.tables import MAX_ROWS, UNIT_COLUMNS, TableError, read_rows

    data = xlsx_craft.workbook({1: HEADER, **{n: [f"X{n}", "Xã", "commune"] for n in range(2, MAX_ROWS + 3)}})
    with app.test_request_context(), pytest.raises(TableError, match="20.000"):
        read_rows("u.xlsx", data, UNIT_COLUMNS)


def test_a_shared_strings_bomb_is_refused_before_reading(app):
    from app.tables import UNIT_COLUMNS, TableError, read_rows

    data = xlsx_craft.workbook({1: HEADER}, strings_filler=300_000)  # ~300 MB unpacked
    assert len(data) < 2_000_000
    with app.test_request_context(), pytest.raises(TableError, match="quá lớn|too large"):
        read_rows("u.xlsx", data, UNIT_COLUMNS)


def test_a_csv_of_blank_lines_is_read_as_a_stream(app):
    from app.tables import UNIT_COLUMNS, TableError, read_rows

    header = ",".join(vi for _k, vi, _e in UNIT_COLUMNS) + "\n"
    data = (header + "\n" * 5_000_000 + "XA,Xã,commune,,\n").encode()
    with app.test_request_context():
        rows = read_rows("u.csv", data, UNIT_COLUMNS)
    assert [r["row"] for r in rows] == [5_000_002]
    with app.test_request_context(), pytest.raises(TableError):
        read_rows("u.csv", (header + "a" * 200_000 + "\n").encode(), UNIT_COLUMNS)


# --- 10. Bad bytes and failures give proper answers -----------------------------------------

@pytest.mark.parametrize("path", ["/admin/units?q=a%00b", "/admin/users?q=%00", "/admin/outbox/?q=%00"])
def test_a_nul_byte_in_a_search_box_is_a_clear_400(p, client, path):
    login(client, p.w.admin)
    response = client.get(path)
    assert response.status_code == 400 and "ký tự không hợp lệ" in _text(response)


def test_a_nul_byte_in_a_name_or_an_api_comment_is_refused(p, client, db):
    login(client, p.district_admin)
    with nothing_written(db):
        response = client.post(f"/admin/users/{p.w.head.id}", data={"full_name": "Phạm\x00Hùng",
                                                                    "email": p.w.head.email, "is_active": "y"})
        assert response.status_code in (400, 422)
    doc = p.w.document()
    secret = create_token(None, p.w.head, "kịch bản")[1]
    headers = {"Authorization": f"Bearer {secret}"}
    client.get("/api/v1/me", headers=headers)
    with nothing_written(db):
        response = client.post(f"/api/v1/documents/{doc.id}/transitions",
                               json={"trigger": "submit", "comment": "a\x00b"}, headers=headers)
        assert response.status_code in (400, 422) and response.json["error"]["message"]
        deep = "[" * 50_000 + "]" * 50_000
        response = client.post(f"/api/v1/documents/{doc.id}/transitions", data=deep, headers=headers,
                               content_type="application/json")
        assert response.status_code == 400 and response.json["error"]["message"]


# --- 11. The outbox search ------------------------------------------------------------------

def test_the_outbox_search_takes_percent_and_underscore_literally(p, client, db):
    from app.outbox.operations import queue
    from workflows.enums import MailKind

    queue(MailKind.REMINDER, ["a@example.org"], "Đạt 100% kế hoạch", "t", "<p>h</p>", plan=p.w.plan)
    queue(MailKind.REMINDER, ["b@example.org"], "Nhắc hạn thường", "t", "<p>h</p>", plan=p.w.plan)
    queue(MailKind.REMINDER, ["c_d@example.org"], "Thư khác", "t", "<p>h</p>", plan=p.w.plan)
    db.session.commit()
    login(client, p.w.admin)
    page = _text(client.get("/admin/outbox/?q=%25"))
    assert "Đạt 100% kế hoạch" in page and "Nhắc hạn thường" not in page
    page = _text(client.get("/admin/outbox/?q=_"))
    assert "c_d@example.org" in page and "b@example.org" not in page


# --- Found in review: what else an account one level down could do ---------------------------

def test_the_outbox_never_shows_a_set_password_link(p, client, db):
    """A district admin could read, in the outbox, the link the province admin's reset
    mailed to someone the district admin may not manage, and log in as them."""
    login(client, p.w.admin)
    client.post(f"/admin/users/{p.straddler.id}/reset-password")
    client.get("/admin/users")  # the flash that shows the link, in the admin's own browser
    client.post("/logout")
    from app.outbox.models import OutboxMessage
    from workflows.enums import MailKind

    messages = db.session.scalars(db.select(OutboxMessage).where(OutboxMessage.kind == MailKind.ACCOUNT)).all()
    assert messages and all("/password/" in m.body_text for m in messages)
    for who in (p.district_admin, p.w.admin):
        login(client, who)
        for message in messages:
            response = client.get(f"/admin/outbox/{message.id}")
            assert response.status_code in (200, 403)
            assert "/password/" not in _text(response)
        assert "/password/" not in _text(client.get("/admin/outbox/"))
        client.post("/logout")


def test_the_coordinating_units_admin_makes_no_new_plan_of_the_province(p, client, db):
    coordinator_admin = user((Role.ADMIN, p.w.labour), name="Quản trị Sở")
    login(client, coordinator_admin)
    with nothing_written(db):
        assert client.post(f"/plans/{p.w.plan.id}/copy").status_code == 403
    assert client.get(f"/plans/{p.w.plan.id}/edit").status_code == 200  # it still sets up the plan it coordinates


def test_an_observer_beside_reads_no_sibling_documents_a_supervising_partner_does(p, client, db):
    sibling_observer = user((Role.OBSERVER, p.w.other_district), name="HĐND huyện Cư Jút")
    front = unit("Ủy ban MTTQ Việt Nam tỉnh", UnitKind.ORGANISATION, parent=p.w.province)
    plan_ops.assign_units(p.w.admin, p.w.plan, [front], "Giám sát", is_requested=True)
    front_observer = user((Role.OBSERVER, front), name="Giám sát MTTQ")
    district_observer = user((Role.OBSERVER, p.w.district), name="HĐND huyện Krông Nô")
    doc = p.w.document()
    for who, allowed in ((sibling_observer, False), (front_observer, True), (district_observer, True)):
        login(client, who)
        assert client.get(f"/documents/{doc.id}").status_code == (200 if allowed else 403), who.full_name
        assert client.get(f"/plans/{p.w.plan.id}/consolidation").status_code == (
            200 if who is front_observer else 403), who.full_name
        client.post("/logout")


def test_an_admin_does_not_rename_deactivate_or_delete_the_unit_they_were_given(p, client, db, tmp_path):
    login(client, p.district_admin)
    district = p.w.district
    response = client.post(f"/admin/units/{district.id}/edit", data={
        "code": district.code, "name": "Tỉnh Krông Nô", "kind": "province", "parent_code": p.w.province.code,
        "emails": "vanthu@krongno.gov.vn"})  # is_active left out: deactivation
    assert response.status_code in (302, 422)
    db.session.expire_all()
    assert (district.name, district.kind, district.is_active) == ("Huyện Krông Nô", UnitKind.DISTRICT, True)
    assert district.emails == ["vanthu@krongno.gov.vn"]  # its contacts are theirs to keep
    rows = [(district.code, "Tỉnh Krông Nô", "province", p.w.province.code, "vanthu@krongno.gov.vn")]
    with nothing_written(db):
        response = _upload(client, "units", files.write_units(tmp_path / "u.csv", rows))
        assert response.status_code == 422
        assert client.post(f"/admin/units/{district.id}/delete").status_code == 403
    commune_id = p.commune.id
    assert client.post(f"/admin/units/{commune_id}/delete").status_code == 302  # below: theirs to delete
    assert db.session.get(Unit, commune_id) is None
    client.post("/logout")
    login(client, p.w.admin)  # the admin above may
    response = client.post(f"/admin/units/{district.id}/edit", data={
        "code": district.code, "name": "Huyện Krông Nô mới", "kind": "district", "parent_code": p.w.province.code,
        "emails": "", "is_active": "y"})
    assert response.status_code == 302 and db.session.get(Unit, district.id).name == "Huyện Krông Nô mới"


def test_nobody_is_left_without_a_role_for_anyone_to_take(p, client, db):
    login(client, p.district_admin)
    staff = p.w.staff
    with nothing_written(db):
        response = client.post(f"/admin/users/{staff.id}/roles/{staff.memberships[0].id}/remove")
        assert response.status_code == 302
    assert db.session.get(User, staff.id).memberships
    # A role-less account (from before this rule, or the operator's) is nobody's to take over.
    orphan = user(name="Cán bộ cũ")
    assert client.get(f"/admin/users/{orphan.id}").status_code == 403
    assert orphan.email not in _text(client.get("/admin/users"))


def test_a_changed_email_kills_the_links_sent_to_the_old_one(p, app, client, db):
    from app.auth.tokens import set_password_url

    login(client, p.district_admin)
    client.post(f"/admin/users/{p.w.staff.id}/reset-password")
    old_link = set_password_url(db.session.get(User, p.w.staff.id)).split("/password/")[1]
    response = client.post(f"/admin/users/{p.w.staff.id}", data={"full_name": p.w.staff.full_name,
                                                                  "email": "lan.lt@krongno.gov.vn", "is_active": "y"})
    assert response.status_code == 302
    assert app.test_client().get(f"/password/{old_link}").status_code == 404


@pytest.mark.parametrize("path", ["/admin/outbox/?plan=99999999999", "/admin/outbox/upcoming?plan=99999999999",
                                  "/admin/users?page=99999999999999", "/admin/units?page=99999999999999",
                                  "/notifications?page=99999999999999"])
def test_huge_numbers_in_addresses_are_simply_nothing(p, client, path):
    login(client, p.w.admin)
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("budget", [5, True, [{}], [[1]], "x"])
def test_an_api_budget_that_is_not_lines_is_a_422(p, client, db, budget):
    doc = p.w.document(DeliverableKind.SIX_MONTH)
    secret = create_token(None, p.w.head, "kịch bản")[1]
    response = client.put(f"/api/v1/documents/{doc.id}/content", headers={"Authorization": f"Bearer {secret}"},
                          json={"lock_version": doc.lock_version, "content": {"results": "x", "budget": budget}})
    assert response.status_code == 422 and "content.budget" in response.json["error"]["fields"]


def test_an_imported_name_over_255_characters_is_a_row_error(p, client, db, tmp_path):
    login(client, p.district_admin)
    path = files.write_users(tmp_path / "u.csv", [("dai@example.org", "Nguyễn " * 60, p.commune.code, "staff")])
    with nothing_written(db):
        response = _upload(client, "users", path)
    assert response.status_code == 422 and "255" in _text(response)


def test_the_new_user_page_creates_and_never_updates_someone(p, client, db):
    import unicodedata

    login(client, p.district_admin)
    decomposed = unicodedata.normalize("NFD", p.w.staff.email.replace("user", "éuser"))
    p.w.staff.email = unicodedata.normalize("NFC", decomposed)
    db.session.commit()
    with nothing_written(db):
        response = client.post("/admin/users/new", data={"email": decomposed, "full_name": "Tên khác",
                                                         "unit_code": p.commune.code, "role": "head"})
        assert response.status_code == 422


def test_a_unit_code_with_an_underscore_is_not_taken_for_one_with_a_dash(p, client, db):
    login(client, p.w.admin)
    taken = p.w.district.code  # "U3"-like; make one with a dash to collide with
    p.w.district.code = "KRONG-NO"
    db.session.commit()
    response = client.post("/admin/units/new", data={"code": "KRONG_NO", "name": "Đơn vị khác", "kind": "department",
                                                     "parent_code": p.w.province.code, "is_active": "y"})
    assert response.status_code == 302, taken


def test_a_forged_host_header_never_reaches_a_colleagues_mail(p, app, client, db, monkeypatch):
    """With BASE_URL unset, links shown to the requester may follow their address; links in
    mail to others never do: a head submitting with "Host: evil.example" does not point the
    reviewers' mail at that site."""
    from app.outbox.models import OutboxMessage

    monkeypatch.setitem(app.config, "BASE_URL", None)
    monkeypatch.setitem(app.config, "DEFAULT_BASE_URL", "http://127.0.0.1:5000")
    doc = p.w.document(DeliverableKind.SIX_MONTH)
    doc_ops.save_content(doc, p.w.head, ready(doc), None)
    forged = {"base_url": "http://evil.example"}  # every request of this browser says "Host: evil.example"
    assert client.post("/login", data={"email": p.w.head.email, "password": PASSWORD}, **forged).status_code == 302
    response = client.post(f"/documents/{doc.id}/submit", data={"lock_version": doc.lock_version}, **forged)
    assert response.status_code == 302 and doc.state is DocState.SUBMITTED
    mails = db.session.scalars(db.select(OutboxMessage).where(OutboxMessage.deliverable_id == doc.deliverable.id)).all()
    assert mails and all("evil.example" not in m.body_text + m.body_html for m in mails)
    assert any(f"http://127.0.0.1:5000/documents/{doc.id}" in m.body_text for m in mails)
