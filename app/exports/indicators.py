"""The plan's own indicators in the consolidated exports (issue 16): an Excel sheet of
indicator × unit, and the Word report's table of each indicator against the plan's target.

Input: ``app.figures.indicators.IndicatorMatrix``; called by ``consolidated`` inside its
Vietnamese locale. Totals are the matrix's (up the unit tree; counts summed, ratios
recomputed from the summed counts, values not summed), and so is the verdict: "Đạt" or
"Chưa đạt" only of a whole total of the annual reports' figures, else "Chưa đủ số liệu".
"""
from decimal import Decimal

from flask_babel import gettext as _
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from workflows import indicator_totals as totals
from workflows.enums import MeasureUnit

from ..formatting import vn_measure
from ..labels import DIRECTION_SIGNS, MEASURE_UNIT_LABELS
from . import official
from .cells import xlsx_cell

FONT = "Times New Roman"
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="E8EEF5")
HEAD_ROW = 3
#: The Word table's assessment of a total (``app.figures.indicators.Column.verdict``).
VERDICTS = {totals.MET: "Đạt", totals.MISSED: "Chưa đạt", totals.NOT_KNOWN: "Chưa đủ số liệu", None: ""}


def _unit_name(col):
    return "%" if col.unit is MeasureUnit.PERCENT else str(MEASURE_UNIT_LABELS[col.unit])


def _target_text(direction, target, unit):
    return "" if target is None else f"{DIRECTION_SIGNS[direction]} {vn_measure(target, unit)}"


def _number_format(unit):
    if unit is MeasureUnit.PERCENT:
        return "0.00"
    return "#,##0" if unit.is_whole or unit is MeasureUnit.YES_NO else "#,##0.###"


def _excel_value(value, unit):
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if unit.is_whole or unit is MeasureUnit.YES_NO else float(value)


def sheet(wb, plan, matrix):
    """A sheet "Chỉ tiêu": one row per unit that reports, one column per indicator; the
    plan's targets above, the totals and how many units reported below."""
    ws = wb.create_sheet(_("Indicators")[:31])
    xlsx_cell(ws, 1, 1, f"{plan.reference} – {plan.title}").font = Font(name=FONT, size=13, bold=True)
    xlsx_cell(ws, 2, 1, _("The plan's indicators by unit (latest approved reports)")).font = Font(
        name=FONT, size=12, italic=True)
    columns = matrix.columns
    heads = [_("Unit")] + [f"{col.definition.name} ({_unit_name(col)})" for col in columns]
    for index, text in enumerate(heads, start=1):
        cell = xlsx_cell(ws, HEAD_ROW, index, text)
        cell.font, cell.fill, cell.border = Font(name=FONT, size=12, bold=True), HEAD_FILL, BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[HEAD_ROW].height = 48
    ws.column_dimensions["A"].width = 38
    for index in range(2, len(heads) + 1):
        ws.column_dimensions[ws.cell(HEAD_ROW, index).column_letter].width = 18
    lines = [(_("Target of the plan"), [_target_text(c.definition.direction, c.definition.target, c.unit)
                                       for c in columns], True)]
    for row in matrix.rows:
        values = []
        for col in columns:
            cell = row.cells.get(col.definition.code)
            if cell is None:
                values.append("")
            elif not cell.reported:
                values.append(_("not reported"))
            else:
                values.append(_excel_value(cell.value, col.unit))
        lines.append((row.unit.name, values, False))
    lines.append((_("Total"), [_excel_value(c.total.value, c.unit) if c.is_summed else _("not summed")
                               for c in columns], True))
    lines.append((_("Units reported"), [f"{c.coverage.reported}/{c.coverage.expected}" for c in columns], True))
    for offset, (label, values, bold) in enumerate(lines, start=1):
        row_number = HEAD_ROW + offset
        for index, value in enumerate([label, *values], start=1):
            cell = xlsx_cell(ws, row_number, index, value)
            cell.font, cell.border = Font(name=FONT, size=12, bold=bold), BORDER
            if index > 1 and not isinstance(value, str):
                cell.number_format = _number_format(columns[index - 2].unit)
            cell.alignment = Alignment(horizontal="left" if index == 1 else "right", vertical="center",
                                       wrap_text=index == 1)
    ws.freeze_panes = ws.cell(HEAD_ROW + 1, 2)
    ws.page_setup.orientation = "landscape"
    return ws


def word_blocks(matrix, numeral):
    """The Word report's section on the plan's indicators, headed ``numeral`` ("III")."""
    rows = []
    for number, col in enumerate(matrix.columns, start=1):
        d = col.definition
        achieved = vn_measure(col.total.value, col.unit) if col.is_summed and col.total.value is not None else ""
        verdict = "Không cộng dồn" if not col.is_summed else VERDICTS[col.verdict]
        rows.append([str(number), d.name, _unit_name(col), _target_text(d.direction, d.target, col.unit), achieved,
                     verdict, f"{col.coverage.reported}/{col.coverage.expected}"])
    return [official.Heading(f"{numeral}. CÁC CHỈ TIÊU CỦA KẾ HOẠCH"),
            official.Paragraph("Kết quả tổng hợp từ báo cáo đã duyệt gần nhất của các đơn vị được giao báo cáo "
                               "từng chỉ tiêu; số liệu của một đơn vị là số liệu của cả địa bàn (số của xã không "
                               "cộng thêm vào số của huyện); tỷ lệ được tính lại từ tổng các số đếm, không lấy bình "
                               "quân. Chỉ đánh giá đạt hay chưa đạt khi tất cả các đơn vị được giao đã có số liệu "
                               "của báo cáo năm; trước đó ghi “Chưa đủ số liệu”."),
            official.Table(
                caption="Biểu 6. Chỉ tiêu của kế hoạch", note="",
                columns=["STT", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu kế hoạch", "Kết quả", "Đánh giá",
                         "Đơn vị đã báo cáo"],
                rows=rows, numeric={3, 4, 6}, centered={0, 5}, nowrap={0},
                widths=[1.5, 9.5, 2.8, 3.2, 3.2, 3, 3])]
