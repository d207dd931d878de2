"""What a plan asks of its units, and by when: the rules of a schedule. Pure functions.

A schedule is a set of entries (kind, occurrence, due date): a sub-plan or none; quarterly,
six-month, nine-month (Q3 review), annual and five-year reports, each or not; quarterly
reports four times. Each entry covers the period the reporting regime gives it
(``deadlines.covered_period``). Ad-hoc reports are not part of a schedule.
"""
import datetime as dt
from dataclasses import dataclass

from .deadlines import covered_period, deadline_too_close, default_due_on
from .enums import SCHEDULED_KINDS, STANDARD_KINDS, DeliverableKind
from .text import N_


@dataclass(frozen=True)
class Entry:
    kind: DeliverableKind
    occurrence: int
    due_on: dt.date

    @property
    def key(self):
        return (self.kind, self.occurrence)


def field_name(kind, occurrence=1):
    """The form's (and the API's) name of an entry's due date: "annual_due_on", "quarterly_2_due_on"."""
    kind = DeliverableKind(kind)
    if kind is DeliverableKind.QUARTERLY:
        return f"quarterly_{occurrence}_due_on"
    return f"{kind.value}_due_on"


def slots():
    """Every (kind, occurrence) a schedule may hold, in the order it lists them."""
    return [(kind, n) for kind in SCHEDULED_KINDS for n in range(1, kind.occurrences + 1)]


def default_entries(year, kinds=STANDARD_KINDS):
    """The entries of ``kinds`` at their default due dates."""
    return [Entry(kind, n, default_due_on(kind, year, n)) for kind, n in slots() if kind in kinds]


def period(entry, year):
    return covered_period(entry.kind, year, entry.due_on, entry.occurrence)


#: The kinds whose order of due dates is fixed among themselves, when asked together.
_IN_ORDER = (DeliverableKind.SUBPLAN, DeliverableKind.SIX_MONTH, DeliverableKind.ANNUAL)


def problems(year, entries):
    """{field name: (English sentence for N_, params)} of what is wrong with the entries."""
    found = {}
    if not entries:
        found["schedule"] = (N_("Choose at least one document the units must deliver."), {})
        return found
    for entry in entries:
        name = field_name(entry.kind, entry.occurrence)
        if entry.due_on.year not in (year, year + 1):
            found[name] = (N_("The due date must fall in the plan's year (or early the next year)."), {})
    if found:
        return found
    by_kind = {e.kind: e for e in entries if e.occurrence == 1}
    ordered = [by_kind[k] for k in _IN_ORDER if k in by_kind]
    if any(a.due_on >= b.due_on for a, b in zip(ordered, ordered[1:])):
        found[field_name(ordered[1].kind)] = (
            N_("Due dates must come in order: sub-plan, six-month report, annual report."), {})
    quarters = sorted((e for e in entries if e.kind is DeliverableKind.QUARTERLY), key=lambda e: e.occurrence)
    if any(a.due_on >= b.due_on for a, b in zip(quarters, quarters[1:])):
        found[field_name(DeliverableKind.QUARTERLY, quarters[-1].occurrence)] = (
            N_("The quarters' due dates must come in order."), {})
    return found


def too_close(year, entries):
    """The entries whose due date leaves less than one working day after their period's
    cut-off (a warning: Decree 09/2019/NĐ-CP asks for one)."""
    return [e for e in entries if deadline_too_close(e.kind, year, e.due_on, e.occurrence)]
