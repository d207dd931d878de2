"""The units' budget lines against the plan's own budget, line by line as the consolidation
page shows them, for the Excel sheet, the CSV and the Word table (``consolidated``).

While some expected units have not reported, the units' amounts are those of the units that
did, and the difference and the share disbursed are left blank with the reason beside them:
a partial total is never printed as the result.
"""
import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from flask_babel import force_locale
from flask_babel import gettext as _

from workflows import figures as rules

from ..documents.content import COLUMN_LABELS
from .cells import csv_row

#: The figures of a line, in the order of their columns.
FIGURES = ("planned", "allocated", "disbursed", "difference", "share")


@dataclass
class BudgetLine:
    code: str  #: the project's code, "" for the total
    name: str  #: the project's name, or "Total"
    source: str  #: the cell's label: "Central budget: investment"... "Total"
    is_project: bool  #: a project or the total (printed bold)
    is_line_total: bool  #: the source is the line's total
    planned: Decimal | None
    allocated: Decimal | None
    disbursed: Decimal | None
    difference: Decimal | None
    share: Decimal | None
    note: str  #: why the difference and share are blank

    def values(self):
        return [getattr(self, k) for k in FIGURES]


def budget_lines(c):
    """The comparison's lines (none while the plan's budget is not entered)."""
    pb = c.plan_budget
    if pb is None or not pb.has_plan_budget:
        return []
    reported = _("%(n)d of %(m)d units reported", n=pb.coverage.reported, m=pb.coverage.expected)
    out = []
    for line in pb.lines:
        item = line.item
        for s in line.sources:
            grand_total = item is None and s.column == rules.TOTAL
            out.append(BudgetLine(
                code=item.code if item else "", name=item.name if item else _("Total"),
                source=str(COLUMN_LABELS[s.column]), is_project=item is None or item.is_project,
                is_line_total=s.column == rules.TOTAL, planned=s.planned, allocated=s.allocated,
                disbursed=s.disbursed, difference=s.difference, share=s.disbursed_share,
                note=f"{_('not yet known')}: {reported}" if pb.is_partial and grand_total else ""))
    return out


def subtitle(c):
    """What the table is, and how much of the units it stands on."""
    pb = c.plan_budget
    text = _("The plan's budget against the units' budget lines (million VND)")
    if pb is not None and pb.is_partial:
        text += " – " + _("partial: %(n)d of %(m)d units reported; the difference is not yet known",
                          n=pb.coverage.reported, m=pb.coverage.expected)
    return text


def heads():
    """(groups, columns) of the table's two header rows."""
    groups = [("", 1), ("", 1), ("", 1), ("", 1), (_("The units"), 2), ("", 1), ("", 1), ("", 1)]
    columns = [_("Code"), _("Project / sub-project"), _("Source of funds"), _("The plan"), _("Allocated"), _("Disbursed"),
               _("Difference (units − plan)"), _("Share of the plan disbursed (%)"), _("Note")]
    return groups, columns


def csv_table(c):
    """The comparison as CSV (UTF-8 with a BOM, comma-separated, "." decimals), one header row."""
    with force_locale("vi"):
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(csv_row(heads()[1]))
        for line in budget_lines(c):
            # The amounts are numbers written by us ("-500" included), the rest text to protect.
            writer.writerow([*csv_row([line.code, line.name, line.source]), *(plain(v) for v in line.values()),
                             *csv_row([line.note])])
        return ("\ufeff" + out.getvalue()).encode("utf-8")


def plain(value):
    """An amount for other systems: "." decimals, no trailing zeros (100, 1234.5); "" if none."""
    return "" if value is None else format(value.normalize(), "f")
