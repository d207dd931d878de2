"""The OpenAPI 3 document of /api/v1, written as data (served at /api/v1/openapi.json and
rendered for people at /api/v1/docs). The tests fuzz the API against it.

The document stays in English; its summaries and descriptions are marked ``N_`` so that
the page at /api/v1/docs shows them in the reader's language."""
from workflows.enums import DeliverableKind, DocState, Trigger
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


#: A line's rates (%) and their changes (percentage points: the rate at the start minus the
#: rate at the end, negative when it rose), recomputed from its counts.
RATES = {name: _nullable(NUM) for name in ("rate_start", "rate_target", "points_target", "rate_latest",
                                           "near_rate_start", "near_rate_target", "near_points_target",
                                           "near_rate_latest")}
PART_COVERAGE = {"type": "object", "required": ["units", "of", "is_partial"],
                 "properties": {"units": INT, "of": INT, "is_partial": BOOL}, "additionalProperties": False}
COUNTS_DESCRIPTION = (
    "Counts of households; near_poor_* beside households_start_near_poor and households_end_near_poor, the "
    "households of the units that gave near-poor households, which the near-poverty rates are computed over.")


def _page(item):
    return _object({"items": {"type": "array", "items": _ref(item)}, "page": INT, "per_page": INT, "total": INT})


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
            "local_recurrent, other, total; \"acknowledged\": {\"<check code>:<field>\": note}; in a report, "
            "\"indicators\": {indicator id (or, for a unit without household figures, the built-in count's "
            "code): value} for the indicators of the plan its unit reports."),
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
                                                     *RATES, "covered_rates", "near_poor_coverage"],
                      "properties": {"plan_id": INT, "units": {"type": "array", "items": {"type": "object"}},
                                     "target_total": {"type": "object", "additionalProperties": INT,
                                                      "description": COUNTS_DESCRIPTION},
                                     "results_total": {"type": "object", "additionalProperties": INT,
                                                       "description": "Results of the units whose results are "
                                                       "complete only: see coverage."},
                                     "covered_target_total": {"type": "object", "additionalProperties": INT,
                                                              "description": "The targets of the same units as "
                                                              "results_total: compare like with like."},
                                     "coverage": _object({"units_expected": INT, "units_reported": INT,
                                                          "households_expected": _nullable(INT),
                                                          "households_covered": _nullable(INT),
                                                          "is_partial": {"type": "boolean"}}),
                                     **RATES,
                                     "covered_rates": {"type": "object", "properties": RATES,
                                                       "description": "The rates of the units whose results "
                                                                      "are complete: like with like."},
                                     "covered_rate_start": _nullable(NUM), "covered_rate_target": _nullable(NUM),
                                     "near_poor_coverage": {
                                         "type": "object", "required": ["targets", "results"],
                                         "properties": {"targets": PART_COVERAGE, "results": PART_COVERAGE},
                                         "description": "Of the top-level units with targets (with complete "
                                                        "results), how many give near-poor households."},
                                     "budget": {"type": "array", "items": {"type": "object"}},
                                     "budget_total": _nullable({"type": "object"}),
                                     "indicators": {"type": "array", "items": _ref("IndicatorTotal")}}},
    "IndicatorTotal": {
        "type": "object",
        "description": N_(
            "One of the plan's own indicators over the units that report it: its definition, its total (counts "
            "summed, a ratio recomputed from the summed counts, a value not summed: null), how many of the units "
            "expected have reported it, and each unit's value in its latest approved report against its target."),
        "required": ["id", "code", "name", "kind", "unit", "direction", "target", "total", "coverage", "units"],
        "properties": {
            "id": INT, "code": STR, "name": STR, "kind": {"type": "string", "enum": ["count", "ratio", "value"]},
            "unit": STR, "direction": {"type": "string", "enum": ["at_least", "at_most", "exactly"]},
            "numerator": _nullable(STR), "denominator": _nullable(STR), "target": _nullable(NUM),
            "total": _nullable(NUM), "total_numerator": _nullable(NUM), "total_denominator": _nullable(NUM),
            "coverage": _object({"units_expected": INT, "units_reported": INT}),
            "units": {"type": "array", "items": _object({
                "unit": {"type": "object"}, "value": _nullable(NUM), "target": _nullable(NUM), "reported": BOOL,
                "report_document_id": _nullable(INT)})}}},
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
