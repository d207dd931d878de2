"""A plan's consolidated report as Excel (openpyxl), CSV, and a Word document in the
Decree 30 format (``official``). In Vietnamese, whatever the reader's UI language: they
are documents of the Vietnamese administration.

Input: ``app.figures.consolidation.Consolidation`` (and the completeness summary);
output: the file's bytes. The unit table's lines come from ``unit_lines`` for all three,
and say what the consolidation page says: a result that is only part of a unit's (or of
the total) is left blank, as the page leaves it, with the reason beside it.
"""
import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from flask_babel import force_locale
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from workflows import figures as rules
from workflows.enums import Role
from workflows.issuing import abbreviation, body_name, signing_title

from ..auth.models import Membership, User
from ..extensions import db
from ..formatting import vn_amount, vn_decimal, vn_number, vn_points
from ..labels import deliverable_label
from . import indicators as indicator_exports
from . import official
from .cells import csv_row, xlsx_cell
from .plan_budget import budget_lines, heads, subtitle

CELL_COLUMNS = (*rules.CELLS, rules.TOTAL)

# --- the unit table, as the page shows it ---------------------------------------------

#: The figures of a line of the unit table, in the order of its columns: at the start,
#: the targets, the results; near-poor households beside the poor ones each time.
START = ("households_start", "poor_start", "rate_start", "near_poor_start", "near_rate_start")
TARGET = ("poor_reduction", "poor_end", "rate_target", "points_target", "near_poor_end", "near_rate_target",
          "near_points_target")
RESULTS = ("poor_now", "households_now", "rate_now", "reduced", "near_poor_now", "near_rate_now")
FIGURES = (*START, *TARGET, *RESULTS)
#: Rates (%) and their changes (percentage points): two decimals.
RATES = frozenset({"rate_start", "near_rate_start", "rate_target", "points_target", "near_rate_target",
                   "near_points_target", "rate_now", "near_rate_now"})
UNIT, COVERED, TOTAL = "unit", "covered", "total"
#: The movements table's counts, in the order of its columns.
MOVES = ("poor_escaped", "poor_new", "poor_fell_back", "near_poor_escaped", "near_poor_new", "near_poor_fell_back",
         "ethnic_poor_end")


@dataclass
class Line:
    """A line of the unit table: a unit, the units reported so far, or the total."""

    kind: str  #: UNIT, COVERED or TOTAL
    number: int | None
    name: str
    depth: int
    figures: dict  #: FIGURES → number, or None where the page shows nothing
    note: str  #: the approved report behind a unit's results, why they are blank, what they cover
    target_note: str = ""  #: what the near-poor targets of a total cover, when not every unit gave them

    def values(self):
        return [self.figures.get(k) for k in FIGURES]

    @property
    def notes(self):
        """Everything said about the line, for a table with one note column."""
        return "; ".join(filter(None, (self.note, self.target_note)))


def _targets(f):
    """The start and target figures of ``f`` (``workflows.poverty.PovertyRates``)."""
    t = f.target
    return {"households_start": t.get("households_start"), "poor_start": t.get("poor_start"),
            "rate_start": f.rate_start, "near_poor_start": t.get("near_poor_start"),
            "near_rate_start": f.near_rate_start, "poor_reduction": t.get("poor_reduction"),
            "poor_end": t.get("poor_end"), "rate_target": f.rate_target, "points_target": f.points_target,
            "near_poor_end": t.get("near_poor_end"), "near_rate_target": f.near_rate_target,
            "near_points_target": f.near_points_target}


def _results(f):
    r = f.results
    return {"poor_now": r.get("poor_end"), "households_now": r.get("households_end"), "rate_now": f.rate_latest,
            "reduced": f.reduction_done, "near_poor_now": r.get("near_poor_end"), "near_rate_now": f.near_rate_latest}


def near_poor_notes(c, targets=True, results=True):
    """What a total's near-poor figures stand on, when only some units gave them."""
    notes = []
    if targets and c.near_target_coverage.is_partial:
        notes.append(_("near-poor targets: %(n)d of %(m)d units", n=c.near_target_coverage.units,
                       m=c.near_target_coverage.of))
    if results and c.near_results_coverage.is_partial:
        notes.append(_("near-poor results: %(n)d of %(m)d units", n=c.near_results_coverage.units,
                       m=c.near_results_coverage.of))
    return notes


def unit_lines(c):
    """The unit table of the consolidation page, line by line: the units with figures,
    then (while some have not reported) the units reported, and the total."""
    lines = []
    for number, u in enumerate(c.units_with_figures, start=1):
        figures = _targets(u)
        if u.is_partial:
            note = f"{_('partial')}: " + _("%(n)d of %(m)d units below reported", n=u.below_complete,
                                            m=u.below_expected)
        else:
            figures.update(_results(u))
            note = _source_label(u) or (f"Σ {_('units below')}" if u.results_source == "units" else "")
        lines.append(Line(UNIT, number, u.unit.name, u.depth, figures, note))
    reported = _("%(n)d of %(m)d units reported", n=c.coverage.reported, m=c.coverage.expected)
    if c.is_partial and c.coverage.reported:
        # Like with like: the results beside the start and target of the same units.
        lines.append(Line(COVERED, None, _("Units reported (%(n)d of %(m)d)", n=c.coverage.reported,
                                           m=c.coverage.expected), 0, {**_targets(c.covered), **_results(c.covered)},
                          "; ".join(near_poor_notes(c, targets=False))))
    figures = _targets(c)
    notes = [f"{_('not yet known')}: {reported}"] if c.is_partial else []
    if not c.is_partial:
        figures.update(_results(c))
        notes += near_poor_notes(c, targets=False)
    lines.append(Line(TOTAL, None, _("Total"), 0, figures, "; ".join(notes),
                      "; ".join(near_poor_notes(c, results=False))))
    return lines


def movement_rows(c):
    """The movements table (``Consolidation.movements``) as rows [number, name, *MOVES
    counts, ethnic share, note], with the kind of each line; [] when no approved report
    gives one."""
    rows, number = [], 0
    reported = _("%(n)d of %(m)d units reported", n=c.coverage.reported, m=c.coverage.expected)
    for line in c.movements:
        if line.kind == UNIT:
            number += 1
            name = line.unit.name
            note = (f"{_('partial')}: " + _("%(n)d of %(m)d units below reported", n=line.figures.below_complete,
                                            m=line.figures.below_expected)) if line.values is None else ""
        elif line.kind == COVERED:
            name, note = _("Units reported (%(n)d of %(m)d)", n=c.coverage.reported, m=c.coverage.expected), ""
        else:
            name, note = _("Total"), (f"{_('not yet known')}: {reported}" if line.values is None else "")
        if line.kind != UNIT and line.values is not None:
            note = "; ".join(filter(None, [note, *movement_notes(c)]))
        values = [None] * (len(MOVES) + 1) if line.values is None else [
            *(line.values[k] for k in MOVES), line.ethnic_share]  # the table's order
        rows.append((line.kind, [number if line.kind == UNIT else None, name, *values, note], line.depth))
    return rows


def movement_notes(c):
    """What a total's near-poor movements and ethnic-minority households stand on."""
    notes = []
    if c.near_moves_coverage.is_partial:
        notes.append(_("near-poor movements: %(n)d of %(m)d units", n=c.near_moves_coverage.units,
                       m=c.near_moves_coverage.of))
    if c.ethnic_coverage.is_partial:
        notes.append(_("ethnic-minority poor households: %(n)d of %(m)d units", n=c.ethnic_coverage.units,
                       m=c.ethnic_coverage.of))
    return notes


def _movement_heads():
    groups = [("", 1), ("", 1), (_("Poor households"), 3), (_("Near-poor households"), 3),
              (_("Poor ethnic-minority households"), 2), ("", 1)]
    columns = [_("No."), _("Unit"), _("Escaped poverty"), _("Newly poor"), _("Fell back into poverty"),
               _("Escaped near-poverty"), _("Newly near-poor"), _("Fell back into near-poverty"),
               _("Households now"), _("Share of the poor households") + " (%)", _("Note")]
    return groups, columns


def _source_label(u):
    if u.report is None:
        return ""
    return f"{deliverable_label(u.report)} (v{u.report.version_no})"


def _flat_columns():
    """One header per column (CSV): the group's words included."""
    return [_("No."), _("Unit"), _("Households at the start"), _("Poor households at the start"),
            _("Rate at the start (%)"), _("Near-poor households at the start"),
            _("Near-poverty rate at the start (%)"), _("Target reduction (households)"),
            _("Poor households targeted at the end"), _("Target rate at the end (%)"),
            _("Target fall of the poverty rate (percentage points)"), _("Near-poor households targeted at the end"),
            _("Target near-poverty rate at the end (%)"),
            _("Target fall of the near-poverty rate (percentage points)"), _("Poor households now"),
            _("Households now"), _("Rate now (%)"), _("Reduced so far (households)"), _("Near-poor households now"),
            _("Near-poverty rate now (%)"), _("Approved report")]


def _unit_heads():
    """(groups, columns) of the unit table's two header rows, as in a plan's appendix."""
    groups = [("", 1), ("", 1), (_("At the start of the year"), len(START)), (_("Targets"), len(TARGET)),
              (_("Results (latest approved reports)"), len(RESULTS)), ("", 1)]
    rate, fall = _("Rate (%)"), _("Fall (percentage points)")
    columns = [_("No."), _("Unit"), _("Households"), _("Poor households"), rate, _("Near-poor households"), rate,
               _("Reduction (households)"), _("Poor households at the end"), rate, fall,
               _("Near-poor households at the end"), rate, fall,
               _("Poor households"), _("Households"), rate, _("Reduced so far (households)"),
               _("Near-poor households"), rate, _("Approved report")]
    return groups, columns


def _budget_heads():
    short = [_("Central budget: investment"), _("Central budget: recurrent"), _("Local budget: investment"),
             _("Local budget: recurrent"), _("Other funds"), _("Total")]
    groups = [("", 1), ("", 1), (_("Allocated"), 6), (_("Disbursed"), 6), ("", 1)]
    return groups, [_("Code"), _("Project / sub-project"), *short, *short, _("Disbursement rate (%)")]


# --- Excel ------------------------------------------------------------------------

THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="E8EEF5")
FONT = "Times New Roman"  # as the printed appendices


def _font(bold=False, italic=False, size=12):
    return Font(name=FONT, size=size, bold=bold, italic=italic)


COUNT_FORMAT, RATE_FORMAT = "#,##0", "0.00"
HEAD_ROW = 3  #: the first of the two header rows; the title and subtitle are above


def amount_format(value):
    """As many decimals as the amount has (at most three), none for a whole number:
    40.905 and 36.000,5, never "40.905," (Excel's "#,##0.###" leaves the separator)."""
    if not isinstance(value, (int, float, Decimal)) or isinstance(value, bool):
        return COUNT_FORMAT
    exponent = Decimal(str(value)).normalize().as_tuple().exponent
    places = min(max(-exponent, 0), 3) if isinstance(exponent, int) else 0
    return COUNT_FORMAT + ("." + "0" * places if places else "")


def workbook(c, indicators=None):
    """The consolidated figures as .xlsx bytes: targets and results by unit, budget by
    project, and the plan's own indicators by unit (``indicators``: an IndicatorMatrix)."""
    with force_locale("vi"):
        wb = Workbook()
        ws = wb.active
        ws.title = _("Targets and results")[:31]
        _title(ws, c, _("Poverty-reduction targets and latest approved results by unit"))
        _heads(ws, *_unit_heads(), nowrap={1})
        _widths(ws, [6, 38] + [12] * len(FIGURES) + [44])
        row = HEAD_ROW + 2
        formats = [RATE_FORMAT if k in RATES else COUNT_FORMAT for k in FIGURES]
        for line in unit_lines(c):
            _write(ws, row, [line.number, line.name, *line.values(), line.notes], formats, bold=line.kind != UNIT,
                   indent=2 * line.depth)
            ws.cell(row, 1).alignment = Alignment(horizontal="center", vertical="center")
            row += 1

        moves = movement_rows(c)
        if moves:
            ws = wb.create_sheet(_("Movements")[:31])
            _title(ws, c, _("Movements in the period (latest approved reports)"))
            _heads(ws, *_movement_heads(), nowrap={1})
            _widths(ws, [6, 38] + [13] * (len(MOVES) + 1) + [44])
            row = HEAD_ROW + 2
            for kind, values, depth in moves:
                _write(ws, row, values, [COUNT_FORMAT] * len(MOVES) + [RATE_FORMAT], bold=kind != UNIT,
                       indent=2 * depth)
                ws.cell(row, 1).alignment = Alignment(horizontal="center", vertical="center")
                row += 1

        ws = wb.create_sheet(_("Budget")[:31])
        bc = c.budget_coverage
        _title(ws, c, _("Budget allocated and disbursed by project (million VND)") + (
            " – " + _("partial: %(n)d of %(m)d units reported; the amounts are theirs, the plan's total is not "
                      "yet known", n=bc.reported, m=bc.expected) if bc.is_partial and c.budget else ""))
        _heads(ws, *_budget_heads())
        _widths(ws, [12, 50] + [14] * 13)
        row = HEAD_ROW + 2
        lines = [(b.item.code, b.item.name, b, b.item.is_project) for b in c.budget]
        if c.budget_total is not None:
            lines.append(("", _("Units reported (%(n)d of %(m)d)", n=bc.reported, m=bc.expected) if bc.is_partial
                          else _("Total"), c.budget_total, True))
        for code, name, b, is_project in lines:
            values = [b.allocated.get(k) for k in CELL_COLUMNS] + [b.disbursed.get(k) for k in CELL_COLUMNS]
            _write(ws, row, [code, name, *values, b.rate], [amount_format(v) for v in values] + [RATE_FORMAT],
                   bold=is_project, indent=0 if is_project else 2)
            row += 1
        if indicators:
            indicator_exports.sheet(wb, c.plan, indicators)
        _plan_budget_sheet(wb, c)
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()


def _plan_budget_sheet(wb, c):
    """The units' lines against the plan's own budget (no sheet while it is not entered)."""
    lines = budget_lines(c)
    if not lines:
        return
    ws = wb.create_sheet(_("Budget against the plan")[:31])
    _title(ws, c, subtitle(c))
    _heads(ws, *heads())
    _widths(ws, [12, 44, 28] + [14] * 5 + [34])
    row = HEAD_ROW + 2
    for line in lines:
        values = line.values()
        _write(ws, row, [line.code, line.name, line.source, *values, line.note],
               ["@"] + [amount_format(v) for v in values[:4]] + [RATE_FORMAT],
               bold=line.is_project and line.is_line_total, indent=0 if line.is_project else 2)
        row += 1


def _title(ws, c, text):
    xlsx_cell(ws, 1, 1, f"{c.plan.reference} – {c.plan.title}").font = _font(bold=True, size=13)
    xlsx_cell(ws, 2, 1, text).font = _font(italic=True)
    ws.freeze_panes = ws.cell(HEAD_ROW + 2, 3)
    # Printed as an appendix is: A4 landscape, one page wide, the header on every page.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEAD_ROW}:{HEAD_ROW + 1}"


def _heads(ws, groups, columns, nowrap=()):
    """Two header rows: each group's label over its columns (merged), and a column
    without a group in one cell over both rows."""
    top, bottom = HEAD_ROW, HEAD_ROW + 1
    first = 1
    for label, span in groups:
        last = first + span - 1
        if span == 1 and not label:
            _head(ws, top, first, columns[first - 1], wrap=first not in nowrap)
            _head(ws, bottom, first, None)
            ws.merge_cells(start_row=top, start_column=first, end_row=bottom, end_column=first)
        else:
            _head(ws, top, first, label)
            for col in range(first + 1, last + 1):
                _head(ws, top, col, None)
            for col in range(first, last + 1):
                _head(ws, bottom, col, columns[col - 1], wrap=col not in nowrap)
            if span > 1:
                ws.merge_cells(start_row=top, start_column=first, end_row=top, end_column=last)
        first = last + 1
    ws.row_dimensions[top].height = 22
    ws.row_dimensions[bottom].height = 48


def _head(ws, row, col, text, wrap=True):
    cell = xlsx_cell(ws, row, col, text)
    cell.font, cell.fill, cell.border = _font(bold=True), HEAD_FILL, BORDER
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=wrap)


def _write(ws, row, values, formats, bold=False, indent=0):
    """One line: a label, a name (indented ``indent`` steps), the figures (from the third
    column, with ``formats``), a note. Long text wraps and the row is made tall enough."""
    lines = 1
    for col, value in enumerate(values, start=1):
        cell = xlsx_cell(ws, row, col, value)
        cell.border = BORDER
        cell.font = _font(bold=bold)
        if isinstance(value, str):
            step = indent if col == 2 else 0
            cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True, indent=step)
            lines = max(lines, _lines(value, ws.column_dimensions[get_column_letter(col)].width - 2 * step))
        else:
            cell.alignment = Alignment(vertical="center")
        index = col - 3
        if 0 <= index < len(formats):
            cell.number_format = formats[index]
    if lines > 1:  # a spreadsheet does not always measure wrapped rows itself
        ws.row_dimensions[row].height = LINE_HEIGHT * lines


#: Points per line of 12-point text.
LINE_HEIGHT = 15.75


def _lines(text, width):
    """Lines ``text`` takes in a column ``width`` characters wide (an estimate: Times New
    Roman is narrower than the width's unit, Vietnamese marks make it no wider)."""
    per_line = max(int(width * 1.3), 1)
    return sum(max(-(-len(part) // per_line), 1) for part in text.split("\n"))


def _widths(ws, widths):
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


# --- CSV --------------------------------------------------------------------------

def csv_table(c):
    """The targets and results by unit as CSV (UTF-8 with a BOM, comma-separated, "."
    decimals): for other systems and for reading in a spreadsheet, one line per unit and
    the total, one header row."""
    with force_locale("vi"):
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(csv_row(_flat_columns()))
        for line in unit_lines(c):
            writer.writerow(csv_row(["" if line.number is None else line.number, line.name, *line.values(),
                                     line.notes]))
        return ("\ufeff" + out.getvalue()).encode("utf-8")


# --- Word -------------------------------------------------------------------------

def word(c, on, completeness=None, indicators=None):
    """The consolidated report as a Decree 30 Word document dated ``on`` (with a section on
    the plan's own indicators when ``indicators``, an IndicatorMatrix, has any)."""
    with force_locale("vi"):
        plan = c.plan
        issuer, coordinator = plan.issuing_unit, plan.coordinating_unit
        issuer_name = body_name(issuer.name, issuer.kind.has_households)
        coordinator_name = body_name(coordinator.name, coordinator.kind.has_households)
        symbol = abbreviation(coordinator.name, coordinator.kind.has_households) or coordinator.code
        place = plan.place or ""
        doc = official.OfficialDocument(
            parent_body=issuer_name.upper() if issuer.id != coordinator.id else "",
            issuing_body=coordinator_name.upper(),
            number_symbol=f"Số:        /BC-{symbol}",
            place_date=f"{place}, ngày {on.day:02d} tháng {on.month:02d} năm {on.year}",
            doc_type="BÁO CÁO",
            title=_report_title(plan, issuer_name),
            blocks=_blocks(c, completeness, issuer_name, coordinator_name, indicators),
            recipients=[f"- {issuer_name} (b/c);", "- Bộ Lao động - Thương binh và Xã hội (b/c);",
                        "- Các đơn vị thực hiện Kế hoạch;", "- Lưu: VT."],
            signing=signing_title(coordinator.name, coordinator.kind.has_households),
            signer=head_of(coordinator),
            landscape=True,
        )
        return official.render(doc)


def head_of(unit):
    """The name of the unit's head (an active user with the head role there), who signs
    its documents; "" when it has none, or several (the name is then written by hand
    rather than guessed)."""
    names = db.session.scalars(
        db.select(User.full_name).join(Membership, Membership.user_id == User.id)
        .where(Membership.unit_id == unit.id, Membership.role == Role.HEAD, User.is_active_user.is_(True))
        .order_by(Membership.id).limit(2)).all()
    return names[0] if len(names) == 1 else ""


def _report_title(plan, issuer_name):
    issued = f" ngày {plan.issued_on:%d/%m/%Y}" if plan.issued_on else ""
    return (f"Tổng hợp kết quả thực hiện Kế hoạch số {plan.reference}{issued} của {issuer_name} "
            f"về {plan.title[:1].lower()}{plan.title[1:]}")


def _n(value):
    return "" if value is None else vn_number(value)


def _r(value):
    return "" if value is None else vn_decimal(value)


def _a(value):
    return "" if value is None else vn_amount(value)


def _change(points):
    """A rate's change in words: "giảm 3,00 điểm %", "tăng 0,25 điểm %"."""
    return f"giảm {vn_points(points)}" if points >= 0 else f"tăng {vn_points(-points)}"


#: The figures the Word report prints, and how: the targets (Biểu 1), poor and near-poor
#: side by side as in a plan's appendix; the results (Biểu 2).
WORD_TARGETS = (("households_start", _n), ("poor_start", _n), ("rate_start", _r), ("poor_reduction", _n),
                ("poor_end", _n), ("rate_target", _r), ("points_target", _r), ("near_poor_start", _n),
                ("near_rate_start", _r), ("near_poor_end", _n), ("near_rate_target", _r),
                ("near_points_target", _r))
WORD_RESULTS = (("households_now", _n), ("poor_now", _n), ("rate_now", _r), ("reduced", _n), ("near_poor_now", _n),
                ("near_rate_now", _r))


def _word_line(line, figures, note=False):
    return [str(line.number) if line.number else "", line.name,
            *(show(line.figures.get(key)) for key, show in figures), *([line.note] if note else [])]


def _blocks(c, completeness, issuer_name, coordinator_name, indicators=None):
    plan = c.plan
    blocks = [official.Paragraph(
        f"Thực hiện Kế hoạch số {plan.reference} của {issuer_name}, {coordinator_name} "
        f"tổng hợp số liệu từ các kế hoạch và báo cáo đã được thẩm định của các đơn vị như sau:")]
    blocks.append(official.Heading("I. CHỈ TIÊU VÀ KẾT QUẢ GIẢM NGHÈO"))
    blocks.append(official.Paragraph("\n".join(_summary(c))))
    lines = unit_lines(c)
    units = [line for line in lines if line.kind == UNIT]
    blocks.append(official.Table(
        caption="Biểu 1. Chỉ tiêu giảm hộ nghèo, hộ cận nghèo theo đơn vị",
        note="Đơn vị tính: hộ; tỷ lệ: %; mức giảm: điểm %",
        groups=[("", 1), ("", 1), ("", 1), ("Hộ nghèo", 6), ("Hộ cận nghèo", 5)],
        columns=["STT", "Đơn vị", "Tổng số hộ đầu năm", "Đầu năm", "Tỷ lệ", "Số hộ giảm", "Cuối năm", "Tỷ lệ",
                 "Giảm (điểm %)", "Đầu năm", "Tỷ lệ", "Cuối năm", "Tỷ lệ", "Giảm (điểm %)"],
        rows=[_word_line(line, WORD_TARGETS) for line in units],
        total=[_word_line(line, WORD_TARGETS) for line in lines if line.kind == TOTAL],
        numeric=set(range(2, 14)), centered={0}, nowrap={0},
        widths=[1.4, 4.6, 2.2, 1.9, 1.5, 1.8, 1.9, 1.5, 1.9, 1.9, 1.5, 1.9, 1.5, 1.9]))
    if c.near_target_coverage.is_partial:
        blocks.append(official.Paragraph(
            f"Số hộ cận nghèo ở dòng Tổng cộng là của {c.near_target_coverage.units}/{c.near_target_coverage.of} "
            f"đơn vị có chỉ tiêu hộ cận nghèo; tỷ lệ tính trên tổng số hộ của chính các đơn vị đó."))
    blocks.append(official.Table(
        caption="Biểu 2. Kết quả giảm nghèo theo báo cáo đã duyệt mới nhất",
        note="Đơn vị tính: hộ; tỷ lệ: %",
        groups=[("", 1), ("", 1), ("", 1), ("Hộ nghèo", 3), ("Hộ cận nghèo", 2), ("", 1)],
        columns=["STT", "Đơn vị", "Tổng số hộ hiện nay", "Số hộ", "Tỷ lệ", "Đã giảm (hộ)", "Số hộ", "Tỷ lệ",
                 "Ghi chú"],
        rows=[_word_line(line, WORD_RESULTS, note=True) for line in units],
        total=[_word_line(line, WORD_RESULTS, note=True) for line in lines if line.kind != UNIT],
        numeric=set(range(2, 8)), centered={0}, nowrap={0},
        widths=[1.4, 6, 2.6, 2.2, 1.7, 2.2, 2.2, 1.7, 6]))
    moves = movement_rows(c)
    if moves:
        def word_row(values):
            number, name, *counts, share, note = values
            return ["" if number is None else str(number), name, *(_n(v) for v in counts), _r(share), note]

        blocks.append(official.Table(
            caption="Biểu 3. Biến động hộ nghèo, hộ cận nghèo trong kỳ theo báo cáo đã duyệt mới nhất",
            note="Đơn vị tính: hộ; tỷ lệ: %",
            groups=[("", 1), ("", 1), ("Hộ nghèo", 3), ("Hộ cận nghèo", 3), ("Hộ nghèo dân tộc thiểu số", 2),
                    ("", 1)],
            columns=["STT", "Đơn vị", "Thoát nghèo", "Phát sinh", "Tái nghèo", "Thoát cận nghèo", "Phát sinh",
                     "Tái cận nghèo", "Số hộ", "Tỷ lệ trên hộ nghèo", "Ghi chú"],
            rows=[word_row(values) for kind, values, _depth in moves if kind == UNIT],
            total=[word_row(values) for kind, values, _depth in moves if kind != UNIT],
            numeric=set(range(2, 10)), centered={0}, nowrap={0},
            widths=[1.4, 5, 1.9, 1.9, 1.9, 1.9, 1.9, 1.9, 1.9, 2, 5]))
    blocks.append(official.Heading("II. NGUỒN VỐN THỰC HIỆN CHƯƠNG TRÌNH"))
    if not c.budget:
        blocks.append(official.Paragraph(
            f"Có {c.budget_reported} đơn vị có kế hoạch, báo cáo đã duyệt, nhưng chưa đơn vị nào báo cáo đủ (cùng "
            f"các đơn vị cấp dưới): chưa tổng hợp được nguồn vốn." if c.budget_reported and c.budget_coverage.expected
            else "Chưa có số liệu nguồn vốn trong các kế hoạch, báo cáo đã duyệt."))
    else:
        b, bc = c.budget_total, c.budget_coverage
        spent = (f"kế hoạch vốn {_a(b.allocated.get(rules.TOTAL))} triệu đồng; đã giải ngân "
                 f"{_a(b.disbursed.get(rules.TOTAL)) or '0'} triệu đồng, đạt {_r(b.rate) or '0'}% kế hoạch")
        blocks.append(official.Paragraph(
            f"Mới có {bc.reported}/{bc.expected} đơn vị báo cáo đủ; các đơn vị này có {spent}. Tổng của toàn "
            f"địa bàn chưa xác định được cho đến khi tất cả các đơn vị báo cáo." if bc.is_partial
            else f"Tổng {spent}."))
        rows = []
        for item in c.budget:
            sources = item.by_source
            rows.append([item.item.code, item.item.name, _a(sources["central"]), _a(sources["local"]),
                         _a(sources["other"]), _a(item.allocated.get(rules.TOTAL)),
                         _a(item.disbursed.get(rules.TOTAL)), _r(item.rate)])
        sources = b.by_source
        blocks.append(official.Table(
            caption="Biểu 4. Kế hoạch vốn và giải ngân theo dự án",
            note="Đơn vị tính: triệu đồng",
            groups=[("", 1), ("", 1), ("Kế hoạch vốn", 4), ("", 1), ("", 1)],
            columns=["Mã", "Dự án, tiểu dự án", "Ngân sách trung ương", "Ngân sách địa phương", "Vốn khác",
                     "Tổng số", "Đã giải ngân", "Tỷ lệ giải ngân (%)"],
            rows=rows,
            total=["", f"Cộng {bc.reported}/{bc.expected} đơn vị đã báo cáo" if bc.is_partial else "Tổng cộng",
                   _a(sources["central"]), _a(sources["local"]), _a(sources["other"]),
                   _a(b.allocated.get(rules.TOTAL)), _a(b.disbursed.get(rules.TOTAL)), _r(b.rate)],
            numeric=set(range(2, 8)), nowrap={0}, widths=[2.8, 9, 3, 3, 2.5, 3, 3, 2.5]))
    blocks += _plan_budget_blocks(c)
    if completeness is not None:
        blocks.append(official.Heading("III. TÌNH HÌNH GỬI KẾ HOẠCH, BÁO CÁO CỦA CÁC ĐƠN VỊ"))
        lines = []
        for kind_row in completeness.by_kind:
            if not kind_row.expected:
                lines.append(f"{kind_row.label}: chưa đến hạn ({kind_row.not_due} đơn vị).")
                continue
            lines.append(f"{kind_row.label}: {kind_row.submitted}/{kind_row.expected} đơn vị đã gửi "
                         f"({_r(kind_row.submitted_rate)}%), {kind_row.approved} đã được duyệt, "
                         f"{kind_row.on_time} gửi đúng hạn ({_r(kind_row.on_time_rate)}%).")
        blocks.append(official.Paragraph("\n".join(lines) or "Chưa có kế hoạch, báo cáo nào đến hạn."))
    if indicators:
        numeral = ("I", "II", "III", "IV", "V")[sum(isinstance(b, official.Heading) for b in blocks)]
        blocks += indicator_exports.word_blocks(indicators, numeral)
    return _numbered(blocks)


def _numbered(blocks):
    """The tables numbered in the order they are printed (Biểu 1, 2, …): a table left out
    (no movements, no budget yet) leaves no gap."""
    number = 0
    for block in blocks:
        if isinstance(block, official.Table) and (block.caption or "").startswith("Biểu "):
            number += 1
            block.caption = f"Biểu {number}." + block.caption.split(".", 1)[1]
    return blocks


def _plan_budget_blocks(c):
    """The units' lines against the plan's own budget: a sentence and its table."""
    pb, lines = c.plan_budget, budget_lines(c)
    if not lines:  # the plan's budget is not entered: nothing to set the units against
        return []
    total = pb.total.total
    if pb.is_partial:
        sentence = (f"Kinh phí của Kế hoạch {_a(total.planned) or '0'} triệu đồng. Mới có {pb.coverage.reported}/"
                    f"{pb.coverage.expected} đơn vị có kế hoạch, báo cáo đã duyệt, chưa đủ để so sánh với kinh phí "
                    f"của Kế hoạch.")
    else:
        sentence = (f"Kinh phí của Kế hoạch {_a(total.planned) or '0'} triệu đồng; các đơn vị đã phân bổ "
                    f"{_a(total.allocated) or '0'} triệu đồng (chênh lệch {_a(total.difference) or '0'}), đã giải "
                    f"ngân {_a(total.disbursed) or '0'} triệu đồng, đạt {_r(total.disbursed_share) or '0'}% kinh phí "
                    f"của Kế hoạch.")
    groups, columns = heads()
    rows, seen = [], set()
    for line in lines:
        first = (line.code, line.name) not in seen
        seen.add((line.code, line.name))
        rows.append([line.code if first else "", line.name if first else "", line.source,
                     *(_a(v) for v in line.values()[:4]), _r(line.share) if line.share is not None else line.note])
    grand = [r for r, line in zip(rows, lines) if not line.code]
    return [official.Paragraph(sentence), official.Table(
        caption="Biểu 5. Kinh phí của Kế hoạch và kế hoạch vốn, giải ngân của các đơn vị",
        note="Đơn vị tính: triệu đồng",
        groups=groups[:-1], columns=columns[:-1],
        rows=[r for r, line in zip(rows, lines) if line.code], total=grand,
        numeric=set(range(3, 8)), nowrap={0}, widths=[2.2, 7, 4.2, 2.8, 2.8, 2.8, 2.8, 2.6])]


def _summary(c):
    t, r = c.target_total, c.results_total
    out = []
    if t.get("poor_start") is not None:
        fall = f" ({_change(c.points_target)})" if c.points_target is not None else ""
        out.append(f"Đầu năm toàn địa bàn có {_n(t.get('poor_start'))} hộ nghèo, tỷ lệ {_r(c.rate_start)}%; "
                   f"chỉ tiêu giảm {_n(t.get('poor_reduction'))} hộ, cuối năm còn {_n(t.get('poor_end'))} hộ "
                   f"nghèo, tỷ lệ {_r(c.rate_target)}%{fall}.")
    if t.get("near_poor_start") is not None and t.get("near_poor_end") is not None:
        near = c.near_target_coverage
        scope = f" (số liệu của {near.units}/{near.of} đơn vị có chỉ tiêu)" if near.is_partial else ""
        fall = f" ({_change(c.near_points_target)})" if c.near_points_target is not None else ""
        out.append(f"Hộ cận nghèo{scope}: đầu năm {_n(t.get('near_poor_start'))} hộ, tỷ lệ {_r(c.near_rate_start)}%; "
                   f"chỉ tiêu cuối năm {_n(t.get('near_poor_end'))} hộ, tỷ lệ {_r(c.near_rate_target)}%{fall}.")
    reported, expected = c.coverage.reported, c.coverage.expected
    if not reported or r.get("poor_end") is None:
        out.append("Chưa có báo cáo kết quả nào được duyệt.")
        return out
    if c.is_partial:
        out.append(f"Mới có {reported}/{expected} đơn vị có báo cáo đã duyệt, chưa đủ để tổng hợp kết quả toàn "
                   f"địa bàn. Các đơn vị này đầu năm có {_n(c.covered_target.get('poor_start'))} hộ nghèo, tỷ lệ "
                   f"{_r(c.covered_rate_start)}%; hiện còn {_n(r.get('poor_end'))} hộ nghèo trên "
                   f"{_n(r.get('households_end'))} hộ, tỷ lệ {_r(c.rate_latest)}%.")
    else:
        out.append(f"Theo báo cáo đã duyệt mới nhất của {reported}/{expected} đơn vị, hiện còn "
                   f"{_n(r.get('poor_end'))} hộ nghèo trên {_n(r.get('households_end'))} hộ, tỷ lệ "
                   f"{_r(c.rate_latest)}%.")
    if r.get("near_poor_end") is not None:
        near = c.near_results_coverage
        scope = f" (số liệu của {near.units}/{near.of} đơn vị)" if near.is_partial else ""
        out.append(f"Hộ cận nghèo hiện nay{scope}: {_n(r.get('near_poor_end'))} hộ, tỷ lệ {_r(c.near_rate_latest)}%.")
    return out
