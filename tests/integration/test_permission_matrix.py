"""Every route × role × own/other unit × document state, pages and API alike.

The expectations below are written by hand from the product's rules, not read from
``app.policy``: the test checks that the one policy, as the routes and the API apply it,
gives each person exactly the access the rules say. A route the application has and this
table does not know fails the suite (``test_every_route_has_a_rule``).

Outcomes: ``ok`` (the action or page is allowed: 2xx, a redirect elsewhere than the login,
or a validation answer 400/422), ``denied`` (403, or 404 for another user's private
things), ``login`` (anonymous: sent to the login page, or 401 from the API), ``stale``
(409: allowed to this person, but not in this state).
"""
import datetime as dt
from dataclasses import dataclass, field

import pytest

from app.api.operations import create_token
from app.budget.models import BudgetItem
from app.documents import operations as doc_ops
from app.notifications.models import Notification
from app.outbox.operations import queue
from app.plans import operations as plan_ops
from app.plans import schedule as plan_schedule
from app.plans.indicators import add_indicator
from tests.factories import PASSWORD, World, ready
from tests.factories import user as user_factory
from workflows.enums import DeliverableKind, Direction, IndicatorKind, MailKind, MeasureUnit, Trigger

ACTORS = ("anonymous", "outsider", "staff", "head", "other_head", "observer", "reviewer", "admin")
EVERYONE = frozenset(ACTORS) - {"anonymous"}
PARTIES = frozenset({"staff", "head", "other_head", "observer", "reviewer", "admin"})  # see the plan
READ_ALL = frozenset({"observer", "reviewer", "admin"})  # every document of the plan
OWN_READERS = frozenset({"staff", "head"}) | READ_ALL  # the district's documents
ADMINS = frozenset({"admin"})
STATES = ("draft", "submitted", "returned", "approved")


@dataclass
class Rule:
    method: str
    path: str  #: with {placeholders} filled from the world
    allowed: frozenset | dict  #: actors, or {state: actors}
    data: dict = field(default_factory=dict)
    public: bool = False  #: no login needed (token in the URL, login page...)
    to_login: bool = False  #: its success is a redirect to the login page (logging out)
    stale: dict = field(default_factory=dict)  #: {state: actors who get 409}


def r(method, path, allowed, **kw):
    return Rule(method, path, frozenset(allowed) if not isinstance(allowed, dict) else allowed, **kw)


EDITORS = {"draft": {"staff", "head"}, "returned": {"staff", "head"}, "submitted": set(), "approved": set()}
SUBMIT_STATES, DECIDE_STATES = {"draft", "returned"}, {"submitted"}


def moves(trigger, movers, legal):
    return r("POST", "/documents/{doc}/" + trigger, {s: movers if s in legal else set() for s in STATES},
             data={"comment": "Lý do.", "lock_version": "{lock}"},
             stale={s: movers for s in STATES if s not in legal})


RULES = {
    # pages
    "todo.index": r("GET", "/", EVERYONE),
    "plans.index": r("GET", "/plans/", EVERYONE),
    "plans.create": r("GET", "/plans/new", ADMINS),
    "plans.overview": r("GET", "/plans/{plan}", PARTIES),
    "plans.edit": r("GET", "/plans/{plan}/edit", ADMINS),
    "plans.assign": r("GET", "/plans/{plan}/assign", ADMINS),
    "plans.owes": r("GET", "/plans/{plan}/assignments/{assignment}/owes", ADMINS),
    "plans.adhoc": r("GET", "/plans/{plan}/adhoc", ADMINS),
    "plans.publish": r("POST", "/plans/{plan}/publish", ADMINS),
    "plans.copy": r("POST", "/plans/{plan}/copy", ADMINS),
    "plans.budget": r("GET", "/plans/{plan}/budget", ADMINS),
    "reminders.plan_policy": r("GET", "/plans/{plan}/reminders", PARTIES),
    "plans.indicators.index": r("GET", "/plans/{plan}/indicators/", PARTIES),
    "plans.indicators.new": r("GET", "/plans/{plan}/indicators/new", ADMINS),
    "plans.indicators.edit": r("GET", "/plans/{plan}/indicators/{indicator}/edit", ADMINS),
    "plans.indicators.reporters": r("GET", "/plans/{plan}/indicators/{indicator}/units", ADMINS),
    "plans.indicators.delete": r("POST", "/plans/{plan}/indicators/{indicator}/delete", ADMINS),
    "plans.import_targets": r("GET", "/plans/{plan}/targets/import", {"reviewer", "admin"}),
    "plans.targets_template": r("GET", "/plans/targets/template.xlsx", EVERYONE),
    "plans.plan_targets_template": r("GET", "/plans/{plan}/targets/template.xlsx", {"reviewer", "admin"}),
    "figures.consolidation": r("GET", "/plans/{plan}/consolidation", READ_ALL),
    "figures.dashboard": r("GET", "/plans/{plan}/dashboard", READ_ALL),
    "figures.rollup": r("GET", "/rollup", READ_ALL),
    "health.healthz": r("GET", "/healthz", set(ACTORS), public=True),
    "figures.export": r("GET", "/plans/{plan}/consolidation.docx", READ_ALL),
    "figures.export_plan_budget": r("GET", "/plans/{plan}/consolidation/budget.csv", READ_ALL),
    "documents.view": r("GET", "/documents/{doc}", {s: OWN_READERS for s in STATES}),
    "documents.version": r("GET", "/documents/{doc}/versions/1", {s: OWN_READERS for s in STATES}),
    "documents.edit": r("POST", "/documents/{doc}/edit", EDITORS, data={"lock_version": "{lock}", "tasks": "x",
                                                                        "results": "x"}),
    "documents.move": moves("submit", {"head"}, SUBMIT_STATES),
    # The page before submitting: the head (in a state that can be submitted; 409 otherwise).
    "documents.confirm_submit": r("GET", "/documents/{doc}/submit",
                                  {s: {"head"} if s in SUBMIT_STATES else set() for s in STATES},
                                  stale={s: {"head"} for s in STATES if s not in SUBMIT_STATES}),
    "review.queue": r("GET", "/review/", {"reviewer"}),
    "review.approve_many": r("POST", "/review/approve", {"reviewer"}, data={"doc": "{doc}:{lock}"}),
    "admin.units": r("GET", "/admin/units", ADMINS),
    "admin.unit_new": r("GET", "/admin/units/new", ADMINS),
    "admin.unit_edit": r("GET", "/admin/units/{district}/edit", ADMINS),
    "admin.unit_delete": r("POST", "/admin/units/{empty_unit}/delete", ADMINS),
    "admin.users": r("GET", "/admin/users", ADMINS),
    "admin.user_new": r("GET", "/admin/users/new", ADMINS),
    "admin.user_edit": r("GET", "/admin/users/{head_id}", ADMINS),
    "admin.user_add_role": r("POST", "/admin/users/{head_id}/roles", ADMINS, data={"unit_id": "{district}",
                                                                                  "role": "observer"}),
    "admin.user_remove_role": r("POST", "/admin/users/{staff_id}/roles/{staff_membership}/remove", ADMINS),
    "admin.user_reset_password": r("POST", "/admin/users/{head_id}/reset-password", ADMINS),
    "admin.import_file": r("GET", "/admin/import/units", ADMINS),
    "admin.download_template": r("GET", "/admin/templates/units.xlsx", ADMINS),
    "budget.index": r("GET", "/admin/catalog/", ADMINS),
    "budget.edit": r("GET", "/admin/catalog/{item}", ADMINS),
    "budget.programme": r("GET", "/admin/catalog/programmes/{programme}", ADMINS),
    "budget.programme_edit": r("GET", "/admin/catalog/programmes/{programme}/edit", ADMINS),
    "outbox.index": r("GET", "/admin/outbox/", ADMINS),
    "outbox.upcoming": r("GET", "/admin/outbox/upcoming", ADMINS),
    "outbox.show": r("GET", "/admin/outbox/{message}", ADMINS),
    "outbox.retry": r("POST", "/admin/outbox/{message}/retry", ADMINS),
    "audit.index": r("GET", "/admin/audit/", ADMINS),
    "notifications.index": r("GET", "/notifications", EVERYONE),
    "notifications.open_one": r("POST", "/notifications/{notification}/open", {"head"}),
    "notifications.read_all": r("POST", "/notifications/read-all", EVERYONE),
    "notifications.digest": r("POST", "/notifications/digest", {"reviewer"}, data={"wants_digest": "y"}),
    "notifications.calendar_settings": r("GET", "/calendar", EVERYONE),
    "notifications.calendar_feed": r("GET", "/calendar/{calendar}.ics", EVERYONE | {"anonymous"}, public=True),
    "account.index": r("GET", "/account/", EVERYONE),
    "account.change_password": r("POST", "/account/password", EVERYONE, data={"current_password": "sai"}),
    "account.tokens": r("GET", "/account/tokens", EVERYONE),
    "account.revoke_token": r("POST", "/account/tokens/{token_id}/revoke", {"head"}),
    "auth.login": r("GET", "/login", EVERYONE | {"anonymous"}, public=True),
    "auth.logout": r("POST", "/logout", EVERYONE, to_login=True),
    "auth.set_language": r("POST", "/lang/en", EVERYONE | {"anonymous"}, public=True),
    "auth.set_password": r("GET", "/password/{password_token}", EVERYONE | {"anonymous"}, public=True),
    "auth.forgot_password": r("GET", "/forgot-password", EVERYONE | {"anonymous"}, public=True),
    # API: the token's user
    "api.me": r("GET", "/api/v1/me", EVERYONE),
    "api.units": r("GET", "/api/v1/units", EVERYONE),
    "api.unit": r("GET", "/api/v1/units/{district}", {"staff", "head", "admin"}),
    "api.budget_catalog": r("GET", "/api/v1/catalog", EVERYONE),
    "api.programme_list": r("GET", "/api/v1/programmes", EVERYONE),
    "api.plans": r("GET", "/api/v1/plans", EVERYONE),
    "api.plan": r("GET", "/api/v1/plans/{plan}", PARTIES),
    "api.deliverables": r("GET", "/api/v1/plans/{plan}/deliverables", PARTIES),
    "api.consolidation": r("GET", "/api/v1/plans/{plan}/consolidation", READ_ALL),
    # Read by the plan's parties (GET, tested with the plan's budget); changed by its administrators.
    "api.plan_budget_lines": r("PUT", "/api/v1/plans/{plan}/budget", ADMINS, data={"lines": {}}),
    "api.plan_completeness": r("GET", "/api/v1/plans/{plan}/completeness", READ_ALL),
    "api.document": r("GET", "/api/v1/documents/{doc}", {s: OWN_READERS for s in STATES}),
    "api.history": r("GET", "/api/v1/documents/{doc}/history", {s: OWN_READERS for s in STATES}),
    "api.put_content": r("PUT", "/api/v1/documents/{doc}/content", EDITORS,
                         data={"lock_version": "{lock}", "content": {"tasks": "x", "results": "x"}}),
    "api.transition": r("POST", "/api/v1/documents/{doc}/transitions",
                        {s: {"head"} if s in SUBMIT_STATES else set() for s in STATES},
                        data={"trigger": "submit", "lock_version": "{lock}"},
                        stale={s: {"head"} for s in STATES if s not in SUBMIT_STATES}),
    # API: setting plans, units and users up, as the pages do (ids in JSON are numbers)
    "api.create_plan": r("POST", "/api/v1/plans", ADMINS, data={
        "issuing_unit_id": "{province}", "coordinating_unit_id": "{labour}", "year": 2032, "title": "Kế hoạch"}),
    "api.update_plan": r("PATCH", "/api/v1/plans/{plan}", ADMINS, data={"title": "Kế hoạch (sửa)"}),
    "api.plan_targets": r("GET", "/api/v1/plans/{plan}/targets", PARTIES),
    "api.put_targets": r("PUT", "/api/v1/plans/{plan}/targets", {"reviewer", "admin"}, data={"rows": [
        {"unit": "{district_code}", "households_start": 1000, "poor_start": 100, "poor_reduction": 10}]}),
    "api.assign_units": r("POST", "/api/v1/plans/{plan}/assignments", ADMINS, data={"unit_ids": ["{labour}"]}),
    "api.plan_indicators": r("POST", "/api/v1/plans/{plan}/indicators", ADMINS, data={
        "code": "MO_HINH", "name": "Mô hình giảm nghèo", "unit": "models", "target": 10}),
    "api.plan_indicator": r("PATCH", "/api/v1/plans/{plan}/indicators/{indicator}", ADMINS, data={"target": 250}),
    "api.plan_indicator_units": r("PUT", "/api/v1/plans/{plan}/indicators/{indicator}/units", ADMINS, data={
        "units": [{"unit": "{district_code}", "target": 120}]}),
    "api.set_owed": r("PUT", "/api/v1/plans/{plan}/assignments/{assignment}/owes", ADMINS,
                      data={"item_ids": ["subplan", "six_month", "annual"]}),
    "api.ask_adhoc_report": r("POST", "/api/v1/plans/{plan}/adhoc-reports", ADMINS, data={
        "title": "Tháng 8", "period_start_on": "2031-01-01", "period_end_on": "2031-08-31", "due_on": "2031-09-05",
        "unit_ids": ["{district}"]}),
    "api.issue_plan": r("POST", "/api/v1/plans/{plan}/issue", ADMINS),
    "api.copy_plan": r("POST", "/api/v1/plans/{plan}/copy", ADMINS),
    "api.reminder_policy": r("GET", "/api/v1/plans/{plan}/reminder-policy", PARTIES),
    "api.put_reminder_policy": r("PUT", "/api/v1/plans/{plan}/reminder-policy", ADMINS, data={"send_hour": 6}),
    "api.create_unit": r("POST", "/api/v1/units", ADMINS, data={"code": "XA-MOI", "name": "Xã Mới", "kind": "commune",
                                                                "parent_code": "{district_code}"}),
    "api.update_unit": r("PATCH", "/api/v1/units/{district}", ADMINS, data={"emails": ["huyen@example.org"]}),
    "api.create_user": r("POST", "/api/v1/users", ADMINS, data={"email": "moi.api@example.org", "full_name": "Mới",
                                                                "roles": [{"unit": "{district}", "role": "staff"}]}),
    # The programmes and their catalog: the top-level unit's administrators (the province's here).
    "api.create_programme": r("POST", "/api/v1/programmes", ADMINS, data={
        "code": "GNBV-2036-2040", "name": "Giai đoạn sau", "start_year": 2036, "end_year": 2040}),
    "api.update_programme": r("PATCH", "/api/v1/programmes/{programme}", ADMINS, data={"decision": "QĐ 90/QĐ-TTg"}),
    "api.add_programme_item": r("POST", "/api/v1/programmes/{programme}/items", ADMINS, data={
        "code": "DA3.TDA9", "name": "Tiểu dự án mới", "parent": "DA3"}),
    "api.update_catalog_item": r("PATCH", "/api/v1/catalog/{item}", ADMINS, data={"name": "Sản xuất, dinh dưỡng"}),
    "api.openapi": r("GET", "/api/v1/openapi.json", EVERYONE | {"anonymous"}, public=True),
    "api.docs": r("GET", "/api/v1/docs", EVERYONE | {"anonymous"}, public=True),
}
#: The other workflow moves, on the same route as submit.
MOVES = {
    "withdraw": moves("withdraw", {"head"}, {"submitted"}),
    "approve": moves("approve", {"reviewer"}, DECIDE_STATES),
    "return": moves("return", {"reviewer"}, DECIDE_STATES),
    "reopen": moves("reopen", {"reviewer"}, {"approved"}),
}


def test_every_route_has_a_rule(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint != "static"}
    assert endpoints - set(RULES) == set(), "routes without a rule in the permission matrix"
    assert set(RULES) - endpoints == set(), "rules for routes that no longer exist"


class Place:
    """The world the matrix runs in: a plan, the district's documents in every state."""

    def __init__(self, db):
        self.world = w = World(year=2031)
        self.docs = {}
        kinds = {"draft": DeliverableKind.SUBPLAN, "submitted": DeliverableKind.SIX_MONTH,
                 "returned": DeliverableKind.ANNUAL}
        for state, kind in kinds.items():
            self.docs[state] = w.document(kind)
        plan_ops.add_adhoc_report(w.admin, w.plan, "Báo cáo nhanh", dt.date(2031, 9, 30), dt.date(2031, 1, 1),
                                  dt.date(2031, 8, 31), [w.assignment])
        self.docs["approved"] = next(d for d in w.assignment.deliverables if d.kind is DeliverableKind.ADHOC).document
        for state in ("submitted", "returned", "approved"):
            doc = self.docs[state]
            doc_ops.save_content(doc, w.head, ready(doc), None)
            doc_ops.transition(doc, w.head, Trigger.SUBMIT)
            if state == "returned":
                doc_ops.transition(doc, w.reviewer, Trigger.RETURN, "Bổ sung.")
            if state == "approved":
                doc_ops.transition(doc, w.reviewer, Trigger.APPROVE)
        from tests.factories import unit

        self.empty_unit = unit("Xã Trống", parent=w.district)
        notification = Notification(user_id=w.head.id, kind="returned", deliverable_id=self.docs["returned"]
                                    .deliverable.id, data={}, created_at=dt.datetime.now(dt.timezone.utc))
        db.session.add(notification)
        message = queue(MailKind.REMINDER, ["a@example.org"], "Nhắc hạn", "text", "<p>html</p>", plan=w.plan)
        db.session.commit()
        self.notification, self.message = notification.id, message.id
        from app.notifications.operations import new_calendar_token

        self.calendar = new_calendar_token(w.head)
        self.token_id = create_token(None, w.head, "matrix")[0].id
        from app.auth.tokens import make_token

        newcomer = user_factory(email="moi@example.org")
        newcomer.password_hash = None
        db.session.commit()
        self.password_token = make_token(newcomer)
        self.item = db.session.scalar(db.select(BudgetItem.id).where(BudgetItem.code == "DA3"))
        self.programme = w.plan.programme_id
        self.indicator = add_indicator(w.admin, w.plan, code="NHA_O", name="Nhà ở cho hộ nghèo",
                                       unit=MeasureUnit.HOUSES, kind=IndicatorKind.COUNT,
                                       direction=Direction.AT_LEAST, target=200).id
        db.session.commit()
        self.users = {name: getattr(w, name) for name in ACTORS if name != "anonymous"}
        self.tokens = {name: create_token(None, u, "matrix")[1] for name, u in self.users.items()}

    def fill(self, text, state):
        w, doc = self.world, self.docs.get(state) if state else None
        staff_membership = w.staff.memberships[0].id
        values = {"plan": w.plan.id, "assignment": w.assignment.id, "district": w.district.id, "empty_unit": self.empty_unit.id,
                  "head_id": w.head.id, "staff_id": w.staff.id, "staff_membership": staff_membership,
                  "item": self.item, "programme": self.programme, "indicator": self.indicator,
                  "message": self.message, "notification": self.notification,
                  "calendar": self.calendar, "token_id": self.token_id, "password_token": self.password_token,
                  "doc": doc.id if doc else "", "lock": doc.lock_version if doc else "",
                  "province": w.province.id, "labour": w.labour.id, "district_code": w.district.code}
        return fill(text, values)


def fill(text, values):
    """``text`` with its {placeholders} filled; one that is a whole value and an id stays an
    integer (in JSON; a form sends it as text anyway). Dicts and lists are filled through."""
    if isinstance(text, str):
        whole = text[1:-1] if text.startswith("{") and text.endswith("}") and text.count("{") == 1 else None
        if whole in values and isinstance(values[whole], int):
            return values[whole]
        return text.format(**values)
    if isinstance(text, dict):
        return {k: fill(v, values) for k, v in text.items()}
    if isinstance(text, list):
        return [fill(v, values) for v in text]
    return text


def outcome(response, rule, actor):
    if rule.to_login and actor != "anonymous" and response.status_code == 302:
        return "ok"
    if response.status_code == 401 or (response.status_code == 302 and "/login" in response.location):
        return "login"
    if response.status_code in (403, 404):
        return "denied"
    if response.status_code == 409:
        return "stale"
    assert response.status_code < 500, response.get_data(as_text=True)[:2000]
    return "ok"


def expected(rule, actor, state):
    if actor == "anonymous" and not rule.public:
        return "login"
    allowed = rule.allowed[state] if isinstance(rule.allowed, dict) else rule.allowed
    if actor in allowed:
        return "ok"
    if actor in rule.stale.get(state, ()):
        return "stale"
    return "denied"


def cases():
    for endpoint, rule in {**RULES, **{f"documents.move:{t}": m for t, m in MOVES.items()}}.items():
        states = STATES if isinstance(rule.allowed, dict) else (None,)
        for state in states:
            yield pytest.param(endpoint, rule, state, id=f"{endpoint}-{state}" if state else endpoint)


@pytest.mark.parametrize("endpoint, rule, state", list(cases()))
def test_the_matrix(endpoint, rule, state, client, db):
    place = Place(db)
    api = rule.path.startswith("/api/")
    # Those denied first, then those allowed: an allowed change (an approval) then cannot
    # turn a later person's refusal into a mere "stale" answer.
    order = sorted(ACTORS, key=lambda a: expected(rule, a, state) in ("ok", "stale"))
    results = {}
    for actor in order:
        client.post("/logout")
        headers = {}
        if actor != "anonymous":
            if api:
                headers["Authorization"] = f"Bearer {place.tokens[actor]}"
            else:
                response = client.post("/login", data={"email": place.users[actor].email, "password": PASSWORD})
                assert response.status_code == 302
        path, data = place.fill(rule.path, state), place.fill(rule.data, state)
        if api:
            response = client.open(path, method=rule.method, json=data or None, headers=headers)
        else:
            response = client.open(path, method=rule.method, data=data or None)
        results[actor] = (outcome(response, rule, actor), expected(rule, actor, state), response.status_code)
    wrong = {a: got for a, got in results.items() if got[0] != got[1]}
    assert wrong == {}, f"{endpoint} [{state}]: (got, expected, status) {wrong}"


# --- Levels: the same action by someone above, at, beside or below the target's unit ---------
#
# The target sits at a district (Krông Nô): its staff member, the district itself, the
# district's own plan and its document. The actor holds the same role one level up (the
# province), at the district, at the sibling district, or one level down (a commune of the
# district). Written by hand from the rules: administrators act on what lies within their
# units; a role beside or below the target gives nothing over it.

LEVELS = ("above", "same", "beside", "below")
ABOVE_AND_SAME = {"above", "same"}


@dataclass
class LevelRule:
    role: str  #: the role every actor holds, at their level
    method: str
    path: str
    allowed: set  #: levels allowed ("ok"); the others are denied (403/404)
    data: dict = field(default_factory=dict)
    refused_as: str = "denied"  #: how the others are refused: "denied" or "invalid" (422)


LEVEL_RULES = {
    "user page": LevelRule("admin", "GET", "/admin/users/{staff}", ABOVE_AND_SAME),
    "user rename": LevelRule("admin", "POST", "/admin/users/{staff}", ABOVE_AND_SAME,
                             {"full_name": "Tên mới", "email": "{staff_email}", "is_active": "y"}),
    "user deactivate": LevelRule("admin", "POST", "/admin/users/{staff}", ABOVE_AND_SAME,
                                 {"full_name": "Lê Thị Lan", "email": "{staff_email}"}),
    "password reset": LevelRule("admin", "POST", "/admin/users/{staff}/reset-password", ABOVE_AND_SAME),
    "role added": LevelRule("admin", "POST", "/admin/users/{staff}/roles", ABOVE_AND_SAME,
                            {"unit_id": "{commune}", "role": "observer"}),
    "role removed": LevelRule("admin", "POST", "/admin/users/{staff}/roles/{staff_membership}/remove",
                              ABOVE_AND_SAME),
    "unit page": LevelRule("admin", "GET", "/admin/units/{district}/edit", ABOVE_AND_SAME),
    # Moving the district under its sibling: only from above, where both lie.
    "unit moved": LevelRule("admin", "POST", "/admin/units/{district}/edit", {"above"},
                            {"code": "{district_code}", "name": "Huyện Krông Nô", "kind": "district",
                             "parent_code": "{other_district_code}", "is_active": "y"}, refused_as="denied|invalid"),
    "unit detached": LevelRule("admin", "POST", "/admin/units/{district}/edit", {"above"},
                               {"code": "{district_code}", "name": "Huyện Krông Nô", "kind": "district",
                                "parent_code": "", "is_active": "y"}, refused_as="denied|invalid"),
    "plan set-up": LevelRule("admin", "GET", "/plans/{district_plan}/edit", ABOVE_AND_SAME),
    "plan assigns a commune": LevelRule("admin", "POST", "/plans/{district_plan}/assign", ABOVE_AND_SAME,
                                        {"unit_ids": "{commune}"}),
    # A unit outside the plan's issuer is refused to everyone, however high.
    "plan assigns a province department": LevelRule("admin", "POST", "/plans/{district_plan}/assign", set(),
                                                    {"unit_ids": "{labour}"}, refused_as="denied|invalid"),
    "api unit": LevelRule("admin", "API", "/api/v1/units/{district}", ABOVE_AND_SAME),
    # The API sets plans, units and users up with the pages' rules: a plan of the province is
    # made from the province only; a district's plan from the district or above it.
    "api plan of the province": LevelRule("admin", "API:POST", "/api/v1/plans", {"above"}, {
        "issuing_unit_id": "{province}", "coordinating_unit_id": "{labour}", "year": 2031, "title": "Tỉnh"}),
    "api plan of the district": LevelRule("admin", "API:POST", "/api/v1/plans", ABOVE_AND_SAME, {
        "issuing_unit_id": "{district}", "coordinating_unit_id": "{district}", "year": 2031, "title": "Huyện"}),
    "api plan set-up": LevelRule("admin", "API:PATCH", "/api/v1/plans/{district_plan}", ABOVE_AND_SAME,
                                 {"title": "Giảm nghèo huyện (sửa)"}),
    "api plan assigns a commune": LevelRule("admin", "API:POST", "/api/v1/plans/{district_plan}/assignments",
                                            ABOVE_AND_SAME, {"unit_ids": ["{commune}"]}),
    "api plan assigns a province department": LevelRule(
        "admin", "API:POST", "/api/v1/plans/{district_plan}/assignments", set(), {"unit_ids": ["{labour}"]},
        refused_as="denied|invalid"),
    "api plan issued": LevelRule("admin", "API:POST", "/api/v1/plans/{district_plan}/issue", set(),
                                 refused_as="denied|invalid"),  # nobody assigned yet: refused to all
    "api unit renamed": LevelRule("admin", "API:PATCH", "/api/v1/units/{district}", {"above"},
                                  {"name": "Huyện Krông Nô mới"}, refused_as="denied|invalid"),
    "api unit created below": LevelRule("admin", "API:POST", "/api/v1/units", ABOVE_AND_SAME, {
        "code": "XA-{commune}", "name": "Xã mới", "kind": "commune", "parent_code": "{district_code}"},
        refused_as="invalid"),
    # The catalog is national: only an administrator of the top-level unit keeps it.
    "api programme added": LevelRule("admin", "API:POST", "/api/v1/programmes", {"above"}, {
        "code": "GNBV-2036-2040", "name": "Giai đoạn sau", "start_year": 2036, "end_year": 2040}),
    "api project added": LevelRule("admin", "API:POST", "/api/v1/programmes/{programme}/items", {"above"}, {
        "code": "DA8", "name": "Dự án mới"}),
    "api user created": LevelRule("admin", "API:POST", "/api/v1/users", ABOVE_AND_SAME, {
        "email": "moi{commune}@example.org", "full_name": "Mới", "roles": [{"unit": "{district}", "role": "staff"}]},
        refused_as="invalid"),
    # An observer beside (another assigned district) reads its own unit's documents, not its
    # sibling's; the whole plan is read from the issuer, the coordinator or a supervising
    # partner (the Fatherland Front), and a district's observer reads its communes'.
    "document read (observer)": LevelRule("observer", "GET", "/documents/{doc}", ABOVE_AND_SAME),
    "document read (head)": LevelRule("head", "GET", "/documents/{doc}", {"same"}),
    "document read (api)": LevelRule("head", "API", "/api/v1/documents/{doc}", {"same"}),
}


class Levels:
    """A province; the district is the target; actors of one role at each level."""

    def __init__(self, role):
        from tests.factories import unit as unit_factory
        from workflows.enums import Role, UnitKind

        self.world = w = World(year=2031)
        self.commune = unit_factory("Xã Nam Đà", UnitKind.COMMUNE, parent=w.district)
        office = unit_factory("Phòng LĐTBXH huyện", parent=w.district)
        where = {"above": w.province, "same": w.district, "beside": w.other_district, "below": self.commune}
        self.actors = {level: user_factory((Role(role), unit)) for level, unit in where.items()}
        self.plan = plan_ops.create_plan(
            user_factory((Role.ADMIN, w.district)), w.district, office, year=2031, number="7", symbol="KH-UBND",
            title="Giảm nghèo huyện", place="", issued_on=None, legal_bases="", goals="",
            **plan_schedule.as_fields(w.plan))

    def fill(self, text):
        w = self.world
        values = {"staff": w.staff.id, "staff_email": w.staff.email, "staff_membership": w.staff.memberships[0].id,
                  "commune": self.commune.id, "district": w.district.id, "district_code": w.district.code,
                  "other_district_code": w.other_district.code, "district_plan": self.plan.id,
                  "labour": w.labour.id, "province": w.province.id, "doc": w.document().id,
                  "programme": w.plan.programme_id}
        return fill(text, values)


def level_outcome(response):
    if response.status_code in (403, 404):
        return "denied"
    if response.status_code == 422:
        return "invalid"
    assert response.status_code < 400, (response.status_code, response.get_data(as_text=True)[:1000])
    return "ok"


@pytest.mark.parametrize("name", list(LEVEL_RULES))
def test_levels(name, client, db):
    rule = LEVEL_RULES[name]
    results = {}
    for level in LEVELS:
        place = Levels(rule.role)  # each level acts on a world of its own
        actor = place.actors[level]
        client.post("/logout")
        if rule.method.startswith("API"):  # "API" reads; "API:POST" and the like change, with a JSON body
            secret = create_token(None, actor, "levels")[1]
            response = client.open(place.fill(rule.path), method=rule.method.partition(":")[2] or "GET",
                                   json=place.fill(rule.data) or None, headers={"Authorization": f"Bearer {secret}"})
        else:
            response = client.post("/login", data={"email": actor.email, "password": PASSWORD})
            assert response.status_code == 302
            response = client.open(place.fill(rule.path), method=rule.method, data=place.fill(rule.data) or None)
        got = level_outcome(response)
        wanted = "ok" if level in rule.allowed else rule.refused_as
        results[level] = (got, wanted) if got not in wanted.split("|") else None
    assert {k: v for k, v in results.items() if v} == {}, f"{name}: (got, expected)"
