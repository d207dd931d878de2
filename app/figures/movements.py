"""The movements of the period by unit, from the latest approved reports: poor and near-poor
households that escaped poverty (*thoát nghèo*), became newly poor (*phát sinh*) or fell
back (*tái nghèo*), and the poor households that are ethnic minorities — the report's
built-in indicators beside the counts "now" of the unit table.

One list of lines for the page, Excel and Word (``Consolidation.movements``), following
its rules: a unit summed from some of the units below is partial (no figure), the units
reported so far get a line of their own, and the total is known only once every expected
unit has reported. Near-poor movements and ethnic-minority households may be left blank by
a unit: a total of some units' says how many (``PartCoverage``).
"""
from dataclasses import dataclass

from workflows.numbers import rate

POOR_MOVES = ("poor_escaped", "poor_new", "poor_fell_back")
#: Left blank by some units, so a total of them says how many gave them.
NEAR_MOVES = ("near_poor_escaped", "near_poor_new", "near_poor_fell_back")
ETHNIC = ("ethnic_poor_end",)
MOVES = (*POOR_MOVES, *NEAR_MOVES, *ETHNIC)
UNIT, COVERED, TOTAL = "unit", "covered", "total"


@dataclass
class MoveLine:
    kind: str  #: UNIT, COVERED (the units reported so far) or TOTAL
    figures: object  #: the UnitFigures of a unit line, else None
    values: dict | None  #: MOVES → count; None while not known (partial)
    ethnic_share: object = None  #: ethnic-minority poor households in percent of the poor ones

    @property
    def unit(self):
        return None if self.figures is None else self.figures.unit

    @property
    def depth(self):
        return 0 if self.figures is None else self.figures.depth


def _values(results, ethnic_known=True):
    values = {k: results.get(k) for k in MOVES}
    # The share is over the same units' poor households: unknown while some left it blank.
    share = rate(values["ethnic_poor_end"], results.get("poor_end")) if ethnic_known else None
    return values, share


def movement_lines(c):
    """The lines of the movements table for consolidation ``c``."""
    lines = []
    for u in c.units_with_figures:
        if u.is_partial:
            lines.append(MoveLine(UNIT, u, None))
        else:
            lines.append(MoveLine(UNIT, u, *_values(u.results)))
    ethnic_known = not c.ethnic_coverage.is_partial
    if c.is_partial and c.coverage.reported:
        lines.append(MoveLine(COVERED, None, *_values(c.results_total, ethnic_known)))
    lines.append(MoveLine(TOTAL, None, *(_values(c.results_total, ethnic_known) if not c.is_partial else (None,))))
    return lines


def has_movements(lines):
    """Whether any approved report gives a movement (else the table is left out)."""
    return any(any(v is not None for v in line.values.values()) for line in lines if line.values)
