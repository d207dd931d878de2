"""A plan's indicators: the built-in poverty figures and the plan's own, and their rules.

Pure: definitions and numbers in, numbers and ``checks.Finding``s out.

Every plan has the **built-in** indicators (``BUILTINS``): they are the figures a report
already carries (``workflows/figures.py``: households, poor, near-poor and ethnic-minority
poor households, the flows in and out of poverty) read under a stable code, with their
rates and the rates' changes in percentage points computed from those counts. A plan adds
**its own** (``Definition``), each of a kind:

* a **count** (houses built, models set up, people trained), summed up the unit tree;
* a **ratio**, numerator ÷ denominator, each a count of the plan or a built-in count: its
  rate is always recomputed from the summed counts, never averaged;
* a **value** that is not summed: a yes/no, a score, a percentage a unit states.

Each has a direction (at least, at most, exactly) and may have the plan's target and
per-unit targets. Missing a target is a warning to explain, never an error.

The built-in figures' targets are the unit's row in the plan's target table (``Goal``,
``builtin_goals``): poor and near-poor households at the end and their rates (at most),
the reductions in households (at least).
"""
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .checks import ERROR, RATE_TOLERANCE, WARNING, Finding, tolerance
from .enums import DeliverableKind, Direction, IndicatorKind, MeasureUnit
from .numbers import NumberFormatError, parse_amount, parse_count, rate
from .text import N_

COUNT, RATIO, VALUE = IndicatorKind.COUNT, IndicatorKind.RATIO, IndicatorKind.VALUE

#: A code: a letter, then letters, digits, "_", "-" or "."; at most 40 characters.
CODE_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]{0,39}\Z")
MAX_NAME = 255
#: The units a count may be measured in (a percentage or a yes/no does not add up).
COUNT_UNITS = frozenset({MeasureUnit.HOUSEHOLDS, MeasureUnit.PEOPLE, MeasureUnit.HOUSES, MeasureUnit.MODELS,
                         MeasureUnit.MILLION_VND})
#: The largest target or value taken (as the figures' counts and amounts).
MAX_NUMBER = Decimal(10) ** 9

#: The check of a required value left empty (the edit page leaves it to the submission).
MISSING = "indicator_missing"

DIRECTION_WORDS = {Direction.AT_LEAST: N_("at least"), Direction.AT_MOST: N_("at most"),
                   Direction.EXACTLY: N_("exactly")}


@dataclass(frozen=True)
class Definition:
    """What an indicator is. ``numerator``/``denominator``: codes, for a ratio only."""

    code: str
    name: str
    unit: MeasureUnit
    kind: IndicatorKind
    direction: Direction | None = None
    numerator: str | None = None
    denominator: str | None = None
    #: The plan's target: for a count the whole plan's total, for a ratio or a value what
    #: every unit without a target of its own must reach.
    target: Decimal | None = None
    #: A unit that owes it must give it before submitting.
    is_required: bool = True
    #: For a built-in change: the ratio whose change in percentage points it is.
    change_of: str | None = None
    #: How its value is filed in a report (the built-ins: their code; the plan's own: the
    #: application's key, which survives a change of code).
    key: str = ""

    @property
    def is_builtin(self):
        return self.code in BUILTIN_CODES

    @property
    def field(self):
        """The name of its input (and of the findings about it)."""
        return f"indicator-{self.key or self.code}"

    @property
    def operands(self):
        return (self.numerator, self.denominator) if self.kind is RATIO and not self.change_of else ()


def _count(code, name, direction=Direction.AT_MOST):
    return Definition(code, name, MeasureUnit.HOUSEHOLDS, COUNT, direction)


def _ratio(code, name, numerator, denominator="households"):
    return Definition(code, name, MeasureUnit.PERCENT, RATIO, Direction.AT_MOST, numerator, denominator)


def _change(code, name, of):
    return Definition(code, name, MeasureUnit.PERCENT, RATIO, Direction.AT_MOST, change_of=of)


BUILTINS = (
    _count("households", N_("Households"), direction=None),
    _count("poor", N_("Poor households")),
    _count("near_poor", N_("Near-poor households")),
    _count("ethnic_poor", N_("Poor ethnic-minority households")),
    _ratio("poor_rate", N_("Poverty rate"), "poor"),
    _ratio("near_poor_rate", N_("Near-poverty rate"), "near_poor"),
    _ratio("ethnic_poor_rate", N_("Rate of poor ethnic-minority households"), "ethnic_poor"),
    _change("poor_rate_change", N_("Change in the poverty rate"), "poor_rate"),
    _change("near_poor_rate_change", N_("Change in the near-poverty rate"), "near_poor_rate"),
    _change("ethnic_poor_rate_change", N_("Change in the rate of poor ethnic-minority households"),
            "ethnic_poor_rate"),
    _count("poor_escaped", N_("Households escaped poverty"), Direction.AT_LEAST),
    _count("poor_new", N_("Newly poor households")),
    _count("poor_fell_back", N_("Households fallen back into poverty")),
    _count("near_poor_escaped", N_("Households escaped near-poverty"), Direction.AT_LEAST),
    _count("near_poor_new", N_("Newly near-poor households")),
    _count("near_poor_fell_back", N_("Households fallen back into near-poverty")),
)
BUILTIN_CODES = frozenset(d.code for d in BUILTINS)
BUILTIN_BY_CODE = {d.code: d for d in BUILTINS}

#: Where a report's results (``figures.RESULT_COUNTS``) hold each built-in count now, and
#: where a target row (``figures.TARGET_COUNTS``) holds it at the start and at the end.
RESULT_FIELDS = {"households": "households_end", "poor": "poor_end", "near_poor": "near_poor_end",
                 "ethnic_poor": "ethnic_poor_end", "poor_escaped": "poor_escaped", "poor_new": "poor_new",
                 "poor_fell_back": "poor_fell_back", "near_poor_escaped": "near_poor_escaped",
                 "near_poor_new": "near_poor_new", "near_poor_fell_back": "near_poor_fell_back"}
RESULT_START_FIELDS = {"poor": "poor_start", "near_poor": "near_poor_start"}
TARGET_END_FIELDS = {"households": "households_end", "poor": "poor_end", "near_poor": "near_poor_end"}
TARGET_START_FIELDS = {"households": "households_start", "poor": "poor_start", "near_poor": "near_poor_start",
                       "ethnic_poor": "ethnic_poor_start"}


def builtin_counts(results=None, baseline=None):
    """The built-in counts of one unit: ({code: now}, {code: at the start of the year}).

    ``results``: a report's results (``figures.RESULT_FIELDS``); ``baseline``: the plan's
    target row for the unit (``figures.TARGET_FIELDS``), which gives what the report does
    not (households at the start). Without results, the row's end targets stand for now.
    """
    results, baseline = results or {}, baseline or {}
    if results:
        now = {code: results.get(name) for code, name in RESULT_FIELDS.items()}
    else:
        now = {code: baseline.get(name) for code, name in TARGET_END_FIELDS.items()}
    start = {code: baseline.get(name) for code, name in TARGET_START_FIELDS.items()}
    for code, name in RESULT_START_FIELDS.items():
        if results.get(name) is not None:
            start[code] = results[name]
    return now, start


# --- reading what is typed ----------------------------------------------------------

class Unreadable(ValueError):
    """What was typed is not a number of the indicator's unit; ``message``: what to type."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def parse_value(unit, text):
    """A number as typed for ``unit``: whole counts "1.234"; amounts and scores "1.234,5";
    percentages "98", "97,5" or "97,5%" (0–100); yes/no "1"/"0" (or có/không, yes/no).
    Empty → None. Raises ``Unreadable`` with the sentence to show."""
    raw = (text or "").strip()
    if not raw:
        return None
    unit = MeasureUnit(unit)
    try:
        if unit is MeasureUnit.YES_NO:
            answer = YES_NO_WORDS.get(raw.lower())
            if answer is None:
                raise NumberFormatError(raw)
            return answer
        if unit.is_whole:
            return Decimal(parse_count(raw))
        if unit is MeasureUnit.PERCENT:
            return _percent(raw)
        return parse_amount(raw)
    except (NumberFormatError, InvalidOperation) as exc:
        raise Unreadable(UNIT_FORMATS[unit]) from exc


YES_NO_WORDS = {"1": Decimal(1), "0": Decimal(0), "có": Decimal(1), "co": Decimal(1), "không": Decimal(0),
                "khong": Decimal(0), "yes": Decimal(1), "no": Decimal(0)}
UNIT_FORMATS = {
    MeasureUnit.HOUSEHOLDS: N_("Enter a whole number, e.g. 1.234."),
    MeasureUnit.PEOPLE: N_("Enter a whole number, e.g. 1.234."),
    MeasureUnit.HOUSES: N_("Enter a whole number, e.g. 1.234."),
    MeasureUnit.MODELS: N_("Enter a whole number, e.g. 1.234."),
    MeasureUnit.PERCENT: N_("Enter a percentage between 0 and 100, e.g. 97,5."),
    MeasureUnit.MILLION_VND: N_("Enter an amount in million VND, e.g. 1.234,5."),
    MeasureUnit.YES_NO: N_("Answer yes (1) or no (0)."),
    MeasureUnit.SCORE: N_("Enter a number, e.g. 8,5."),
}


def _percent(raw):
    value = Decimal(raw.replace("%", "").replace(" ", "").replace(",", "."))
    if not value.is_finite() or value.as_tuple().exponent < -2:
        raise NumberFormatError(raw)
    return value  # 0–100 is a check of its own (``check_values``), named as such


# --- definitions ----------------------------------------------------------------------

def _error(check, field, message, **params):
    return Finding(ERROR, check, field, message, params)


def check_definition(d, others):
    """What is wrong with definition ``d`` (Findings, by form field). ``others``: the other
    indicators of the plan (``Definition``s), built-ins excluded — they are known here."""
    found = []
    if not (d.name or "").strip():
        found.append(_error("name_missing", "name", N_("Give the indicator a name.")))
    elif len(d.name) > MAX_NAME:
        found.append(_error("name_too_long", "name", N_("A name has at most %(max)d characters."), max=MAX_NAME))
    taken = {o.code.lower(): o for o in others}
    if not CODE_PATTERN.match(d.code or ""):
        found.append(_error("code_format", "code", N_(
            "A code starts with a letter and has letters, digits, \"_\", \"-\" or \".\" (at most 40), e.g. BHYT_CN.")))
    elif d.code.lower() in {c.lower() for c in BUILTIN_CODES}:
        found.append(_error("code_builtin", "code", N_("%(code)s is the code of a built-in indicator."),
                            code=d.code))
    elif d.code.lower() in taken:
        found.append(_error("code_taken", "code", N_("%(code)s is already the code of «%(name)s» in this plan."),
                            code=d.code, name=taken[d.code.lower()].name))
    if d.kind is COUNT and d.unit not in COUNT_UNITS:
        found.append(_error("count_unit", "unit", N_(
            "A count is of households, people, houses, models or million VND: a percentage or a yes/no does "
            "not add up. Make it a ratio or a value.")))
    if d.kind is RATIO and d.unit is not MeasureUnit.PERCENT:
        found.append(_error("ratio_unit", "unit", N_("A ratio is a percentage: choose %.")))
    if d.direction is None:
        found.append(_error("direction_missing", "direction", N_("Choose at least, at most or exactly.")))
    if d.kind is RATIO:
        found += _check_operands(d, {**{c.lower(): b for c, b in BUILTIN_BY_CODE.items()}, **taken})
    found += check_target_value(d, d.target, "target")
    return found


def _check_operands(d, known):
    found = []
    for field, code in (("numerator", d.numerator), ("denominator", d.denominator)):
        if not code:
            found.append(_error(f"{field}_missing", field, N_("Choose the count it is computed from.")))
            continue
        operand = known.get(code.lower())
        if operand is None or code.lower() == (d.code or "").lower():
            found.append(_error(f"{field}_unknown", field, N_("%(code)s is not a count of this plan."), code=code))
        elif operand.kind is not COUNT:
            found.append(_error(f"{field}_not_count", field, N_(
                "«%(name)s» is not a count: a ratio is computed from two counts."), name=operand.name))
    if d.numerator and d.denominator and d.numerator.lower() == d.denominator.lower():
        found.append(_error("operands_same", "denominator", N_("The numerator and the denominator must differ.")))
    return found


def check_target_value(d, value, field):
    """A target for ``d`` (the plan's or a unit's): not negative, a percentage within 0–100,
    whole for whole units, a yes/no 0 or 1."""
    if value is None:
        return []
    if value < 0 or value >= MAX_NUMBER:
        return [_error("target_range", field, N_("A target lies between 0 and 1.000.000.000."))]
    if d.unit is MeasureUnit.PERCENT and value > 100:
        return [_error("target_percent", field, N_("A percentage lies between 0 and 100, not %(value)s."),
                       value=value)]
    if d.unit is MeasureUnit.YES_NO and value not in (0, 1):
        return [_error("target_yes_no", field, N_("The target of a yes/no is yes (1) or no (0)."))]
    if d.unit.is_whole and value != value.to_integral_value():
        return [_error("target_whole", field, N_("%(unit)s are counted in whole numbers."),
                       unit=UNIT_NAMES[d.unit])]
    return []


UNIT_NAMES = {
    MeasureUnit.HOUSEHOLDS: N_("households"), MeasureUnit.PEOPLE: N_("people"), MeasureUnit.HOUSES: N_("houses"),
    MeasureUnit.MODELS: N_("models"), MeasureUnit.PERCENT: "%", MeasureUnit.MILLION_VND: N_("million VND"),
    MeasureUnit.YES_NO: N_("yes/no"), MeasureUnit.SCORE: N_("points"),
}


def unit_name(d):
    """How the numbers of ``d`` are read: "households", "%", "percentage points"..."""
    return N_("percentage points") if d.change_of else UNIT_NAMES[d.unit]


def unit_target(d, own=None):
    """The target a unit must reach: its own if the plan set one; else, for a ratio or a
    value, the plan's (every unit at 98 %); a count's plan target is the total, nobody's own."""
    if own is not None:
        return own
    return None if d.kind is COUNT else d.target


def owed(definitions, assigned):
    """The plan's own indicators a unit gives: those assigned to it, and the counts its
    ratios are computed from (in the plan's order). ``assigned``: codes."""
    by_code = {d.code: d for d in definitions}
    wanted = set(assigned)
    for code in assigned:
        d = by_code.get(code)
        wanted.update(c for c in (d.operands if d else ()) if c in by_code)
    return [d for d in definitions if d.code in wanted]


def used_by(code, definitions):
    """The ratios of the plan computed from ``code``."""
    return [d for d in definitions if code in d.operands]


# --- values, totals -----------------------------------------------------------------

def evaluate(d, now, start=None, by_code=None):
    """The value of ``d`` for a unit (or a total): ``now``/``start``: {code: number} of the
    counts and values; ratios and changes are computed from them."""
    start = start or {}
    if d.change_of:
        ratio = (by_code or BUILTIN_BY_CODE)[d.change_of]
        end, begin = evaluate(ratio, now), evaluate(ratio, start)
        return None if None in (end, begin) else end - begin
    if d.kind is RATIO:
        return rate(now.get(d.numerator), now.get(d.denominator))
    return now.get(d.code)


@dataclass(frozen=True)
class Total:
    """An indicator over several units: its value, and how many units gave it."""

    value: Decimal | None
    reported: int
    numerator: Decimal | None = None
    denominator: Decimal | None = None


def _sum(values):
    known = [v for v in values if v is not None]
    return sum(known, start=Decimal(0)) if known else None


def _ratio_sums(d, rows):
    """The summed numerator and denominator over the units that gave both (a unit that gave
    one without the other would tilt the rate), and how many did."""
    pairs = [(r.get(d.numerator), r.get(d.denominator)) for r in rows]
    pairs = [(n, m) for n, m in pairs if n is not None and m is not None]
    if not pairs:
        return None, None, 0
    return sum(Decimal(n) for n, _ in pairs), sum(Decimal(m) for _, m in pairs), len(pairs)


def rollup(definitions, units):
    """{code: Total} over ``units`` (a list of (now, start) pairs of {code: number}).

    Counts are summed; a ratio's rate is recomputed from its summed numerator and
    denominator, a change from the rates of the summed counts at the start and now —
    never an average of the units' rates. A value is not summed (None)."""
    by_code = {**BUILTIN_BY_CODE, **{d.code: d for d in definitions}}
    out = {}
    for d in definitions:
        if d.change_of:
            ratio = by_code[d.change_of]
            operands = (ratio.numerator, ratio.denominator)
            complete = [(n, s) for n, s in units if all(x.get(c) is not None for x in (n, s) for c in operands)]
            end = rate(*_ratio_sums(ratio, [n for n, _ in complete])[:2])
            begin = rate(*_ratio_sums(ratio, [s for _, s in complete])[:2])
            out[d.code] = Total(None if None in (end, begin) else end - begin, len(complete))
        elif d.kind is RATIO:
            numerator, denominator, reported = _ratio_sums(d, [n for n, _ in units])
            out[d.code] = Total(rate(numerator, denominator), reported, numerator, denominator)
        elif d.kind is COUNT:
            values = [n.get(d.code) for n, _ in units]
            out[d.code] = Total(_sum(values), sum(v is not None for v in values))
        else:
            out[d.code] = Total(None, sum(n.get(d.code) is not None for n, _ in units))
    return out


def meets(direction, achieved, target):
    """Whether ``achieved`` lands on the right side of ``target`` (True when either is unknown)."""
    if None in (achieved, target, direction):
        return True
    achieved, target = Decimal(achieved), Decimal(target)
    if direction is Direction.AT_LEAST:
        return achieved >= target
    if direction is Direction.AT_MOST:
        return achieved <= target
    return achieved == target


def check_values(definitions, now, targets=None, final=True):
    """The checks of the indicators a unit gives in a report (``definitions``: those it owes
    — a built-in count among them only where the unit types it, having no figures of its
    own; ``now``: {code: number}, the built-in counts included; ``targets``: {code: the
    unit's target}, see ``unit_target``):

    * a required count or value is present (error);
    * a ratio's numerator is within its denominator (error);
    * a percentage lies between 0 and 100, a yes/no is 0 or 1 (error);
    * achieved against target, in the indicator's direction (a warning to explain), in the
      report that closes the target's period only (``final``): half-way, a count is
      expected to be short of its yearly target.
    """
    targets = targets or {}
    by_code = {**BUILTIN_BY_CODE, **{d.code: d for d in definitions}}
    found = []
    for d in definitions:
        value = evaluate(d, now, by_code=by_code)
        if d.kind is not RATIO and d.is_required and value is None:
            found.append(_error(MISSING, d.field, N_("%(name)s: required; enter a value (0 if none)."),
                                name=d.name))
            continue
        if d.kind is RATIO and not d.change_of:
            part, whole = now.get(d.numerator), now.get(d.denominator)
            if None not in (part, whole) and part > whole:
                found.append(_error("indicator_over_denominator", d.field, N_(
                    "%(name)s: %(numerator)s (%(part)s) exceed %(denominator)s (%(whole)s)."), name=d.name,
                    numerator=by_code[d.numerator].name, part=part, denominator=by_code[d.denominator].name,
                    whole=whole))
                continue
        elif d.unit is MeasureUnit.PERCENT and value is not None and not 0 <= value <= 100:
            found.append(_error("indicator_percent_range", d.field, N_(
                "%(name)s: a percentage lies between 0 and 100, not %(value)s."), name=d.name, value=value))
            continue
        elif d.unit is MeasureUnit.YES_NO and value is not None and value not in (0, 1):
            found.append(_error("indicator_yes_no", d.field, N_("%(name)s: answer yes (1) or no (0)."),
                                name=d.name))
            continue
        target = targets.get(d.code)
        if final and not meets(d.direction, value, target):
            found.append(Finding(WARNING, "indicator_target", d.field, N_(
                "%(name)s: %(achieved)s %(unit)s achieved; the target is %(direction)s %(target)s %(unit)s. "
                "Explain the difference."), {"name": d.name, "achieved": Decimal(value), "target": Decimal(target),
                                             "direction": DIRECTION_WORDS[d.direction], "unit": unit_name(d)}))
    return found


# --- the built-in figures against the plan's target row -------------------------------

#: The reports that close the targets' period (the year's annual report, the five-year
#: review): there a missed target is a warning to explain; half-way, being short is expected.
FINAL_KINDS = frozenset({DeliverableKind.ANNUAL, DeliverableKind.FIVE_YEAR})


def is_final(kind):
    """Whether a report of ``kind`` is judged against the year's targets."""
    return DeliverableKind(kind) in FINAL_KINDS


@dataclass(frozen=True)
class Goal:
    """A target the plan's row sets a unit for a built-in figure, and what its report achieved.

    ``code``: the target row's column it comes from; ``field``: the report's field it is
    shown (and explained) at; ``slack``: what a rate target tolerates — a rate is rounded
    to two decimals, a printed one maybe to fewer (``checks.tolerance``), so a unit on its
    counts' target is not told it missed the rate by 0,01."""

    code: str
    name: str
    field: str
    direction: Direction
    unit: MeasureUnit
    target: Decimal | int
    achieved: Decimal | int | None
    slack: Decimal = Decimal(0)

    @property
    def meets(self):
        if self.achieved is None:
            return True
        if self.direction is Direction.AT_MOST:
            return self.achieved <= self.target + self.slack
        return self.achieved >= self.target - self.slack


#: Per group: (prefix, the end count's name, the end rate's name, the reduction's name,
#: the report field a rate's warning is shown at).
_GOAL_GROUPS = (
    ("poor", N_("Poor households at the end"), N_("Poverty rate at the end"), N_("Reduction in poor households"),
     "poor_rate_end"),
    ("near_poor", N_("Near-poor households at the end"), N_("Near-poverty rate at the end"),
     N_("Reduction in near-poor households"), "near_poor_end"),
)


def _group_goals(prefix, names, rate_field, results, row):
    count_name, rate_name, reduction_name = names
    end, households = results.get(f"{prefix}_end"), results.get("households_end")
    goals = []
    if row.get(f"{prefix}_end") is not None:
        goals.append(Goal(f"{prefix}_end", count_name, f"{prefix}_end", Direction.AT_MOST, MeasureUnit.HOUSEHOLDS,
                          row[f"{prefix}_end"], end))
    printed = row.get(f"{prefix}_rate_end")
    target_rate = Decimal(printed) if printed is not None else rate(row.get(f"{prefix}_end"),
                                                                    row.get("households_end"))
    if target_rate is not None:
        goals.append(Goal(f"{prefix}_rate_end", rate_name, rate_field, Direction.AT_MOST, MeasureUnit.PERCENT,
                          target_rate, rate(end, households),
                          tolerance(printed) if printed is not None else RATE_TOLERANCE))
    if row.get(f"{prefix}_reduction") is not None:
        start = results.get(f"{prefix}_start")
        start = row.get(f"{prefix}_start") if start is None else start
        goals.append(Goal(f"{prefix}_reduction", reduction_name, f"{prefix}_end", Direction.AT_LEAST,
                          MeasureUnit.HOUSEHOLDS, row[f"{prefix}_reduction"],
                          None if None in (start, end) else start - end))
    return goals


def builtin_goals(results, row):
    """The targets the plan's target ``row`` for a unit sets its built-in figures, with what
    the report's ``results`` achieved (``figures.RESULT_FIELDS``; ``row``:
    ``figures.TARGET_FIELDS`` and the near-poor rates), in this order per group:

    * poor (near-poor) households at the end, at most;
    * their rate at the end, at most: the rate printed in the plan, else the one of its
      counts, either within rounding;
    * the reduction in households, at least: the start (the report's, else the plan's)
      minus the end.

    Only the targets the row sets."""
    results, row = results or {}, row or {}
    return [g for prefix, *names, rate_field in _GOAL_GROUPS
            for g in _group_goals(prefix, names, rate_field, results, row)]


_MISSED = {
    Direction.AT_MOST: N_("%(name)s: %(achieved)s %(unit)s, the target is at most %(target)s %(unit)s. "
                          "Explain the difference."),
    Direction.AT_LEAST: N_("%(name)s: %(achieved)s %(unit)s, the target is at least %(target)s %(unit)s. "
                           "Explain the difference."),
}


def check_builtin_targets(results, row, final=True):
    """A report's built-in figures against the plan's target row (``builtin_goals``): a
    missed target is a warning to explain, in the report that closes the targets' period
    only (``final``, see ``check_values``). One warning per group (poor, near-poor): the end
    count's, else the rate's, else the reduction's — when the count is missed its rate and
    its reduction usually are too, and one explanation says why."""
    if not final:
        return []
    results, row, found = results or {}, row or {}, []
    for prefix, *names, rate_field in _GOAL_GROUPS:
        missed = next((g for g in _group_goals(prefix, names, rate_field, results, row) if not g.meets), None)
        if missed is not None:
            found.append(Finding(WARNING, f"{missed.code}_target", missed.field, _MISSED[missed.direction], {
                "name": missed.name, "achieved": missed.achieved, "target": missed.target,
                "unit": UNIT_NAMES[missed.unit]}))
    return found
