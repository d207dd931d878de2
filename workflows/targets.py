"""Reading a plan's per-unit target table (Excel appendix layout): parse, match units,
check every row, and the rows against their total. Pure: the caller passes the units.

Rows are dicts of cell texts keyed by column (see ``app/tables.TARGET_COLUMNS``)
with the spreadsheet ``row`` number. Errors are ``RowError``s (row, column, message);
warnings (a printed rate off by more than rounding) do not block the import.

Near-poor households are optional, given at the start and the end together; their reduction
(start − end) may be negative, since they may grow; their printed rates and fall in
percentage points are checked as the poor ones are.

A plan's own indicators may come as columns too (by code or name, see
``indicator_column``): a unit's cell is its own target, the total row's the plan's. A
unit that gives only indicator targets (a department without households) leaves the
household columns empty.
"""
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .checks import check_rows_add_up, check_target_row, tolerance
from .indicators import Unreadable, check_target_value, parse_value
from .numbers import parse_count
from .poverty import points, share
from .rows import RowError
from .text import N_
from .text import fold
from .unit_names import Ambiguous, Found, Matcher, ambiguity_error

#: What a unit cell of the total row says.
TOTAL_NAMES = {"tong cong", "tong", "toan tinh", "cong", "total", "tong so"}
COUNT_COLUMNS = ("households_start", "poor_start", "poor_reduction", "households_end", "near_poor_start",
                 "near_poor_end")
RATE_COLUMNS = ("poor_rate_start", "poor_reduction_points", "poor_rate_end", "near_poor_rate_start",
                "near_poor_reduction_points", "near_poor_rate_end")
REQUIRED = ("households_start", "poor_start", "poor_reduction")
#: Near-poor households are optional, at the start and the end together; a rate printed
#: for them needs them (it is checked against them).
NEAR_POOR_COUNTS = ("near_poor_start", "near_poor_end")
NEAR_POOR_RATES = ("near_poor_rate_start", "near_poor_reduction_points", "near_poor_rate_end")
#: More households than any table can hold (and than the database's counts): a typing slip.
MAX_COUNT = 10**9


@dataclass
class TargetTable:
    rows: list = field(default_factory=list)  #: (unit id, figures dict), in file order
    total: dict | None = None  #: the total row's figures, if the file has one
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    #: (unit id, {indicator code: target}) of the rows giving indicator targets, in file order
    indicator_rows: list = field(default_factory=list)
    #: {indicator code: target} of the total row: the plan's targets
    indicator_total: dict = field(default_factory=dict)

    @property
    def ok(self):
        return not self.errors


#: Changes of a rate that may be negative: near-poor households may grow.
SIGNED = ("near_poor_reduction_points",)


def parse_rate(text, signed=False):
    """"7,97", "7.97", "7,97%" → Decimal("7.97"); with ``signed``, "-0,25" (or "−0,25") too;
    ValueError otherwise."""
    cleaned = text.strip().replace("%", "").replace(" ", "").replace(",", ".").replace("\u2212", "-")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    low = -100 if signed else 0
    if not value.is_finite() or value < low or value > 100 or value.as_tuple().exponent < -2:
        raise ValueError(text)
    return value  # as typed: its precision says how far it may be from the computed rate


def indicator_column(code):
    """The key of a plan indicator's column in the rows (its header is the indicator's code
    or name)."""
    return f"indicator:{code}"


def read_target_table(rows, units, indicators=()):
    """``units``: the plan's assigned units as ``UnitName``s (id, name, kind, code): a unit
    cell names one of them by code or by name as printed (see ``workflows.unit_names``).
    ``indicators``: the plan's own indicators (``workflows.indicators.Definition``) whose
    columns the rows may hold."""
    matcher = Matcher(units)
    table = TargetTable()
    seen = {}
    for r in rows:
        label = (r.get("unit") or "").strip()
        targets, target_errors = _indicator_targets(r, indicators)
        table.errors += target_errors
        only_indicators = (targets or target_errors) and not any(
            (r.get(c) or "").strip() for c in COUNT_COLUMNS + RATE_COLUMNS)
        figures, row_errors = ({}, []) if only_indicators else _figures(r)
        table.errors += row_errors
        if fold(label) in TOTAL_NAMES:
            if table.total is not None:
                table.errors.append(RowError(r["row"], "unit", N_("The file has two total rows.")))
            table.indicator_total = targets
            if not only_indicators:
                table.total = {**figures, "row": r["row"]}
            continue
        if not label:
            table.errors.append(RowError(r["row"], "unit", N_("The unit is missing.")))
            continue
        found = matcher.match(label)
        if isinstance(found, Ambiguous):
            table.errors.append(ambiguity_error(r["row"], "unit", label, found))
            continue
        if not isinstance(found, Found):
            table.errors.append(RowError(r["row"], "unit", N_("«%(unit)s» is not a unit of this plan."),
                                         {"unit": label}))
            continue
        unit_id = found.unit.id
        if unit_id in seen:
            table.errors.append(RowError(r["row"], "unit", N_("The unit is already on row %(other)d."),
                                         {"other": seen[unit_id]}))
            continue
        seen[unit_id] = r["row"]
        if targets:
            table.indicator_rows.append((unit_id, targets))
        if not row_errors and not only_indicators:
            _check(r["row"], figures, table)
            table.rows.append((unit_id, figures))
    if table.total is not None and not table.errors:
        total_row = table.total["row"]
        for finding in check_rows_add_up(table.total, [f for _u, f in table.rows]):
            if finding.field not in COUNT_COLUMNS:
                continue  # derived (poor at the end): wrong only if a typed column is, already reported
            table.errors.append(RowError(total_row, finding.field,
                                         N_("The units' rows add up to %(sum)s, not %(total)s."),
                                         {"sum": finding.params["sum"], "total": finding.params["total"]}))
        _check(total_row, table.total, table)
    return table


def _indicator_targets(r, indicators):
    """{code: target} of the indicator cells of row ``r`` that are filled, and their errors."""
    targets, errors = {}, []
    for d in indicators:
        column = indicator_column(d.code)
        try:
            value = parse_value(d.unit, r.get(column))
        except Unreadable as exc:
            errors.append(RowError(r["row"], column, exc.message, {}))
            continue
        if value is None:
            continue
        found = check_target_value(d, value, column)
        if found:
            errors += [RowError(r["row"], column, f.message, f.params) for f in found]
        else:
            targets[d.code] = value
    return targets, errors


def _figures(r):
    figures, errors = {}, []
    for column in COUNT_COLUMNS:
        text = (r.get(column) or "").strip()
        if not text:
            figures[column] = None
            continue
        try:
            figures[column] = parse_count(text)
        except ValueError:  # NumberFormatError, or more digits than Python turns into a number
            errors.append(RowError(r["row"], column, N_("«%(value)s» is not a whole number of households."),
                                   {"value": text}))
            continue
        if figures[column] > MAX_COUNT:
            errors.append(RowError(r["row"], column, N_("This number is too large.")))
    for column in RATE_COLUMNS:
        text = (r.get(column) or "").strip()
        if not text:
            figures[column] = None
            continue
        try:
            figures[column] = parse_rate(text, signed=column in SIGNED)
        except ValueError:
            errors.append(RowError(r["row"], column, N_("«%(value)s» is not a rate in percent, e.g. 7,97."),
                                   {"value": text}))
    for column in REQUIRED:
        if column in figures and figures[column] is None and not any(e.column == column for e in errors):
            errors.append(RowError(r["row"], column, N_("This figure is required.")))
    errors += _near_poor_errors(r["row"], figures, errors)
    if not errors:
        if figures["households_end"] is None:
            figures["households_end"] = figures["households_start"]
        figures["poor_end"] = figures["poor_start"] - figures["poor_reduction"]
        if figures["poor_end"] < 0:
            errors.append(RowError(r["row"], "poor_reduction",
                                   N_("The reduction (%(reduction)s) is larger than the poor households (%(poor)s)."),
                                   {"reduction": figures["poor_reduction"], "poor": figures["poor_start"]}))
        start, end = figures["near_poor_start"], figures["near_poor_end"]
        # Near-poor households may grow (the poor who escape often become near-poor): a
        # negative reduction is a figure, not a mistake.
        figures["near_poor_reduction"] = None if start is None else start - end
    return figures, errors


def _near_poor_errors(row_number, figures, errors):
    """Both near-poor counts or neither; no near-poor rate without them."""
    unreadable = {e.column for e in errors}
    given = [c for c in NEAR_POOR_COUNTS if figures.get(c) is not None or c in unreadable]
    out = []
    if len(given) == 1:
        missing = next(c for c in NEAR_POOR_COUNTS if c not in given)
        out.append(RowError(row_number, missing, N_("Give the near-poor households both at the start and at "
                                                    "the end, or neither.")))
    elif not given:
        out += [RowError(row_number, column, N_("A near-poor rate needs the near-poor households it is computed "
                                                "from: give them too."))
                for column in NEAR_POOR_RATES if figures.get(column) is not None]
    return out


def _check(row_number, figures, table):
    for finding in check_target_row(figures):
        target = table.errors if finding.is_error else table.warnings
        # Poor households at the end are derived (start − reduction): name a column of the file.
        column = "households_end" if finding.field == "poor_end" else finding.field
        target.append(RowError(row_number, column, finding.message, finding.params))
    for prefix in ("poor", "near_poor"):
        typed = figures.get(f"{prefix}_reduction_points")
        computed = points(share(figures, f"{prefix}_start"), share(figures, f"{prefix}_end"))
        # Plans print the difference of the two rounded rates: tolerated within rounding.
        if typed is not None and computed is not None and abs(typed - computed) > tolerance(typed):
            table.warnings.append(RowError(row_number, f"{prefix}_reduction_points",
                                           N_("The reduction typed (%(typed)s points) differs from the one computed "
                                              "from the counts (%(computed)s points)."),
                                           {"typed": typed, "computed": computed}))
