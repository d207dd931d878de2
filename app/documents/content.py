"""What a sub-plan and a report contain, and what must be filled before submitting.

Issue-level figures (budgets, results per period) grow here; for now a sub-plan
holds its tasks, its target row and notes, and a report its results, difficulties,
proposals and directions for the next period.
"""
from flask_babel import lazy_gettext as _l

from workflows.enums import DeliverableKind

SUBPLAN_TEXT_FIELDS = ("tasks", "responsible", "timeline", "notes")
REPORT_TEXT_FIELDS = ("results", "difficulties", "proposals", "next_steps")
TARGET_FIELDS = (
    "households_start", "poor_start", "poor_reduction", "households_end", "poor_end",
    "near_poor_start", "near_poor_reduction", "near_poor_end",
)

#: Fields that must not be empty when the head submits.
REQUIRED_TO_SUBMIT = {
    DeliverableKind.SUBPLAN: ("tasks",),
    DeliverableKind.SIX_MONTH: ("results",),
    DeliverableKind.ANNUAL: ("results",),
    DeliverableKind.ADHOC: ("results",),
}

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
    "poor_reduction": _l("Reduction in poor households"),
    "households_end": _l("Households at the end (estimate)"),
    "poor_end": _l("Poor households at the end"),
    "near_poor_start": _l("Near-poor households at the start"),
    "near_poor_reduction": _l("Reduction in near-poor households"),
    "near_poor_end": _l("Near-poor households at the end"),
}


def text_fields(kind):
    return SUBPLAN_TEXT_FIELDS if DeliverableKind(kind) is DeliverableKind.SUBPLAN else REPORT_TEXT_FIELDS


def missing_for_submission(kind, content):
    """Names of required fields that are still empty."""
    return [f for f in REQUIRED_TO_SUBMIT[DeliverableKind(kind)] if not (content.get(f) or "").strip()]
