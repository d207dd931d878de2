"""The indicators a report carries (issue 16): those its unit owes, the unit's targets,
what it typed and what is computed from it, and their checks.

The rules are in ``workflows/indicators.py``; the plan says who reports what
(``Indicator``, ``IndicatorAssignment``). A report's unit owes the plan's indicators
assigned to it and the counts its ratios are computed from. The built-in counts come
from the report's figures; a unit without household figures (a department) types the
built-in counts its ratios need beside its own. Values live in the version's content
(``content.INDICATORS_KEY``), so a returned report keeps what it said.
"""
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _

from workflows import indicators as rules
from workflows.enums import IndicatorKind, MeasureUnit

from .content import INDICATORS_KEY, figures_of


@dataclass
class Owed:
    """What a report's unit owes: ``definitions`` in the order shown (built-in counts it
    types first, then the plan's own), ``inputs`` those it types (counts and values), and
    ``targets`` {code: the unit's target}."""

    definitions: list = field(default_factory=list)
    inputs: list = field(default_factory=list)
    targets: dict = field(default_factory=dict)


def input_unit(d):
    return MeasureUnit.PERCENT if d.kind is IndicatorKind.RATIO else d.unit


def owed(deliverable):
    """The indicators ``deliverable``'s unit gives in it (none in a sub-plan)."""
    if not deliverable.kind.is_report:
        return Owed()
    assignment = deliverable.assignment
    return owed_by(assignment.plan, assignment.id, assignment.unit.kind.has_households)


def owed_by(plan, assignment_id, has_households):
    """The indicators of ``plan`` the assignment's unit gives in its reports."""
    mine = {i.code: r for i in plan.indicators for r in i.reporters if r.assignment_id == assignment_id}
    if not mine:
        return Owed()
    definitions = rules.owed([i.definition for i in plan.indicators], list(mine))
    targets = {d.code: rules.unit_target(d, getattr(mine.get(d.code), "target", None)) for d in definitions}
    typed_builtins = []
    if not has_households:
        for code in dict.fromkeys(c for d in definitions for c in d.operands if c in rules.BUILTIN_BY_CODE):
            typed_builtins.append(replace(rules.BUILTIN_BY_CODE[code], key=code))
    definitions = typed_builtins + definitions
    return Owed(definitions, [d for d in definitions if d.kind is not IndicatorKind.RATIO], targets)


def _number(value):
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def baseline(plan, unit_id):
    """The plan's target row for the unit, as a dict (the counts at the start of the year)."""
    row = next((t for t in plan.targets if t.unit_id == unit_id), None)
    if row is None:
        return {}
    return {name: getattr(row, name) for name in set(rules.TARGET_START_FIELDS.values())
            | set(rules.TARGET_END_FIELDS.values())}


def counts(deliverable, content, owing=None):
    """(now, start) of ``deliverable``'s report: see ``counts_of``."""
    owing = owing or owed(deliverable)
    return counts_of(deliverable.kind, content, baseline(deliverable.plan, deliverable.assignment.unit_id), owing)


def counts_of(kind, content, plan_row, owing):
    """(now, start): {code: number} the checks and totals read — the built-in counts from
    the report's figures (the start of the year from the plan's target row ``plan_row``),
    what the unit typed for the plan's own and, without figures, for the built-ins it owes."""
    results = figures_of(kind, content) if kind.is_report else {}
    now, start = rules.builtin_counts(results, plan_row)
    typed = (content or {}).get(INDICATORS_KEY) or {}
    if isinstance(typed, dict):
        for d in owing.inputs:
            value = _number(typed.get(d.key or d.code))
            if value is not None or d.code not in now:
                now[d.code] = value
    return now, start


def is_final(deliverable):
    """A report that closes the targets' period (the year's annual report, the five-year
    review): there, a missed target is a warning; half-way through, being short is expected."""
    return rules.is_final(deliverable.kind)


def findings(deliverable, content, plan_row=None):
    """The checks of the indicators in ``content`` (``workflows.indicators.check_values``).
    ``plan_row``: the unit's row of the plan's target table as a dict, when the caller has
    read it already (the reviewer's queue, for many documents at once)."""
    owing = owed(deliverable)
    if not owing.definitions:
        return []
    if plan_row is None:
        now, _start = counts(deliverable, content, owing)
    else:
        now, _start = counts_of(deliverable.kind, content, plan_row, owing)
    return rules.check_values(owing.definitions, now, owing.targets, final=is_final(deliverable))


@dataclass(frozen=True)
class Line:
    """One indicator as a report shows it."""

    definition: object
    target: Decimal | None
    value: Decimal | None  #: typed, or computed (a ratio's rate)
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    final: bool = True  #: the report closes the target's period (``is_final``)

    @property
    def is_input(self):
        return self.definition.kind is not IndicatorKind.RATIO

    @property
    def unit(self):
        return input_unit(self.definition)

    @property
    def meets(self):
        return rules.meets(self.definition.direction, self.value, self.target)

    @property
    def missed(self):
        """Short of its target in the report that closes the target's period: half-way
        through, being short is expected (as ``findings`` warns only then)."""
        return self.final and not self.meets


def lines(deliverable, content):
    """The indicators of a report, with the unit's target and what was achieved."""
    owing = owed(deliverable)
    if not owing.definitions:
        return []
    now, _start = counts(deliverable, content, owing)
    by_code = {**rules.BUILTIN_BY_CODE, **{d.code: d for d in owing.definitions}}
    final = is_final(deliverable)
    out = []
    for d in owing.definitions:
        value = rules.evaluate(d, now, by_code=by_code)
        out.append(Line(d, owing.targets.get(d.code), value, now.get(d.numerator) if d.numerator else None,
                        now.get(d.denominator) if d.denominator else None, final))
    return out


def names(plan):
    """{key under which a value is filed: the indicator's name} of the plan's indicators."""
    return {**{d.code: _(d.name) for d in rules.BUILTINS}, **{str(i.id): i.name for i in plan.indicators}}
