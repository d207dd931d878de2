"""What a sub-plan and a report contain, and what must be filled before submitting.

A version's ``content`` is JSON:

* prose fields (``text_fields``);
* figures: a sub-plan's target row under ``"target"``, a report's results under
  ``"figures"`` — counts as integers, typed rates as decimal strings ("7.97");
* ``"budget"``: {catalog item id (or ``"total"``): {"allocated"|"disbursed": {column:
  amount string}}} in million VND, only cells that were filled;
* ``"acknowledged"``: {finding key: note} — the unit's explanation of a warning;
* ``"indicators"`` (reports; issue 16): {key: decimal string} — the plan's own indicators
  the unit gives, keyed by the indicator's id, and the built-in counts a unit without
  household figures gives for its ratios, keyed by their code (``app/documents/indicators.py``).

The rules are in ``workflows/figures.py``; this module converts between the stored
JSON and the numbers the rules take.
"""
from decimal import Decimal

from flask_babel import lazy_gettext as _l

from workflows import figures as rules
from workflows import indicators as indicator_rules
from workflows.enums import DeliverableKind

#: Where the content keeps the indicators' values.
INDICATORS_KEY = "indicators"
SUBPLAN_TEXT_FIELDS = ("tasks", "responsible", "timeline", "notes")
REPORT_TEXT_FIELDS = ("results", "difficulties", "proposals", "next_steps")
#: A sub-plan's target row, in the order of the plan's table.
TARGET_FIELDS = (
    "households_start", "poor_start", "poor_rate_start", "poor_reduction", "households_end", "poor_end",
    "poor_rate_end", "near_poor_start", "near_poor_reduction", "near_poor_end", "ethnic_poor_start",
)
#: A report's results for its period.
RESULT_FIELDS = (
    "households_end", "poor_start", "poor_escaped", "poor_new", "poor_fell_back", "poor_end", "poor_rate_end",
    "near_poor_start", "near_poor_escaped", "near_poor_new", "near_poor_fell_back", "near_poor_end",
    "ethnic_poor_end",
)
#: The columns of the plan's target row for a unit that the checks read: a sub-plan's row
#: is compared with it, a final report's results are judged against it.
PLAN_ROW_FIELDS = (*TARGET_FIELDS, "near_poor_rate_start", "near_poor_rate_end")
#: How the figures are laid out on the form: (heading, fields) per line.
FIGURE_GROUPS = {
    "subplan": ((_l("Households"), ("households_start", "households_end", "ethnic_poor_start")),
                (_l("Poor households"), ("poor_start", "poor_rate_start", "poor_reduction", "poor_end", "poor_rate_end")),
                (_l("Near-poor households"), ("near_poor_start", "near_poor_reduction", "near_poor_end"))),
    "report": ((_l("Households"), ("households_end", "ethnic_poor_end")),
               (_l("Poor households"), ("poor_start", "poor_escaped", "poor_new", "poor_fell_back", "poor_end",
                                        "poor_rate_end")),
               (_l("Near-poor households"), ("near_poor_start", "near_poor_escaped", "near_poor_new",
                                             "near_poor_fell_back", "near_poor_end"))),
}
RATE_FIELDS = frozenset(rules.TARGET_RATES + rules.RESULT_RATES)

#: Fields that must not be empty when the head submits.
REQUIRED_TO_SUBMIT = {kind: ("tasks",) if kind is DeliverableKind.SUBPLAN else ("results",) for kind in DeliverableKind}
#: What a unit with households (province, district, commune) must give besides: the
#: poverty counts of its period (a report) or of its year (a sub-plan's target row).
REQUIRED_COUNTS = {
    "subplan": ("households_start", "poor_start", "poor_reduction", "poor_end"),
    "report": ("households_end", "poor_start", "poor_escaped", "poor_new", "poor_fell_back", "poor_end"),
}
#: A department's or organisation's document is its tasks and its money: the name of the
#: requirement "at least one budget line".
BUDGET_REQUIRED = "budget"

FIELD_LABELS = {
    "tasks": _l("Tasks for the year"),
    "responsible": _l("Who is responsible"),
    "timeline": _l("Timeline"),
    "notes": _l("Notes"),
    "results": _l("Results against targets"),
    "difficulties": _l("Difficulties and obstacles"),
    "proposals": _l("Proposals"),
    "next_steps": _l("Directions for the next period"),
    "households_start": _l("Households at the start"),
    "poor_start": _l("Poor households at the start"),
    "poor_rate_start": _l("Poverty rate at the start, as printed (%)"),
    "poor_reduction": _l("Reduction in poor households"),
    "households_end": _l("Households at the end (estimate)"),
    "poor_end": _l("Poor households at the end"),
    "poor_rate_end": _l("Poverty rate at the end, as printed (%)"),
    "near_poor_start": _l("Near-poor households at the start"),
    "near_poor_reduction": _l("Reduction in near-poor households"),
    "near_poor_end": _l("Near-poor households at the end"),
    "ethnic_poor_start": _l("Poor ethnic-minority households at the start"),
}
#: Labels of a report's results where they differ from a target row's.
RESULT_LABELS = {
    **FIELD_LABELS,
    "households_end": _l("Total households now"),
    "poor_start": _l("Poor households at the start of the year"),
    "poor_escaped": _l("Escaped poverty"),
    "poor_new": _l("Newly poor"),
    "poor_fell_back": _l("Fell back into poverty"),
    "poor_end": _l("Poor households now"),
    "poor_rate_end": _l("Poverty rate now, as printed (%)"),
    "near_poor_start": _l("Near-poor households at the start of the year"),
    "near_poor_escaped": _l("Escaped near-poverty"),
    "near_poor_new": _l("Newly near-poor"),
    "near_poor_fell_back": _l("Fell back into near-poverty"),
    "near_poor_end": _l("Near-poor households now"),
    "ethnic_poor_end": _l("Poor ethnic-minority households now"),
}
COLUMN_LABELS = {
    "central_investment": _l("Central budget: investment"),
    "central_recurrent": _l("Central budget: recurrent"),
    "local_investment": _l("Local budget: investment"),
    "local_recurrent": _l("Local budget: recurrent"),
    "other": _l("Other funds"),
    "total": _l("Line total"),
}
COLUMN_SHORT = {
    "central_investment": _l("Investment"), "central_recurrent": _l("Recurrent"),
    "local_investment": _l("Investment"), "local_recurrent": _l("Recurrent"),
    "other": _l("Other funds"), "total": _l("Total"),
}
MEASURE_LABELS = {rules.ALLOCATED: _l("Allocated (kế hoạch vốn)"), rules.DISBURSED: _l("Disbursed (giải ngân)")}


def text_fields(kind):
    return SUBPLAN_TEXT_FIELDS if DeliverableKind(kind) is DeliverableKind.SUBPLAN else REPORT_TEXT_FIELDS


def figure_fields(kind):
    return TARGET_FIELDS if DeliverableKind(kind) is DeliverableKind.SUBPLAN else RESULT_FIELDS


def figure_groups(kind):
    return FIGURE_GROUPS["subplan" if DeliverableKind(kind) is DeliverableKind.SUBPLAN else "report"]


def figure_key(kind):
    """Where the figures live in the content: "target" for a sub-plan, "figures" for a report."""
    return "target" if DeliverableKind(kind) is DeliverableKind.SUBPLAN else "figures"


def labels_for(kind):
    return FIELD_LABELS if DeliverableKind(kind) is DeliverableKind.SUBPLAN else RESULT_LABELS


def measures_for(kind):
    return rules.measures_for(DeliverableKind(kind).is_report)


def required_fields(kind, has_households):
    """The fields a document must have filled to be submitted: its main text and, for a
    unit with households, the poverty counts (a department's: its budget, see
    ``BUDGET_REQUIRED``)."""
    kind = DeliverableKind(kind)
    counts = REQUIRED_COUNTS["subplan" if kind is DeliverableKind.SUBPLAN else "report"] if has_households else ()
    return (*REQUIRED_TO_SUBMIT[kind], *counts)


def missing_for_submission(kind, content, has_households=False):
    """Names of required fields still empty (``BUDGET_REQUIRED`` when a department's or an
    organisation's document has no budget line at all)."""
    content = content or {}
    figures = content.get(figure_key(kind)) or {}
    texts = text_fields(kind)

    def filled(value):  # 0 households is a figure; an empty box is not
        return value is not None and str(value).strip() != ""

    missing = [f for f in required_fields(kind, has_households)
               if not filled(content.get(f) if f in texts else figures.get(f))]
    if not has_households and not budget_keys(content) and not ((content or {}).get("budget") or {}).get(
            rules.TOTAL_ROW):
        missing.append(BUDGET_REQUIRED)
    return missing


def required_label(kind, name):
    """How a missing requirement is named to the user."""
    if name == BUDGET_REQUIRED:
        return _l("Budget lines")
    return labels_for(kind)[name]


def shows_households(unit_kind, content, kind):
    """Whether a document's form and page show the household figures: a unit with households
    does; a department or organisation does not, unless figures were typed already."""
    figures = (content or {}).get(figure_key(kind)) or {}
    return unit_kind.has_households or any(v not in (None, "") for v in figures.values())


def figures_of(kind, content):
    """The figures as numbers: counts as int, typed rates as Decimal (None where empty)."""
    stored = (content or {}).get(figure_key(kind)) or {}
    out = {}
    for name in figure_fields(kind):
        value = stored.get(name)
        out[name] = None if value in (None, "") else (Decimal(str(value)) if name in RATE_FIELDS else int(value))
    return out


def budget_of(content):
    """{line key: {measure: {column: Decimal}}} from the stored strings."""
    out = {}
    for key, measures in ((content or {}).get("budget") or {}).items():
        out[str(key)] = {m: {c: Decimal(str(v)) for c, v in (cells or {}).items() if v not in (None, "")}
                         for m, cells in (measures or {}).items()}
    return out


def budget_keys(content):
    """The catalog keys of the budget lines in ``content`` (none when what is there is not
    lines at all: an API body is checked after the lines are looked up)."""
    budget = (content or {}).get("budget") if isinstance(content, dict) else None
    return {k for k in budget if isinstance(k, str) and k != rules.TOTAL_ROW} if isinstance(budget, dict) else set()


def ack_key(finding):
    """How a warning's acknowledgement is filed: the check and the field it is about."""
    return f"{finding.code}:{finding.field}"


def acknowledgements(content):
    return dict((content or {}).get("acknowledged") or {})


def check(kind, content, items, plan_row=None):
    """Every finding on a version's figures (errors first, then warnings, in form order).
    ``plan_row``: the plan's target row for the unit (``PLAN_ROW_FIELDS``), which a
    sub-plan's row is compared with and a final report's results are judged against."""
    kind = DeliverableKind(kind)
    values = figures_of(kind, content)
    if kind is DeliverableKind.SUBPLAN:
        found = rules.check_target(values, plan_row)
    else:
        found = rules.check_results(values)
        found += indicator_rules.check_builtin_targets(values, plan_row, final=indicator_rules.is_final(kind))
    found += rules.check_budget(budget_of(content), items, measures_for(kind))
    return sorted(found, key=lambda f: not f.is_error)


def goals(kind, content, plan_row):
    """{target row column: ``workflows.indicators.Goal``} of a report's built-in figures
    against the plan's target row for its unit (none for a sub-plan, or without a row)."""
    if DeliverableKind(kind) is DeliverableKind.SUBPLAN or not plan_row:
        return {}
    return {g.code: g for g in indicator_rules.builtin_goals(figures_of(kind, content), plan_row)}


def unacknowledged(findings, content):
    notes = acknowledgements(content)
    return [f for f in findings if not f.is_error and not (notes.get(ack_key(f)) or "").strip()]
