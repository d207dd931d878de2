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
from ..formatting import vn_amount, vn_decimal, vn_number
from ..labels import deliverable_label
from . import official
from .cells import csv_row, xlsx_cell
from .plan_budget import budget_lines, heads, subtitle

CELL_COLUMNS = (*rules.CELLS, rules.TOTAL)

# --- the unit table, as the page shows it ---------------------------------------------

#: The figures of a line of the unit table, in the order of its columns.
FIGURES = ("households_start", "poor_start", "rate_start", "poor_reduction", "poor_end", "rate_target",
           "poor_now", "households_now", "rate_now", "reduced")
RATES = frozenset({"rate_start", "rate_target", "rate_now"})
UNIT, COVERED, TOTAL = "unit", "covered", "total"


@dataclass
class Line:
    """A line of the unit table: a unit, the units reported so far, or the total."""

    kind: str  #: UNIT, COVERED or TOTAL
    number: int | None
    name: str
    depth: int
    figures: dict  #: FIGURES → number, or None where the page shows nothing
    note: str  #: the approved report behind a unit's results, or why they are blank

    def values(self):
        return [self.figures.get(k) for k in FIGURES]


def _targets(target, rate_start, rate_target):
    return {"households_start": target.get("households_start"), "poor_start": target.get("poor_start"),
            "rate_start": rate_start, "poor_reduction": target.get("poor_reduction"),
            "poor_end": target.get("poor_end"), "rate_target": rate_target}


def _results(results, rate_now, reduced):
    return {"poor_now": results.get("poor_end"), "households_now": results.get("households_end"),
            "rate_now": rate_now, "reduced": reduced}


def unit_lines(c):
    """The unit table of the consolidation page, line by line: the units with figures,
    then (while some have not reported) the units reported, and the total."""
    lines = []
    for number, u in enumerate(c.units_with_figures, start=1):
        figures = _targets(u.target, u.rate_start, u.rate_target)
        if u.is_partial:
            note = f"{_('partial')}: " + _("%(n)d of %(m)d units below reported", n=u.below_complete,
                                            m=u.below_expected)
        else:
            figures.update(_results(u.results, u.rate_latest, u.reduction_done))
            note = _source_label(u) or (f"Σ {_('units below')}" if u.results_source == "units" else "")
        lines.append(Line(UNIT, number, u.unit.name, u.depth, figures, note))
    reported = _("%(n)d of %(m)d units reported", n=c.coverage.reported, m=c.coverage.expected)
    if c.is_partial and c.coverage.reported:
        # Like with like: the results beside the start and target of the same units.
        figures = {**_targets(c.covered_target, c.covered_rate_start, c.covered_rate_target),
                   **_results(c.results_total, c.rate_latest, c.reduction_done)}
        lines.append(Line(COVERED, None, _("Units reported (%(n)d of %(m)d)", n=c.coverage.reported,
                                           m=c.coverage.expected), 0, figures, ""))
    figures = _targets(c.target_total, c.rate_start, c.rate_target)
    note = f"{_('not yet known')}: {reported}" if c.is_partial else ""
    if not c.is_partial:
        figures.update(_results(c.results_total, c.rate_latest, c.reduction_done))
    lines.append(Line(TOTAL, None, _("Total"), 0, figures, note))
    return lines


def _source_label(u):
    if u.report is None:
        return ""
    return f"{deliverable_label(u.report)} (v{u.report.version_no})"


def _flat_columns():
    """One header per column (CSV): the group's words included."""
    return [_("No."), _("Unit"), _("Households at the start"), _("Poor households at the start"),
            _("Rate at the start (%)"), _("Target reduction (households)"), _("Poor households targeted at the end"),
            _("Target rate at the end (%)"), _("Poor households now"), _("Households now"), _("Rate now (%)"),
            _("Reduced so far (households)"), _("Approved report")]


def _unit_heads():
    """(groups, columns) of the unit table's two header rows, as in a plan's appendix."""
    groups = [("", 1), ("", 1), (_("At the start of the year"), 3), (_("Targets"), 3),
              (_("Results (latest approved reports)"), 4), ("", 1)]
    columns = [_("No."), _("Unit"), _("Households"), _("Poor households"), _("Rate (%)"),
               _("Reduction (households)"), _("Poor households at the end"), _("Rate (%)"),
               _("Poor households"), _("Households"), _("Rate (%)"), _("Reduced so far (households)"),
               _("Approved report")]
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


def workbook(c):
    """The consolidated figures as .xlsx bytes: targets and results by unit, budget by project."""
    with force_locale("vi"):
        wb = Workbook()
        ws = wb.active
        ws.title = _("Targets and results")[:31]
        _title(ws, c, _("Poverty-reduction targets and latest approved results by unit"))
        _heads(ws, *_unit_heads(), nowrap={1})
        _widths(ws, [6, 38] + [12] * 10 + [44])
        row = HEAD_ROW + 2
        formats = [RATE_FORMAT if k in RATES else COUNT_FORMAT for k in FIGURES]
        for line in unit_lines(c):
            _write(ws, row, [line.number, line.name, *line.values(), line.note], formats, bold=line.kind != UNIT,
                   indent=2 * line.depth)
            ws.cell(row, 1).alignment = Alignment(horizontal="center", vertical="center")
            row += 1

        ws = wb.create_sheet(_("Budget")[:31])
        _title(ws, c, _("Budget allocated and disbursed by project (million VND)"))
        _heads(ws, *_budget_heads())
        _widths(ws, [12, 50] + [14] * 13)
        row = HEAD_ROW + 2
        lines = [(b.item.code, b.item.name, b, b.item.is_project) for b in c.budget]
        if c.budget_total is not None:
            lines.append(("", _("Total"), c.budget_total, True))
        for code, name, b, is_project in lines:
            values = [b.allocated.get(k) for k in CELL_COLUMNS] + [b.disbursed.get(k) for k in CELL_COLUMNS]
            _write(ws, row, [code, name, *values, b.rate], [amount_format(v) for v in values] + [RATE_FORMAT],
                   bold=is_project, indent=0 if is_project else 2)
            row += 1
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
                                     line.note]))
        return ("\ufeff" + out.getvalue()).encode("utf-8")


# --- Word -------------------------------------------------------------------------

def word(c, on, completeness=None):
    """The consolidated report as a Decree 30 Word document dated ``on``."""
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
            blocks=_blocks(c, completeness, issuer_name, coordinator_name),
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


#: The figures of the unit table the Word report prints, and how.
WORD_FIGURES = (("households_start", _n), ("poor_start", _n), ("rate_start", _r), ("poor_reduction", _n),
                ("poor_end", _n), ("rate_target", _r), ("poor_now", _n), ("rate_now", _r))


def _word_line(line):
    return [str(line.number) if line.number else "", line.name,
            *(show(line.figures.get(key)) for key, show in WORD_FIGURES)]


def _blocks(c, completeness, issuer_name, coordinator_name):
    plan = c.plan
    blocks = [official.Paragraph(
        f"Thực hiện Kế hoạch số {plan.reference} của {issuer_name}, {coordinator_name} "
        f"tổng hợp số liệu từ các kế hoạch và báo cáo đã được thẩm định của các đơn vị như sau:")]
    blocks.append(official.Heading("I. CHỈ TIÊU VÀ KẾT QUẢ GIẢM NGHÈO"))
    blocks.append(official.Paragraph("\n".join(_summary(c))))
    lines = unit_lines(c)
    blocks.append(official.Table(
        caption="Biểu 1. Chỉ tiêu và kết quả giảm nghèo theo đơn vị",
        note="Đơn vị tính: hộ; tỷ lệ: %",
        groups=[("", 1), ("", 1), ("Đầu năm", 3), ("Chỉ tiêu", 3), ("Kết quả", 2)],
        columns=["STT", "Đơn vị", "Tổng số hộ", "Hộ nghèo", "Tỷ lệ", "Số hộ giảm", "Hộ nghèo cuối năm", "Tỷ lệ",
                 "Hộ nghèo hiện nay", "Tỷ lệ"],
        rows=[_word_line(line) for line in lines if line.kind == UNIT],
        total=[_word_line(line) for line in lines if line.kind != UNIT],
        numeric=set(range(2, 10)), centered={0}, nowrap={0},
        widths=[1.5, 6.5, 3, 2.8, 2, 2.6, 3, 2, 3, 2]))
    blocks.append(official.Heading("II. NGUỒN VỐN THỰC HIỆN CHƯƠNG TRÌNH"))
    if not c.budget:
        blocks.append(official.Paragraph("Chưa có số liệu nguồn vốn trong các kế hoạch, báo cáo đã duyệt."))
    else:
        b = c.budget_total
        blocks.append(official.Paragraph(
            f"Tổng kế hoạch vốn {_a(b.allocated.get(rules.TOTAL))} triệu đồng; đã giải ngân "
            f"{_a(b.disbursed.get(rules.TOTAL)) or '0'} triệu đồng, đạt {_r(b.rate) or '0'}% kế hoạch."))
        rows = []
        for item in c.budget:
            sources = item.by_source
            rows.append([item.item.code, item.item.name, _a(sources["central"]), _a(sources["local"]),
                         _a(sources["other"]), _a(item.allocated.get(rules.TOTAL)),
                         _a(item.disbursed.get(rules.TOTAL)), _r(item.rate)])
        sources = b.by_source
        blocks.append(official.Table(
            caption="Biểu 2. Kế hoạch vốn và giải ngân theo dự án",
            note="Đơn vị tính: triệu đồng",
            groups=[("", 1), ("", 1), ("Kế hoạch vốn", 4), ("", 1), ("", 1)],
            columns=["Mã", "Dự án, tiểu dự án", "Ngân sách trung ương", "Ngân sách địa phương", "Vốn khác",
                     "Tổng số", "Đã giải ngân", "Tỷ lệ giải ngân (%)"],
            rows=rows,
            total=["", "Tổng cộng", _a(sources["central"]), _a(sources["local"]), _a(sources["other"]),
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
    return blocks


def _plan_budget_blocks(c):
    """The units' lines against the plan's own budget: a sentence and Biểu 3."""
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
        caption="Biểu 3. Kinh phí của Kế hoạch và kế hoạch vốn, giải ngân của các đơn vị",
        note="Đơn vị tính: triệu đồng",
        groups=groups[:-1], columns=columns[:-1],
        rows=[r for r, line in zip(rows, lines) if line.code], total=grand,
        numeric=set(range(3, 8)), nowrap={0}, widths=[2.2, 7, 4.2, 2.8, 2.8, 2.8, 2.8, 2.6])]


def _summary(c):
    t, r = c.target_total, c.results_total
    out = []
    if t.get("poor_start") is not None:
        out.append(f"Đầu năm toàn địa bàn có {_n(t.get('poor_start'))} hộ nghèo, tỷ lệ {_r(c.rate_start)}%; "
                   f"chỉ tiêu giảm {_n(t.get('poor_reduction'))} hộ, cuối năm còn {_n(t.get('poor_end'))} hộ "
                   f"nghèo, tỷ lệ {_r(c.rate_target)}%.")
    reported, expected = c.coverage.reported, c.coverage.expected
    if not reported or r.get("poor_end") is None:
        out.append("Chưa có báo cáo kết quả nào được duyệt.")
    elif c.is_partial:
        out.append(f"Mới có {reported}/{expected} đơn vị có báo cáo đã duyệt, chưa đủ để tổng hợp kết quả toàn "
                   f"địa bàn. Các đơn vị này đầu năm có {_n(c.covered_target.get('poor_start'))} hộ nghèo, tỷ lệ "
                   f"{_r(c.covered_rate_start)}%; hiện còn {_n(r.get('poor_end'))} hộ nghèo trên "
                   f"{_n(r.get('households_end'))} hộ, tỷ lệ {_r(c.rate_latest)}%.")
    else:
        out.append(f"Theo báo cáo đã duyệt mới nhất của {reported}/{expected} đơn vị, hiện còn "
                   f"{_n(r.get('poor_end'))} hộ nghèo trên {_n(r.get('households_end'))} hộ, tỷ lệ "
                   f"{_r(c.rate_latest)}%.")
    return out
