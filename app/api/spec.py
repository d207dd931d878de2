"""The OpenAPI 3 document of /api/v1, written as data (served at /api/v1/openapi.json and
rendered for people at /api/v1/docs). The tests fuzz the API against it.

The document stays in English; its summaries and descriptions are marked ``N_`` so that
the page at /api/v1/docs shows them in the reader's language."""
from workflows import schedules
from workflows.enums import DeliverableKind, DocState, Role, Trigger, UnitKind
from workflows.figures import COLUMNS as BUDGET_COLUMNS
from workflows.text import N_

from ..reminders.policy_form import POLICY_FIELDS
from ..tables import TARGET_COLUMNS


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
UNIT_KINDS = [k.value for k in UnitKind]
ROLES = [r.value for r in Role]
#: A unit named in a request: its id, or its code.
UNIT_INPUT = {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "minLength": 1}]}
#: A schedule item named in a request: its id, or its field name ("annual_due_on", "quarterly_2").
ITEM_INPUT = {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "minLength": 1}]}
MESSAGES = {"type": "object", "additionalProperties": STR}


def _object(properties, required=None, additional=False):
    return {"type": "object", "properties": properties, "required": list(required or properties),
            "additionalProperties": additional}


def _input(properties, required=()):
    """A request body: only these fields (a field the API does not know is refused)."""
    schema = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = list(required)
    return schema


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


#: How much of the expected units a total stands on.
COVERAGE = _object({"units_expected": INT, "units_reported": INT, "households_expected": _nullable(INT),
                    "households_covered": _nullable(INT), "is_partial": BOOL})

SCHEMAS = {
    "Error": _object({"error": _object({"code": {"type": "string", "enum": [
        "unauthorized", "forbidden", "not_found", "conflict", "invalid", "bad_request", "method_not_allowed",
        "too_large", "rate_limited", "operation_error", "server_error"]}, "message": STR,
        "fields": {"type": "object", "additionalProperties": STR}}, required=["code", "message"])}),
    "UnitRef": _object({"id": INT, "code": STR, "name": STR}),
    "Unit": _object({"id": INT, "code": STR, "name": STR, "kind": {"type": "string", "enum": UNIT_KINDS},
                     "parent_id": _nullable(INT), "active": BOOL, "emails": {"type": "array", "items": STR}}),
    "User": _object({"id": INT, "email": STR, "full_name": STR, "roles": {"type": "array", "items": _object(
        {"role": {"type": "string", "enum": ROLES}, "unit": _ref("UnitRef")})}}),
    "Programme": _object({"id": INT, "code": STR, "name": STR, "decision": STR, "start_year": INT,
                          "end_year": INT, "active": BOOL}),
    "BudgetItem": _object({"id": INT, "programme_id": INT, "program": STR, "code": STR, "name": STR,
                           "parent_id": _nullable(INT), "active": BOOL}),
    "Plan": _object({
        "id": INT, "year": INT, "number": STR, "symbol": STR, "reference": STR, "title": STR, "place": STR,
        "issued_on": _nullable(DATE), "published": BOOL, "legal_bases": {**STR, "description": N_(
            "The plan's legal bases, one per line.")}, "goals": STR, "issuing_unit": _ref("UnitRef"),
        "coordinating_unit": _ref("UnitRef"), "programme_id": INT,
        "schedule": {"type": "array", "items": _ref("ScheduleItem")},
        "schedule_warnings": {**MESSAGES, "description": N_(
            "Due dates that leave less than one working day after their period's cut-off (Decree 09/2019/NĐ-CP), "
            "by field name: kept, but worth a look.")},
        "assignments": {"type": "array", "items": _ref("Assignment")}},
        required=["id", "year", "number", "symbol", "reference", "title", "place", "issued_on", "published",
                  "legal_bases", "goals", "issuing_unit", "coordinating_unit", "programme_id", "schedule",
                  "schedule_warnings"]),
    "Assignment": _object({"id": INT, "unit": _ref("UnitRef"), "requested": BOOL, "duties": STR,
                           "item_ids": {"type": "array", "items": INT,
                                        "description": N_("The schedule items this unit owes.")}}),
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
                                                     "coverage", "covered_target_total", "budget", "budget_total", "budget_coverage",
                                                     *RATES, "covered_rates", "near_poor_coverage", "plan_budget"],
                      "properties": {"plan_id": INT, "units": {"type": "array", "items": {"type": "object"}},
                                     "target_total": {"type": "object", "additionalProperties": INT,
                                                      "description": COUNTS_DESCRIPTION},
                                     "results_total": {"type": "object", "additionalProperties": INT,
                                                       "description": "Results of the units whose results are "
                                                       "complete only: see coverage."},
                                     "covered_target_total": {"type": "object", "additionalProperties": INT,
                                                              "description": "The targets of the same units as "
                                                              "results_total: compare like with like."},
                                     "coverage": COVERAGE,
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
                                     "budget": {"type": "array", "items": {"type": "object"},
                                                "description": "Like the results, summed over the units whose "
                                                               "budget lines are complete only: see "
                                                               "budget_coverage."},
                                     "budget_total": _nullable({"type": "object"}),
                                     "budget_coverage": COVERAGE,
                                     "indicators": {"type": "array", "items": _ref("IndicatorTotal")},
                                     "plan_budget": _ref("PlanBudgetComparison")}},
    "IndicatorTotal": {
        "type": "object",
        "description": N_(
            "One of the plan's own indicators over the units that report it: its definition, its total (up the "
            "unit tree, a unit's own figure standing for its territory; counts summed, a ratio recomputed from the "
            "summed counts, a value not summed: null), how many of the top-level units expected the total is made "
            "of, whether its figures are all the final reports' (annual, five-year review), the verdict against "
            "the plan's target — met or missed only when the total is whole and final, not_known before, null "
            "without a target or for a value — and each unit's value in its latest approved report against its "
            "target."),
        "required": ["id", "code", "name", "kind", "unit", "direction", "target", "total", "coverage",
                     "figures_final", "verdict", "units"],
        "properties": {
            "id": INT, "code": STR, "name": STR, "kind": {"type": "string", "enum": ["count", "ratio", "value"]},
            "unit": STR, "direction": {"type": "string", "enum": ["at_least", "at_most", "exactly"]},
            "numerator": _nullable(STR), "denominator": _nullable(STR), "target": _nullable(NUM),
            "total": _nullable(NUM), "total_numerator": _nullable(NUM), "total_denominator": _nullable(NUM),
            "coverage": _object({"units_expected": INT, "units_reported": INT}),
            "figures_final": BOOL,
            "verdict": {"type": "string", "nullable": True, "enum": ["met", "missed", "not_known", None]},
            "units": {"type": "array", "items": _object({
                "unit": {"type": "object"}, "value": _nullable(NUM), "target": _nullable(NUM), "reported": BOOL,
                "report_document_id": _nullable(INT)})}}},
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
            "The whole budget (a line left out is cleared): {a project of the plan's programme by catalog "
            "item id or code (\"DA1.TDA1\"), or \"total\": {column: amount}} in million VND, columns central_investment, central_recurrent, "
            "local_investment, local_recurrent, other, total; amounts as numbers or Vietnamese-formatted "
            "strings (\"1.234,5\"), never negative."),
        "additionalProperties": {"type": "object", "additionalProperties": {
            "oneOf": [{"type": "number", "minimum": 0}, {"type": "string"}], "nullable": True}}}}),
    "Completeness": {"type": "object", "required": ["as_of", "by_kind", "overall", "units"],
                     "properties": {"as_of": DATE, "by_kind": {"type": "array", "items": {"type": "object"}},
                                    "overall": {"type": "object"},
                                    "units": {"type": "array", "items": {"type": "object"}}}},
}

_SCHEDULE = {**_input({name: _nullable(DATE) for name in
                       (schedules.field_name(k, n) for k, n in schedules.slots())}),
             "description": N_("What the plan asks of every assigned unit: each field named asks that document, "
                               "due on its date (null: the usual date); a field left out is not asked.")}
_PLAN_FIELDS = {
    "issuing_unit_id": {**UNIT_INPUT, "description": N_("The issuing unit (its id or code): one you administer.")},
    "coordinating_unit_id": {**UNIT_INPUT, "description": N_("The coordinating unit (its id or code): the issuing "
                                                             "unit or a unit below it.")},
    "programme_id": {**_nullable(INT), "description": N_(
        "The programme (GET /programmes); null or left out: a new plan's is the one whose years cover its year, "
        "an edited plan keeps its own.")},
    "year": {"type": "integer", "minimum": 2000, "maximum": 2100}, "number": {"type": "string", "maxLength": 20},
    "symbol": {"type": "string", "maxLength": 40}, "title": {"type": "string", "maxLength": 500},
    "place": {"type": "string", "maxLength": 100}, "issued_on": _nullable(DATE),
    "legal_bases": {"type": "string", "maxLength": 20000}, "goals": {"type": "string", "maxLength": 50000},
    "schedule": _ref("Schedule")}
_PROGRAMME_FIELDS = {
    "code": {"type": "string", "maxLength": 30}, "name": {"type": "string", "maxLength": 400},
    "decision": {"type": "string", "maxLength": 100},
    "start_year": {"type": "integer", "minimum": 2000, "maximum": 2100},
    "end_year": {"type": "integer", "minimum": 2000, "maximum": 2100}, "active": BOOL}
_TARGET_CELL = {"anyOf": [_nullable(NUM), STR]}
_POLICY = {"enabled": BOOL, "days_before": {"type": "array", "items": INT}, "first_overdue_after": INT,
           "overdue_every": INT, "send_hour": INT, "grace_days": INT, "escalate_overdue": BOOL}
_POLICY = {name: _POLICY[name] for name in POLICY_FIELDS}  # in the order the page shows them
SCHEMAS.update({
    "Schedule": _SCHEDULE,
    "PlanCreate": {**_input(_PLAN_FIELDS, required=["issuing_unit_id", "coordinating_unit_id", "year", "title"]),
                   "description": N_("A new plan. Fields left out: empty (symbol KH-UBND); no schedule: a "
                                     "sub-plan, a six-month and an annual report at their usual dates.")},
    "PlanUpdate": {**_input(_PLAN_FIELDS),
                   "description": N_("The fields to change; the others stay. Without \"schedule\" the schedule "
                                     "stays; with it, the plan asks exactly what it names. The issuing and "
                                     "coordinating units do not change.")},
    "TargetTable": {**_input({"rows": {"type": "array", "minItems": 1, "items": _ref("TargetRow")}},
                             required=["rows"]),
                    "description": N_("The plan's target table, checked as the file import checks it; all rows "
                                      "or none. Problems are named rows.<index>.<column>, the first row 0.")},
    "TargetRow": {**_input({key: _TARGET_CELL for key, _vi, _e in TARGET_COLUMNS}, required=["unit"]),
                  "additionalProperties": _TARGET_CELL,
                  "description": N_("One unit's row (\"unit\": its code, name or id; \"Tổng cộng\" for the "
                                    "total row): counts as integers or \"13.342\", rates as numbers or "
                                    "\"7,97\"; and a cell for each of the plan's own indicators, named by its code "
                                    "(another name is refused).")},
    "TargetRows": {**_object({"rows": {"type": "array", "items": _ref("TargetRow")}}),
                   "description": N_("The plan's target table as PUT takes it: a row per unit with targets (\"unit\": "
                                     "its code), every column the table keeps (null when empty), the plan's own "
                                     "indicators by code (the unit's own target, or null); then, if the plan sets "
                                     "targets of its own indicators, a row \"Tổng cộng\" giving them.")},
    "TargetImport": _object({"created": INT, "updated": INT, "unchanged": INT, "indicator_targets": INT,
                             "warnings": MESSAGES}),
    "AssignRequest": {**_input({
        "unit_ids": {"type": "array", "minItems": 1, "items": UNIT_INPUT},
        "duties": {"type": "string", "maxLength": 20000}, "requested": BOOL,
        "item_ids": {"type": "array", "minItems": 1, "items": ITEM_INPUT}}, required=["unit_ids"]),
        "description": N_("Units (ids or codes) to assign, their duties, whether they are partners asked rather "
                          "than instructed, and what they owe of the schedule (item ids or field names; "
                          "left out: everything). Units already assigned stay as they are.")},
    "AssignmentList": _object({"items": {"type": "array", "items": _ref("Assignment")}}),
    "PlanIndicator": _object({
        "id": INT, "code": STR, "name": STR, "kind": {"type": "string", "enum": ["count", "ratio", "value"]},
        "unit": STR, "direction": {"type": "string", "enum": ["at_least", "at_most", "exactly"]},
        "numerator_code": _nullable(STR), "denominator_code": _nullable(STR), "target": _nullable(NUM),
        "is_required": BOOL,
        "units": {"type": "array", "items": _object({"unit": _ref("UnitRef"), "target": _nullable(NUM)})}}),
    "PlanIndicatorList": _object({"items": {"type": "array", "items": _ref("PlanIndicator")}}),
    "PlanIndicatorInput": {**_input({
        "code": {"type": "string", "maxLength": 40}, "name": {"type": "string", "maxLength": 255},
        "kind": {"type": "string", "enum": ["count", "ratio", "value"]},
        "unit": {"type": "string", "enum": ["households", "people", "houses", "models", "percent", "million_vnd",
                                            "yes_no", "score"]},
        "direction": {"type": "string", "enum": ["at_least", "at_most", "exactly"]},
        "numerator_code": _nullable(STR), "denominator_code": _nullable(STR),
        "target": {"anyOf": [NUM, STR], "nullable": True}, "is_required": BOOL}),
        "description": N_("An indicator of the plan's own: a count (summed up the unit tree), a ratio of two "
                          "counts (codes of the plan's counts or of the built-in ones: households, poor, "
                          "near_poor...; recomputed from the summed counts) or a value (not summed). POST: code "
                          "and name required; PATCH: the fields sent change.")},
    "PlanIndicatorUnits": _input({"units": {"type": "array", "items": _input(
        {"unit": UNIT_INPUT, "target": {"anyOf": [NUM, STR], "nullable": True}}, required=["unit"])}},
        required=["units"]),
    "OwedRequest": _input({"item_ids": {"type": "array", "minItems": 1, "items": ITEM_INPUT}}, required=["item_ids"]),
    "AdhocRequest": {**_input({
        "title": {"type": "string", "maxLength": 255}, "period_start_on": DATE, "period_end_on": DATE,
        "due_on": DATE, "assignment_ids": {"type": "array", "items": {"type": "integer", "minimum": 1}},
        "unit_ids": {"type": "array", "items": UNIT_INPUT}},
        required=["title", "period_start_on", "period_end_on", "due_on"]),
        "description": N_("An ad-hoc report asked of some assigned units: by assignment id or by unit (id or code).")},
    "DeliverableList": _object({"items": {"type": "array", "items": _ref("Deliverable")}}),
    "ReminderPolicy": _object({"plan_id": INT, **_POLICY}),
    "ReminderPolicyUpdate": {**_input({**_POLICY, "days_before": {"anyOf": [
        {"type": "array", "items": INT}, STR]}}),
        "description": N_("The fields to change (the others stay): days before the due date, the first overdue "
                          "notice and its repetition in days, the hour of sending (Vietnam time).")},
    "UnitCreate": _input({"code": {"type": "string", "maxLength": 40}, "name": {"type": "string", "maxLength": 255},
                           "kind": {"type": "string", "enum": UNIT_KINDS}, "parent_code": _nullable(STR),
                           "emails": {"anyOf": [{"type": "array", "items": STR}, STR]}, "active": BOOL},
                          required=["code", "name", "kind"]),
    "UnitUpdate": {**_input({"name": {"type": "string", "maxLength": 255},
                              "kind": {"type": "string", "enum": UNIT_KINDS}, "parent_code": _nullable(STR),
                              "emails": {"anyOf": [{"type": "array", "items": STR}, STR]}, "active": BOOL},
                            ),
                   "description": N_("The fields to change; the others stay. A unit's code never changes.")},
    "ProgrammeCreate": {**_input(_PROGRAMME_FIELDS, required=["code", "name", "start_year", "end_year"]),
                        "description": N_("A programme (code upper-cased, unique: GNBV-2026-2035), the decision that "
                                          "approved it, its first and last year, whether it is offered to new plans "
                                          "(default: yes). Its projects come next (POST /programmes/{id}/items).")},
    "ProgrammeUpdate": {**_input(_PROGRAMME_FIELDS),
                        "description": N_("The fields to change; the others stay. Plans that chose the programme keep "
                                          "it; a programme not active is no longer offered to new plans.")},
    "BudgetItemCreate": {**_input({
        "code": {"type": "string", "maxLength": 30}, "name": {"type": "string", "maxLength": 400},
        "parent": {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "minLength": 1}],
                   "nullable": True}}, required=["code", "name"]),
        "description": N_("A project of the programme (\"parent\" null or left out), or a sub-project of one of its "
                          "projects (\"parent\": the project's id or code). Codes are upper-cased and unique within "
                          "the programme: DA1, DA1.TDA2.")},
    "BudgetItemUpdate": {
        **_input({"name": {"type": "string", "maxLength": 400}, "active": BOOL}),
        "description": N_("Rename a project or sub-project, or retire it (\"active\": false): it stays for the "
                          "documents that used it, but is no longer offered.")},
    "UserCreate": _input({"email": STR, "full_name": {"type": "string", "maxLength": 255},
                          "roles": {"type": "array", "minItems": 1, "items": _input(
                              {"unit": UNIT_INPUT, "role": {"type": "string", "enum": ROLES}}, required=["unit", "role"])}},
                         required=["email", "full_name", "roles"]),
})

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


def _change(method, summary, body, result, params=(), created=False, description=None,
            errors=(400, 401, 403, 404, 422)):
    """A change: its request body (a schema's name, or None for none) and its answer."""
    answer = ({"201": {"description": N_("Created"), **_json(_ref(result))}} if created else _ok(_ref(result)))
    op = {"summary": summary, "tags": ["set-up"], "parameters": list(params),
          "responses": {**answer, **_errors(*errors)}}
    if body is not None:
        op["requestBody"] = {"required": True, **_json(_ref(body))}
    if description:
        op["description"] = description
    return {method: op}


def _setup_paths(plan_id):
    """Setting a province up: units, users, programmes and their catalog, plans and what they ask."""
    unit_id = _id("unit_id", N_("Unit id"))
    assignment_id = _id("assignment_id", N_("Assignment id"))
    indicator_id = _id("indicator_id", N_("Indicator id"))
    programme_id = _id("programme_id", N_("Programme id"))
    item_id = _id("item_id", N_("Catalog item id"))
    return {
        "/units": _change("post", N_("Create a unit below one you administer"), "UnitCreate", "Unit",
                          created=True, errors=(400, 401, 403, 422)),
        "/units/{unit_id}": _change("patch", N_("Change a unit you administer"), "UnitUpdate", "Unit", [unit_id]),
        "/users": _change("post", N_("Create a user with roles in units you administer (their set-password link "
                                     "goes by mail)"), "UserCreate", "User", created=True,
                          errors=(400, 401, 403, 422)),
        "/programmes": _change("post", N_("Add a programme (top-level administrators)"), "ProgrammeCreate",
                               "Programme", created=True, errors=(400, 401, 403, 422)),
        "/programmes/{programme_id}": _change("patch", N_("Change a programme (top-level administrators)"),
                                              "ProgrammeUpdate", "Programme", [programme_id]),
        "/programmes/{programme_id}/items": _change(
            "post", N_("Add a project or sub-project to a programme (top-level administrators)"), "BudgetItemCreate",
            "BudgetItem", [programme_id], created=True),
        "/catalog/{item_id}": _change("patch", N_("Rename or retire a project or sub-project (top-level "
                                                  "administrators)"), "BudgetItemUpdate", "BudgetItem", [item_id]),
        "/plans": _change("post", N_("Create a plan of a unit you administer, with its schedule"), "PlanCreate",
                          "Plan", created=True, errors=(400, 401, 403, 422)),
        "/plans/{plan_id}": _change("patch", N_("Change a plan: its text, year, dates and schedule (the units' "
                                                "deliverables follow)"), "PlanUpdate", "Plan", [plan_id]),
        "/plans/{plan_id}/targets": {
            **_get(N_("The plan's target table, as PUT takes it (whoever sees the plan)"), "TargetRows", [plan_id]),
            **_change("put", N_("Import the plan's target table (all rows or none)"), "TargetTable", "TargetImport",
                      [plan_id], description=N_("Plan administrators and the coordinating unit's reviewers. Rows "
                                                "of units already in the table are replaced; the others stay."))},
        "/plans/{plan_id}/assignments": _change("post", N_("Assign units to the plan"), "AssignRequest",
                                                "AssignmentList", [plan_id], created=True),
        "/plans/{plan_id}/assignments/{assignment_id}/owes": _change(
            "put", N_("What one assigned unit owes of the plan's schedule"), "OwedRequest", "Assignment",
            [plan_id, assignment_id]),
        "/plans/{plan_id}/indicators": {
            **_get(N_("The plan's own indicators and the units that report them"), "PlanIndicatorList", [plan_id]),
            **_change("post", N_("Add an indicator of the plan's own"), "PlanIndicatorInput", "PlanIndicator",
                      [plan_id], created=True)},
        "/plans/{plan_id}/indicators/{indicator_id}": {
            **_change("patch", N_("Change an indicator of the plan's own"), "PlanIndicatorInput", "PlanIndicator",
                      [plan_id, indicator_id]),
            "delete": {"summary": N_("Delete an indicator no report gives yet"), "tags": ["set-up"],
                       "parameters": [plan_id, indicator_id],
                       "responses": {"204": {"description": N_("Deleted")}, **_errors(401, 403, 404, 422)}}},
        "/plans/{plan_id}/indicators/{indicator_id}/units": _change(
            "put", N_("Which assigned units report the indicator, each with its own target (the whole list)"),
            "PlanIndicatorUnits", "PlanIndicator", [plan_id, indicator_id]),
        "/plans/{plan_id}/adhoc-reports": _change("post", N_("Ask some assigned units for an ad-hoc report"),
                                                  "AdhocRequest", "DeliverableList", [plan_id], created=True),
        "/plans/{plan_id}/issue": _change("post", N_("Issue the plan: its units see what they owe"), None, "Plan",
                                          [plan_id], errors=(401, 403, 404, 422)),
        "/plans/{plan_id}/copy": _change("post", N_("Copy the plan to next year as a draft (units, duties, "
                                                    "schedule; no targets)"), None, "Plan", [plan_id],
                                         created=True, errors=(401, 403, 404, 422)),
        "/plans/{plan_id}/reminder-policy": {
            **_get(N_("The plan's reminder policy"), "ReminderPolicy", [plan_id]),
            **_change("put", N_("Change the plan's reminder policy"), "ReminderPolicyUpdate", "ReminderPolicy",
                      [plan_id])},
    }


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
    for path, operations in _setup_paths(plan_id).items():
        paths.setdefault(path, {}).update(operations)
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
