"""The OpenAPI 3 document of /api/v1, written as data (served at /api/v1/openapi.json and
rendered for people at /api/v1/docs). The tests fuzz the API against it.

The document stays in English; its summaries and descriptions are marked ``N_`` so that
the page at /api/v1/docs shows them in the reader's language."""
from workflows.enums import DeliverableKind, DocState, Trigger
from workflows.figures import COLUMNS as BUDGET_COLUMNS
from workflows.text import N_


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema):
    return {**schema, "nullable": True}


STR, INT, BOOL, NUM = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}, {"type": "number"}
DATE = {"type": "string", "format": "date"}
DATETIME = {"type": "string", "format": "date-time"}
STATES = [s.value for s in DocState]
KINDS = [k.value for k in DeliverableKind]
TRIGGERS = [t.value for t in Trigger]


def _object(properties, required=None, additional=False):
    return {"type": "object", "properties": properties, "required": list(required or properties),
            "additionalProperties": additional}


def _page(item):
    return _object({"items": {"type": "array", "items": _ref(item)}, "page": INT, "per_page": INT, "total": INT})


#: How much of the expected units a total stands on.
COVERAGE = _object({"units_expected": INT, "units_reported": INT, "households_expected": _nullable(INT),
                    "households_covered": _nullable(INT), "is_partial": BOOL})

SCHEMAS = {
    "Error": _object({"error": _object({"code": {"type": "string", "enum": [
        "unauthorized", "forbidden", "not_found", "conflict", "invalid", "bad_request", "method_not_allowed",
        "too_large", "rate_limited", "operation_error", "server_error"]}, "message": STR,
        "fields": {"type": "object", "additionalProperties": STR}}, required=["code", "message"])}),
    "UnitRef": _object({"id": INT, "code": STR, "name": STR}),
    "Unit": _object({"id": INT, "code": STR, "name": STR, "kind": {"type": "string", "enum": [
        "province", "department", "district", "commune", "organisation"]}, "parent_id": _nullable(INT),
        "active": BOOL}),
    "User": _object({"id": INT, "email": STR, "full_name": STR, "roles": {"type": "array", "items": _object(
        {"role": {"type": "string", "enum": ["staff", "head", "reviewer", "observer", "admin"]},
         "unit": _ref("UnitRef")})}}),
    "Programme": _object({"id": INT, "code": STR, "name": STR, "decision": STR, "start_year": INT,
                          "end_year": INT, "active": BOOL}),
    "BudgetItem": _object({"id": INT, "programme_id": INT, "program": STR, "code": STR, "name": STR,
                           "parent_id": _nullable(INT), "active": BOOL}),
    "Plan": _object({
        "id": INT, "year": INT, "number": STR, "symbol": STR, "reference": STR, "title": STR, "place": STR,
        "issued_on": _nullable(DATE), "published": BOOL, "issuing_unit": _ref("UnitRef"),
        "coordinating_unit": _ref("UnitRef"), "programme_id": INT,
        "schedule": {"type": "array", "items": _ref("ScheduleItem")},
        "assignments": {"type": "array", "items": _object({"unit": _ref("UnitRef"), "requested": BOOL,
                                                           "duties": STR})}},
        required=["id", "year", "number", "symbol", "reference", "title", "place", "issued_on", "published",
                  "issuing_unit", "coordinating_unit", "programme_id", "schedule"]),
    "ScheduleItem": _object({
        "id": INT, "kind": {"type": "string", "enum": [k for k in KINDS if k != "adhoc"]},
        "occurrence": INT, "due_on": DATE, "period_start_on": DATE, "period_end_on": DATE}),
    "Deliverable": _object({
        "id": INT, "kind": {"type": "string", "enum": KINDS}, "occurrence": INT, "title": STR, "unit": _ref("UnitRef"),
        "plan_id": INT, "period_start_on": DATE, "period_end_on": DATE, "due_on": DATE, "document_id": INT,
        "state": {"type": "string", "enum": STATES}}),
    "Finding": _object({"severity": {"type": "string", "enum": ["error", "warning"]}, "code": STR, "field": STR,
                        "message": STR}),
    "Content": {
        "type": "object",
        "description": N_(
            "Prose fields (sub-plan: tasks, responsible, timeline, notes; report: results, difficulties, "
            "proposals, next_steps); the figures under \"target\" (sub-plan) or \"figures\" (report): counts "
            "as integers or Vietnamese-formatted strings (\"13.342\"), typed rates as numbers or strings "
            "(\"7,97\"); \"budget\": {catalog item id or \"total\": {\"allocated\"|\"disbursed\": {column: "
            "amount}}} in million VND, columns central_investment, central_recurrent, local_investment, "
            "local_recurrent, other, total; \"acknowledged\": {\"<check code>:<field>\": note}."),
        "additionalProperties": True,
    },
    "Document": _object({
        "id": INT, "deliverable": _ref("Deliverable"), "state": {"type": "string", "enum": STATES},
        "lock_version": INT, "current_version": INT, "version": INT, "approved_at": _nullable(DATETIME),
        "submitted_at": _nullable(DATETIME), "content": _ref("Content"),
        "findings": {"type": "array", "items": _ref("Finding")}}),
    "LogEntry": _object({
        "id": INT, "trigger": {"type": "string", "enum": TRIGGERS}, "from_state": {"type": "string", "enum": STATES},
        "to_state": {"type": "string", "enum": STATES}, "version": INT,
        "actor": _object({"id": INT, "full_name": STR}), "comment": STR, "at": DATETIME}),
    "ContentUpdate": _object({"lock_version": INT, "content": _ref("Content")}),
    "TransitionRequest": _object({
        "trigger": {"type": "string", "enum": TRIGGERS}, "comment": {"type": "string", "maxLength": 20000},
        "lock_version": INT}, required=["trigger"]),
    "TransitionResult": _object({"document": _ref("Document"), "entry": _ref("LogEntry")}),
    "Consolidation": {"type": "object", "required": ["plan_id", "units", "target_total", "results_total",
                                                     "coverage", "covered_target_total", "budget", "budget_total",
                                                     "plan_budget"],
                      "properties": {"plan_id": INT, "units": {"type": "array", "items": {"type": "object"}},
                                     "target_total": {"type": "object", "additionalProperties": INT},
                                     "results_total": {"type": "object", "additionalProperties": INT,
                                                       "description": "Results of the units whose results are "
                                                       "complete only: see coverage."},
                                     "covered_target_total": {"type": "object", "additionalProperties": INT,
                                                              "description": "The targets of the same units as "
                                                              "results_total: compare like with like."},
                                     "coverage": COVERAGE,
                                     "rate_start": _nullable(NUM), "rate_target": _nullable(NUM),
                                     "rate_latest": _nullable(NUM), "covered_rate_start": _nullable(NUM),
                                     "covered_rate_target": _nullable(NUM),
                                     "budget": {"type": "array", "items": {"type": "object"}},
                                     "budget_total": _nullable({"type": "object"}),
                                     "plan_budget": _ref("PlanBudgetComparison")}},
    "PlanBudgetComparison": _object({
        "entered": BOOL,
        "coverage": COVERAGE,
        "lines": {"type": "array", "description": N_(
            "Per catalog item with an amount (then the total, item null), per column: the plan's amount, the "
            "units' allocations and disbursements (of the units reported), the difference (units − plan) and the "
            "share of the plan's amount disbursed, both null while some expected units have not reported."),
                  "items": _object({"item": {"nullable": True, "allOf": [_ref("BudgetItem")]},
                                    "sources": {"type": "array", "items": _ref("ComparedSource")}})}}),
    "ComparedSource": _object({
        "column": {"type": "string", "enum": list(BUDGET_COLUMNS)}, "planned": _nullable(NUM),
        "allocated": _nullable(NUM), "disbursed": _nullable(NUM), "difference": _nullable(NUM),
        "disbursed_share": _nullable(NUM)}),
    "BudgetCells": {"type": "object", "additionalProperties": False,
                    "properties": {c: _nullable(NUM) for c in BUDGET_COLUMNS}},
    "PlanBudget": _object({
        "plan_id": INT, "programme_id": INT,
        "lines": {"type": "object", "additionalProperties": _ref("BudgetCells"), "description": N_(
            "The lines as entered: {catalog item id or \"total\" (the total as the plan prints it): {column: "
            "amount}}, only the cells filled.")},
        "amounts": {"type": "object", "additionalProperties": _ref("BudgetCells"), "description": N_(
            "The lines as read: a project without a line of its own is the sum of its sub-projects, an empty "
            "line total the sum of its cells; \"total\" is the grand total computed from the projects.")}}),
    "PlanBudgetUpdate": _object({"lines": {
        "type": "object", "description": N_(
            "The whole budget (a line left out is cleared): {catalog item id of the plan's programme or "
            "\"total\": {column: amount}} in million VND, columns central_investment, central_recurrent, "
            "local_investment, local_recurrent, other, total; amounts as numbers or Vietnamese-formatted "
            "strings (\"1.234,5\"), never negative."),
        "additionalProperties": {"type": "object", "additionalProperties": {
            "oneOf": [{"type": "number", "minimum": 0}, {"type": "string"}], "nullable": True}}}}),
    "Completeness": {"type": "object", "required": ["as_of", "by_kind", "overall", "units"],
                     "properties": {"as_of": DATE, "by_kind": {"type": "array", "items": {"type": "object"}},
                                    "overall": {"type": "object"},
                                    "units": {"type": "array", "items": {"type": "object"}}}},
}
for _name in ("Unit", "Plan", "Deliverable"):
    SCHEMAS[f"{_name}Page"] = _page(_name)


def _json(schema):
    return {"content": {"application/json": {"schema": schema}}}


def _errors(*codes):
    text = {400: N_("Bad request"), 401: N_("Missing or invalid token"), 403: N_("Not allowed for this user"),
            404: N_("No such item"), 409: N_("The document changed since it was read (send the new lock_version)"),
            422: N_("Invalid input; fields name the problems")}
    return {str(c): {"description": text[c], **_json(_ref("Error"))} for c in codes}


def _ok(schema, description=N_("OK")):
    return {"200": {"description": description, **_json(schema)}}


def _id(name, description):
    return {"name": name, "in": "path", "required": True, "description": description,
            "schema": {"type": "integer", "minimum": 1}}


PAGING = [{"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}},
          {"name": "per_page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100,
                                                         "default": 50}}]


def _get(summary, schema, params=(), errors=(401, 403, 404), tag="read"):
    return {"get": {"summary": summary, "tags": [tag], "parameters": list(params),
                    "responses": {**_ok(_ref(schema)), **_errors(*errors)}}}


def spec():
    plan_id, doc_id = _id("plan_id", N_("Plan id")), _id("document_id", N_("Document id"))
    paths = {
        "/me": _get(N_("The token's user and their roles"), "User", errors=(401,)),
        "/units": _get(N_("Units the user belongs to or administers"), "UnitPage", PAGING, errors=(400, 401)),
        "/units/{unit_id}": _get(N_("One unit"), "Unit", [_id("unit_id", N_("Unit id"))]),
        "/programmes": {"get": {"summary": N_("The programmes whose projects budget lines refer to; a plan has one"),
                                "tags": ["read"], "responses": {**_ok(_object(
                                    {"items": {"type": "array", "items": _ref("Programme")}})), **_errors(401)}}},
        "/catalog": {"get": {"summary": N_("The program catalog: projects and sub-projects budget lines refer to"),
                             "tags": ["read"], "responses": {**_ok(_object(
                                 {"items": {"type": "array", "items": _ref("BudgetItem")}})), **_errors(401)}}},
        "/plans": _get(N_("Plans the user can see"), "PlanPage", PAGING, errors=(400, 401)),
        "/plans/{plan_id}": _get(N_("A plan with its assigned units"), "Plan", [plan_id]),
        "/plans/{plan_id}/deliverables": _get(N_("The plan's deliverables the user can see"), "DeliverablePage",
                                              [plan_id, *PAGING], errors=(400, 401, 403, 404)),
        "/plans/{plan_id}/consolidation": _get(
            N_("Consolidated figures: targets, latest approved results, budget by project"), "Consolidation",
            [plan_id]),
        "/plans/{plan_id}/completeness": _get(
            N_("Completeness and timeliness of the plan's deliverables"), "Completeness", [plan_id]),
        "/plans/{plan_id}/budget": {
            **_get(N_("The plan's own budget (section V): what it allocates per project of its programme and "
                      "source, in million VND"), "PlanBudget", [plan_id]),
            "put": {
                "summary": N_("Replace the plan's budget (its administrators; checked as the plan's budget page "
                              "checks it: sources adding up to their line, sub-projects to their project, lines "
                              "to the total)"),
                "description": N_("Copying a plan to next year does not copy its budget."),
                "tags": ["change"], "parameters": [plan_id],
                "requestBody": {"required": True, **_json(_ref("PlanBudgetUpdate"))},
                "responses": {**_ok(_ref("PlanBudget")), **_errors(400, 401, 403, 404, 422)}}},
        "/documents/{document_id}": _get(
            N_("A document: state, lock_version, content and the checks of its figures"), "Document",
            [doc_id, {"name": "version", "in": "query", "schema": {"type": "integer", "minimum": 1},
                      "description": N_("An earlier version (default: the current one)")}],
            errors=(400, 401, 403, 404)),
        "/documents/{document_id}/history": {"get": {
            "summary": N_("The document's transition history (append-only)"), "tags": ["read"], "parameters": [doc_id],
            "responses": {**_ok(_object({"items": {"type": "array", "items": _ref("LogEntry")}})),
                          **_errors(401, 403, 404)}}},
        "/documents/{document_id}/content": {"put": {
            "summary": N_("Replace the current version's content (validated as the edit page validates it)"),
            "tags": ["change"], "parameters": [doc_id],
            "requestBody": {"required": True, **_json(_ref("ContentUpdate"))},
            "responses": {**_ok(_ref("Document")), **_errors(400, 401, 403, 404, 409, 422)}}},
        "/documents/{document_id}/transitions": {"post": {
            "summary": N_("Submit, withdraw, approve, return (with a reason) or reopen (with a reason)"),
            "description": N_("Submission is refused (422) while a check of the figures fails or a warning is "
                              "neither corrected nor explained."),
            "tags": ["change"], "parameters": [doc_id],
            "requestBody": {"required": True, **_json(_ref("TransitionRequest"))},
            "responses": {**_ok(_ref("TransitionResult")), **_errors(400, 401, 403, 404, 409, 422)}}},
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "Giảm nghèo — API", "version": "1.0.0",
                 "description": "Plans, sub-plans and reports of the poverty-reduction programme. Every request "
                                "carries a personal token (`Authorization: Bearer gn_…`) and has exactly the "
                                "permissions of its user in the web pages."},
        "servers": [{"url": "/api/v1"}],
        "security": [{"token": []}],
        "components": {"schemas": SCHEMAS, "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}}},
        "paths": paths,
    }
