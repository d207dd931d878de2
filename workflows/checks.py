"""Checks on the figures of plans, sub-plans and reports, like validation rules.

Pure functions over plain dicts of numbers; each returns ``Finding``s. An *error*
blocks submission; a *warning* may be acknowledged with a note. Messages are English
``N_`` markers with parameters, translated by the application.

Rates are always recomputed from counts (two decimals, half up); a rate a user typed
is compared with the computed one and tolerated within rounding (0,01 point), since
real plans print rates rounded from other rounded rates.
"""
from dataclasses import dataclass, field
from decimal import Decimal

from .numbers import rate
from .text import N_


ERROR = "error"
WARNING = "warning"

#: What a printed rate may differ from the computed one by, in percentage points.
RATE_TOLERANCE = Decimal("0.01")


@dataclass(frozen=True)
class Finding:
    severity: str
    code: str  #: stable identifier, e.g. "poor_over_total"
    field: str  #: the field it is about (for showing it next to the input)
    message: str  #: English, with %(name)s parameters
    params: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def is_error(self):
        return self.severity == ERROR


def _present(*values):
    return all(v is not None for v in values)


def check_part_of_total(part, total, part_field, label):
    """A count of households that are something (poor, near-poor) cannot exceed all households."""
    if _present(part, total) and part > total:
        return [Finding(ERROR, f"{part_field}_over_total", part_field,
                        N_("%(label)s (%(part)s) exceed the total households (%(total)s)."),
                        {"label": label, "part": part, "total": total})]
    return []


def tolerance(typed):
    """How far a printed rate may be from the computed one: half a unit of the last digit
    it was printed with (a target written "giảm 1%" stands for anything from 0,5 to 1,5),
    plus the 0,01 that rounding rounded rates adds."""
    exponent = Decimal(typed).as_tuple().exponent
    exponent = min(max(exponent, -2), 0)
    return Decimal(5).scaleb(exponent - 1) + RATE_TOLERANCE


def check_typed_rate(typed, part, total, rate_field):
    """A rate the user typed must match the one computed from the counts, within rounding."""
    computed = rate(part, total)
    if typed is None or computed is None:
        return []
    if abs(Decimal(typed) - computed) > tolerance(typed):
        return [Finding(WARNING, f"{rate_field}_differs", rate_field,
                        N_("The rate typed (%(typed)s%%) differs from the one computed from the counts "
                           "(%(computed)s%%)."), {"typed": Decimal(typed), "computed": computed})]
    return []


def check_reduction(start, reduction, end, end_field):
    """Start − reduction = end, for poor (or near-poor) households."""
    if _present(start, reduction, end) and start - reduction != end:
        return [Finding(ERROR, f"{end_field}_not_start_minus_reduction", end_field,
                        N_("%(start)s − %(reduction)s = %(expected)s, not %(end)s."),
                        {"start": start, "reduction": reduction, "expected": start - reduction, "end": end})]
    return []


def check_sum(total, parts, total_field, what):
    """Parts that must add up to their total (units to the plan, sub-projects to a project...)."""
    known = [p for p in parts if p is not None]
    if total is None or not known:
        return []
    summed = sum(known)
    if summed != total:
        return [Finding(ERROR, f"{total_field}_sum", total_field,
                        N_("%(what)s add up to %(sum)s, not %(total)s."),
                        {"what": what, "sum": summed, "total": total})]
    return []


def check_disbursed(allocated, disbursed, disbursed_field):
    if _present(allocated, disbursed) and disbursed > allocated:
        return [Finding(ERROR, "disbursed_over_allocated", disbursed_field,
                        N_("Disbursed (%(disbursed)s) exceeds allocated (%(allocated)s)."),
                        {"disbursed": disbursed, "allocated": allocated})]
    return []


TARGET_LABELS = {"poor": N_("Poor households"), "near_poor": N_("Near-poor households"),
                 "ethnic_poor": N_("Poor ethnic-minority households")}


def check_poor_and_near_poor(poor, near_poor, households, near_poor_field):
    """A household is poor or near-poor, not both: together they cannot exceed all households
    (said only when neither does alone, which its own check already says)."""
    if None in (poor, near_poor, households) or poor > households or near_poor > households:
        return []
    if poor + near_poor > households:
        return [Finding(ERROR, "poor_and_near_poor_over_total", near_poor_field,
                        N_("Poor and near-poor households together (%(part)s) exceed the total "
                           "households (%(total)s)."), {"part": poor + near_poor, "total": households})]
    return []


def check_target_row(row):
    """Every check of one unit's target row: counts within totals, typed rates, start − reduction = end."""
    found = []
    for prefix in ("poor", "near_poor"):
        found += check_part_of_total(row.get(f"{prefix}_start"), row.get("households_start"), f"{prefix}_start",
                                     TARGET_LABELS[prefix])
        found += check_part_of_total(row.get(f"{prefix}_end"), row.get("households_end"), f"{prefix}_end",
                                     TARGET_LABELS[prefix])
        found += check_reduction(row.get(f"{prefix}_start"), row.get(f"{prefix}_reduction"), row.get(f"{prefix}_end"),
                                 f"{prefix}_end")
    for moment in ("start", "end"):
        found += check_poor_and_near_poor(row.get(f"poor_{moment}"), row.get(f"near_poor_{moment}"),
                                          row.get(f"households_{moment}"), f"near_poor_{moment}")
    found += check_part_of_total(row.get("ethnic_poor_start"), row.get("poor_start"), "ethnic_poor_start",
                                 TARGET_LABELS["ethnic_poor"])
    for prefix in ("poor", "near_poor"):
        for moment in ("start", "end"):
            found += check_typed_rate(row.get(f"{prefix}_rate_{moment}"), row.get(f"{prefix}_{moment}"),
                                      row.get(f"households_{moment}"), f"{prefix}_rate_{moment}")
    return found


COUNT_FIELDS = ("households_start", "poor_start", "poor_reduction", "households_end", "poor_end",
                "near_poor_start", "near_poor_reduction", "near_poor_end", "ethnic_poor_start")


def check_rows_add_up(total_row, unit_rows):
    """The units' rows add up to the total row, count by count."""
    found = []
    for name in COUNT_FIELDS:
        found += check_sum(total_row.get(name), [r.get(name) for r in unit_rows], name, N_("The units' rows"))
    return found
