"""Issue 14, several small points: statutory periods and the plan form's warning, links
that follow the address the app is served on, plural forms and translated pages, the
new-plan form's defaults and dates, the demo's return reasons and years."""
import datetime as dt
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app.auth.tokens import set_password_url
from app.documents.models import Deliverable, Document, TransitionLog
from app.extensions import db
from app.outbox.compose import absolute_url, mail_context, render
from app.plans.models import Assignment, Plan
from app.units.models import Unit
from tests.factories import PASSWORD, login, unit, user
from workflows.enums import DeliverableKind, DocState, Role, Trigger, UnitKind

ROOT = Path(__file__).resolve().parents[2]


def _plan_form(world, **overrides):
    plan = world.plan
    return {"issuing_unit_id": world.province.id, "coordinating_unit_id": world.labour.id, "year": str(plan.year),
            "number": plan.number, "symbol": plan.symbol, "title": plan.title, "place": plan.place,
            "issued_on": "15/02/2026", "legal_bases": "", "goals": "", "asks_subplan": "y", "asks_six_month": "y", "asks_annual": "y", "subplan_due_on": "",
            "six_month_due_on": "", "annual_due_on": "", **overrides}


def _flashes(response):
    return re.findall(r'class="flash flash-(\w+)"[^>]*>(.*?)</', response.get_data(as_text=True), re.S)


# --- A. the statutory period, and the warning on the plan form ---------------------------


def test_reports_cover_the_statutory_period_even_when_the_cut_off_is_a_sunday(world):
    six = world.document(DeliverableKind.SIX_MONTH).deliverable
    annual = world.document(DeliverableKind.ANNUAL).deliverable
    # 14/6/2026 is a Sunday: the period still ends on it, not on Friday 12/6.
    assert (six.period_start_on, six.period_end_on) == (dt.date(2025, 12, 15), dt.date(2026, 6, 14))
    assert (annual.period_start_on, annual.period_end_on) == (dt.date(2025, 12, 15), dt.date(2026, 12, 14))


def test_the_default_due_dates_raise_no_warning(client, world):
    login(client, world.admin)
    page = client.get(f"/plans/{world.plan.id}/edit").get_data(as_text=True)
    assert "due-warning" not in page
    response = client.post(f"/plans/{world.plan.id}/edit", data=_plan_form(world), follow_redirects=True)
    assert [kind for kind, _text in _flashes(response)] == ["success"]


def test_a_due_date_without_a_working_day_after_the_cut_off_is_saved_with_a_warning(client, world):
    login(client, world.admin)
    response = client.post(f"/plans/{world.plan.id}/edit", data=_plan_form(world, six_month_due_on="14/06/2026"))
    assert response.status_code == 302  # a warning, not a refusal
    flashes = _flashes(client.get(response.headers["Location"]))
    warning = next(text for kind, text in flashes if kind == "warning")
    assert "Báo cáo 6 tháng: hạn nộp ngày 14/06/2026" in warning and "đến hết ngày 14/06/2026" in warning
    assert "success" in [kind for kind, _text in flashes]
    six = world.document(DeliverableKind.SIX_MONTH).deliverable
    db.session.refresh(six)
    assert (six.due_on, six.period_end_on) == (dt.date(2026, 6, 14), dt.date(2026, 6, 14))  # the cut-off stands

    # The form shows it next to the field, for as long as the date stays.
    page = client.get(f"/plans/{world.plan.id}/edit").get_data(as_text=True)
    field = page.split('id="six_month_due_on"')[0].rsplit("<input", 1)[1]
    assert 'aria-describedby="warning-six_month_due_on"' in field
    assert re.search(r'id="warning-six_month_due_on"[^>]*>[^<]*Nghị định 09/2019/NĐ-CP', page)
    assert "warning-annual_due_on" not in page


def test_the_warning_shows_while_the_form_is_refused_for_something_else(client, world):
    login(client, world.admin)
    response = client.post(f"/plans/{world.plan.id}/edit",
                           data=_plan_form(world, title="", annual_due_on="12/12/2026"))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="warning-annual_due_on"' in page and "Báo cáo năm: hạn nộp ngày 12/12/2026" in page


def test_a_new_plan_is_warned_about_a_weekend_deadline_after_the_cut_off(client, world, db):
    # 2024: the cut-offs 14/6 and 14/12 are a Friday and a Saturday, the default due dates
    # 15/6 and 15/12 a Saturday and a Sunday: no working day in between.
    login(client, world.admin)
    data = _plan_form(world, year="2024", number="7", title="Kế hoạch 2024", issued_on="")
    response = client.post("/plans/new", data=data)
    assert response.status_code == 302
    warnings = [text for kind, text in _flashes(client.get(response.headers["Location"])) if kind == "warning"]
    assert len(warnings) == 2
    assert "Báo cáo 6 tháng: hạn nộp ngày 15/06/2024" in warnings[0] and "14/06/2024" in warnings[0]
    assert "Báo cáo năm: hạn nộp ngày 15/12/2024" in warnings[1] and "14/12/2024" in warnings[1]
    # Monday 17/6 and 16/12 leave one: the form, shown again, says nothing.
    plan = db.session.scalar(db.select(Plan).where(Plan.year == 2024))
    response = client.post(f"/plans/{plan.id}/edit", data={**data, "six_month_due_on": "17/06/2024",
                                                           "annual_due_on": "16/12/2024"}, follow_redirects=True)
    assert [kind for kind, _text in _flashes(response)] == ["success"]


# --- B. links that leave the app follow the address it is served on -----------------------


@pytest.fixture
def base_url_unset(app, monkeypatch):
    monkeypatch.setitem(app.config, "BASE_URL", None)
    monkeypatch.setitem(app.config, "DEFAULT_BASE_URL", "http://127.0.0.1:8123")
    return app


def _calendar_feed(client, **where):
    client.post("/calendar", **where)
    page = client.get("/calendar", **where).get_data(as_text=True)
    return re.search(r'value="([^"]+\.ics)"', page).group(1)


def test_in_a_request_links_follow_the_address_it_came_to(base_url_unset, client, world):
    here = {"base_url": "http://127.0.0.1:8080"}
    assert client.post("/login", data={"email": world.staff.email, "password": PASSWORD}, **here).status_code == 302
    feed = _calendar_feed(client, **here)
    assert re.fullmatch(r"http://127\.0\.0\.1:8080/calendar/[\w-]+\.ics", feed), feed
    assert client.get(feed.split("8080", 1)[1], **here).status_code == 200  # the link works


def test_an_admins_set_password_link_follows_the_admins_address(base_url_unset, client, world, db):
    here = {"base_url": "http://localhost:8080"}
    assert client.post("/login", data={"email": world.admin.email, "password": PASSWORD}, **here).status_code == 302
    response = client.post("/admin/users/new", data={"email": "moi@krongno.gov.vn", "full_name": "Người Mới",
                                                     "unit_code": world.district.code, "role": "staff"}, **here)
    page = client.get(response.headers["Location"], **here).get_data(as_text=True)
    assert re.search(r"http://localhost:8080/password/[\w.\-]+", page)


def test_behind_a_proxy_links_follow_the_forwarded_address(base_url_unset, database_url, world):
    from app import create_app
    from config import TestingConfig
    from tests.conftest import RequestIsolatedClient

    proxied = create_app(type("Proxied", (TestingConfig,), {
        "SQLALCHEMY_DATABASE_URI": database_url, "PROXY_FIX_X_FOR": 1, "BASE_URL": None}))
    proxied.test_client_class = RequestIsolatedClient
    client = proxied.test_client()
    forwarded = {"headers": {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https",
                             "X-Forwarded-Host": "giamngheo.daknong.gov.vn"}}
    with proxied.app_context():
        assert client.post("/login", data={"email": world.staff.email, "password": PASSWORD},
                           **forwarded).status_code == 302
        feed = _calendar_feed(client, **forwarded)
    assert re.fullmatch(r"https://giamngheo\.daknong\.gov\.vn/calendar/[\w-]+\.ics", feed), feed


def test_outside_a_request_links_use_the_default_address(base_url_unset, app, world):
    assert set_password_url(world.staff).startswith("http://127.0.0.1:8123/password/")
    assert absolute_url("documents.view", document_id=7) == "http://127.0.0.1:8123/documents/7"
    with mail_context():  # the scheduler renders mail in a made-up request: the same address
        assert absolute_url("documents.view", document_id=7) == "http://127.0.0.1:8123/documents/7"


def test_a_configured_base_url_wins_and_may_carry_a_path(app, client, world, monkeypatch):
    monkeypatch.setitem(app.config, "BASE_URL", "https://cong.daknong.gov.vn/giamngheo/")
    expected = "https://cong.daknong.gov.vn/giamngheo/documents/7"
    assert absolute_url("documents.view", document_id=7) == expected
    with mail_context():
        assert absolute_url("documents.view", document_id=7) == expected  # not /giamngheo/giamngheo/
    login(client, world.staff)
    assert _calendar_feed(client).startswith("https://cong.daknong.gov.vn/giamngheo/calendar/")


def test_the_default_address_is_on_the_port_the_app_is_served_on():
    def default(port):
        env = {"PATH": "/usr/bin:/bin", **({"PORT": port} if port is not None else {})}
        return subprocess.run([sys.executable, "-c", "from config import Config; print(Config.BASE_URL, "
                               "Config.DEFAULT_BASE_URL)"], cwd=ROOT, env=env, capture_output=True, text=True,
                              check=True).stdout.split()

    assert default("8080") == ["None", "http://127.0.0.1:8080"]
    assert default(None) == ["None", "http://127.0.0.1:5000"]
    assert default("nonsense") == ["None", "http://127.0.0.1:5000"]


def test_make_demo_passes_its_port_to_the_loader_and_the_server():
    commands = subprocess.run(["make", "-n", "demo", "PORT=8080"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.splitlines()
    assert any("PORT=8080" in c and "flask --app wsgi demo" in c for c in commands)
    assert any("PORT=8080" in c and "flask --app wsgi run" in c and "--port 8080" in c for c in commands)


# --- C. plural forms, the API page and the import help in the UI language -----------------


def test_english_counts_take_the_singular_for_one(app, client, world, monkeypatch):
    from app.reminders.wording import reminder_context
    from app.reminders.queries import reminder_label

    login(client, world.admin)
    client.post("/lang/en")
    page = client.get(f"/plans/{world.plan.id}/reminders")
    text = re.sub(r"\s+", " ", page.get_data(as_text=True))
    assert "an overdue notice 1 day after it, then every 7 days" in text and "1 days" not in text

    extra = unit("Huyện Đắk Mil", UnitKind.DISTRICT, parent=world.province)
    response = client.post(f"/plans/{world.plan.id}/assign", data={"unit_ids": [extra.id], "duties": "x"},
                           follow_redirects=True)
    assert "1 unit assigned; it now owes the documents chosen." in response.get_data(as_text=True)

    with app.test_request_context():
        from flask_babel import force_locale

        with force_locale("en"):
            assert reminder_label("overdue-1") == "overdue notice, 1 day after the due date"
            assert reminder_label("before-1") == "1 day before"
            assert reminder_label("before-3") == "3 days before"
    monkeypatch.setitem(app.config, "BABEL_DEFAULT_LOCALE", "en")  # mail in English
    subplan = world.document(DeliverableKind.SUBPLAN).deliverable
    day_before = subplan.due_on - dt.timedelta(days=1)
    context = reminder_context(subplan, "before-1", day_before, day_before)
    assert context["subject"] == "Reminder: Sub-plan due 31/03/2026 (1 day left)"
    assert "is due on 31/03/2026: 1 day left." in render("reminder", **context)[0]
    day_after = subplan.due_on + dt.timedelta(days=1)
    assert reminder_context(subplan, "overdue-1", day_after, day_after)["subject"] == (
        "Overdue by 1 day: Sub-plan (due 31/03/2026)")


def test_the_api_page_follows_the_interface_language(client, world):
    page = client.get("/api/v1/docs").get_data(as_text=True)
    assert "Các Kế hoạch người dùng được xem" in page and "Plans the user can see" not in page
    assert "Thiếu khóa hoặc khóa không hợp lệ" in page  # a 401's description, in the badge's title
    assert "&lt;mã kiểm tra&gt;" in page  # the Content schema's text, translated and escaped
    spec = client.get("/api/v1/openapi.json").get_json()  # the document itself stays English
    assert spec["paths"]["/plans"]["get"]["summary"] == "Plans the user can see"
    client.post("/lang/en")
    english = client.get("/api/v1/docs").get_data(as_text=True)
    assert "Plans the user can see" in english and "&lt;check code&gt;" in english


def test_the_import_help_names_kinds_and_roles_in_the_interface_language(client, world):
    login(client, world.admin)
    units = client.get("/admin/import/units").get_data(as_text=True)
    assert "«Tỉnh», «Sở, ngành», «Huyện», «Xã», «Tổ chức, đoàn thể»" in units
    assert "province" not in units and "organisation" not in units
    users = client.get("/admin/import/users").get_data(as_text=True)
    assert "«Cán bộ đơn vị», «Thủ trưởng đơn vị»" in users and "reviewer" not in users
    client.post("/lang/en")
    english = client.get("/admin/import/units").get_data(as_text=True)
    assert "«Province», «Department», «District», «Commune», «Organisation»" in english


def test_the_import_accepts_the_kinds_the_help_names(client, world, db):
    login(client, world.admin)
    csv = f"Mã đơn vị,Tên đơn vị,Loại,Mã đơn vị cấp trên,Email liên hệ\nXA-MOI,Xã Mới,Xã,{world.district.code},\n"
    response = client.post("/admin/import/units", data={"file": (io.BytesIO(csv.encode()), "u.csv")},
                           content_type="multipart/form-data")
    assert response.status_code in (200, 302), response.get_data(as_text=True)
    assert db.session.scalar(db.select(Unit.kind).where(Unit.code == "XA-MOI")) is UnitKind.COMMUNE


# --- D. the new-plan form --------------------------------------------------------------


def _selected(page, name):
    select = page.split(f'name="{name}"', 1)[1].split("</select>", 1)[0]
    return re.search(r'<option selected value="(\d+)"|<option value="(\d+)" selected', select)


def test_a_new_plan_is_issued_by_the_admins_own_unit_by_default(client, world):
    # Communes sort first by kind; the province admin's own unit is still the default.
    unit("Xã Nâm Nung", UnitKind.COMMUNE, parent=world.district)
    login(client, world.admin)
    page = client.get("/plans/new").get_data(as_text=True)
    chosen = _selected(page, "issuing_unit_id")
    assert chosen and int(chosen.group(1) or chosen.group(2)) == world.province.id


def test_a_district_admins_new_plan_is_issued_by_the_district(client, world):
    district_admin = user((Role.ADMIN, world.district))
    unit("Xã Đắk Sôr", UnitKind.COMMUNE, parent=world.district)
    login(client, district_admin)
    chosen = _selected(client.get("/plans/new").get_data(as_text=True), "issuing_unit_id")
    assert chosen and int(chosen.group(1) or chosen.group(2)) == world.district.id


def test_plan_dates_are_typed_and_shown_as_dd_mm_yyyy_whatever_the_browser(client, world):
    login(client, world.admin)
    page = client.get(f"/plans/{world.plan.id}/edit").get_data(as_text=True)
    assert 'type="date"' not in page
    for name, shown in (("issued_on", "15/02/2026"), ("six_month_due_on", "15/06/2026"),
                        ("annual_due_on", "15/12/2026")):
        tag = re.search(rf'<input[^>]*id="{name}"[^>]*>', page).group(0)
        assert 'type="text"' in tag and f'value="{shown}"' in tag, tag
    new = client.get("/plans/new").get_data(as_text=True)
    assert re.search(r'<input[^>]*id="issued_on"[^>]*placeholder="dd/mm/yyyy"', new)
    adhoc = client.get(f"/plans/{world.plan.id}/adhoc").get_data(as_text=True)
    assert 'type="date"' not in adhoc and 'placeholder="dd/mm/yyyy"' in adhoc


# --- E. the demo ------------------------------------------------------------------------


def test_the_demos_return_reasons_fit_their_documents_and_its_duties_say_its_year(app, db):
    from app.clock import today

    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    year = today().year
    returns = db.session.execute(
        db.select(Deliverable.kind, Unit.code, TransitionLog.comment).select_from(TransitionLog)
        .join(Document, TransitionLog.document_id == Document.id).join(Deliverable, Document.deliverable)
        .join(Assignment, Deliverable.assignment).join(Unit, Assignment.unit)
        .where(TransitionLog.trigger == Trigger.RETURN)).all()
    assert returns
    for kind, code, comment in returns:
        if kind is DeliverableKind.SUBPLAN:
            assert comment.startswith(("Kế hoạch", "Chỉ tiêu")), (code, comment)
        else:
            assert comment.startswith("Báo cáo") and "Kế hoạch của đơn vị" not in comment, (kind, code, comment)
        # The districts whose sub-plans set themselves less than the plan's row: Đắk R'Lấp, Ninh Hải.
        assert ("Chỉ tiêu giảm hộ nghèo" in comment) == (code in ("DAK-RLAP", "NINH-HAI")), (code, comment)

    # Đắk R'Lấp's sub-plan was returned because its targets do not match the plan's: they do not.
    rlap = db.session.scalar(db.select(Assignment).join(Assignment.unit).where(Unit.code == "DAK-RLAP"))
    subplan = next(d for d in rlap.deliverables if d.kind is DeliverableKind.SUBPLAN)
    typed = subplan.document.current_version.content["target"]["poor_reduction"]
    planned = next(t for t in rlap.plan.targets if t.unit_id == rlap.unit_id).poor_reduction
    assert subplan.document.state is DocState.RETURNED and typed < planned
    reason = next(c for k, code, c in returns if code == "DAK-RLAP" and k is DeliverableKind.SUBPLAN)
    assert f"({typed} hộ)" in reason and f"({planned} hộ)" in reason

    plan = db.session.scalar(db.select(Plan).where(Plan.place == "Đắk Nông"))
    for assignment in plan.assignments:
        assert "2023" not in assignment.duties.replace("2023-2025", ""), assignment.unit.code
    districts = [a for a in plan.assignments if a.unit.kind is UnitKind.DISTRICT]
    assert all(f"cuối năm {year} báo cáo" in a.duties for a in districts)
    assert f"cuối năm {year}" in plan.goals and f"cuối năm {year - 1}, toàn tỉnh có 13.342" in plan.goals
