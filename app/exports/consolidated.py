"""A plan's consolidated report as Excel (openpyxl) and as a Word document in the
Decree 30 format (``official``). Both in Vietnamese, whatever the reader's UI language:
they are documents of the Vietnamese administration.

Input: ``app.plans.consolidation.Consolidation`` (and the completeness summary);
output: the file's bytes.
"""
import csv
import io

from flask_babel import force_locale
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from workflows import figures as rules

from ..formatting import vn_amount, vn_decimal, vn_number
from ..labels import deliverable_label
from . import official
from .cells import csv_row, xlsx_cell

CELL_COLUMNS = (*rules.CELLS, rules.TOTAL)
COUNT_FORMAT, RATE_FORMAT, AMOUNT_FORMAT = "#,##0", "0.00", "#,##0.###"


def _unit_columns():
    return [_("No."), _("Unit"), _("Households at the start"), _("Poor households at the start"),
            _("Rate at the start (%)"), _("Target reduction (households)"), _("Poor households targeted at the end"),
            _("Target rate at the end (%)"), _("Poor households now"), _("Households now"), _("Rate now (%)"),
            _("Reduced so far (households)"), _("Approved report")]


def _unit_values(u):
    return [u.target.get("households_start"), u.target.get("poor_start"), u.rate_start,
            u.target.get("poor_reduction"), u.target.get("poor_end"), u.rate_target, u.results.get("poor_end"),
            u.results.get("households_end"), u.rate_latest, u.reduction_done]


def _total_values(c):
    done = None
    if None not in (c.results_total.get("poor_start"), c.results_total.get("poor_end")):
        done = c.results_total["poor_start"] - c.results_total["poor_end"]
    return [c.target_total.get("households_start"), c.target_total.get("poor_start"), c.rate_start,
            c.target_total.get("poor_reduction"), c.target_total.get("poor_end"), c.rate_target,
            c.results_total.get("poor_end"), c.results_total.get("households_end"), c.rate_latest, done]


UNIT_FORMATS = [COUNT_FORMAT, COUNT_FORMAT, RATE_FORMAT, COUNT_FORMAT, COUNT_FORMAT, RATE_FORMAT, COUNT_FORMAT,
                COUNT_FORMAT, RATE_FORMAT, COUNT_FORMAT]


def _budget_columns():
    short = [_("Central budget: investment"), _("Central budget: recurrent"), _("Local budget: investment"),
             _("Local budget: recurrent"), _("Other funds"), _("Total")]
    return ([_("Code"), _("Project / sub-project")] + [f"{_('Allocated')}: {s}" for s in short]
            + [f"{_('Disbursed')}: {s}" for s in short] + [_("Disbursement rate (%)")])


def _source_label(u):
    if u.report is None:
        return ""
    return f"{deliverable_label(u.report)} (v{u.report.version_no})"


# --- Excel ------------------------------------------------------------------------

THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="E8EEF5")


def workbook(c):
    """The consolidated figures as .xlsx bytes: targets and results by unit, budget by project."""
    with force_locale("vi"):
        wb = Workbook()
        ws = wb.active
        ws.title = _("Targets and results")[:31]
        _title(ws, c, _("Poverty-reduction targets and latest approved results by unit"))
        _header(ws, 3, _unit_columns())
        row = 4
        for number, u in enumerate(c.units_with_figures, start=1):
            name = ("    " * u.depth) + u.unit.name
            _write(ws, row, [number, name, *_unit_values(u), _source_label(u)], UNIT_FORMATS, offset=2)
            row += 1
        _write(ws, row, ["", _("Total"), *_total_values(c), ""], UNIT_FORMATS, offset=2, bold=True)
        _widths(ws, [6, 38] + [14] * 10 + [28])

        ws = wb.create_sheet(_("Budget")[:31])
        _title(ws, c, _("Budget allocated and disbursed by project (million VND)"))
        _header(ws, 3, _budget_columns())
        row = 4
        formats = [AMOUNT_FORMAT] * 12 + [RATE_FORMAT]
        for b in c.budget:
            values = [b.allocated.get(k) for k in CELL_COLUMNS] + [b.disbursed.get(k) for k in CELL_COLUMNS]
            name = b.item.name if b.item.is_project else "    " + b.item.name
            _write(ws, row, [b.item.code, name, *values, b.rate], formats, offset=2, bold=b.item.is_project)
            row += 1
        if c.budget_total is not None:
            t = c.budget_total
            values = [t.allocated.get(k) for k in CELL_COLUMNS] + [t.disbursed.get(k) for k in CELL_COLUMNS]
            _write(ws, row, ["", _("Total"), *values, t.rate], formats, offset=2, bold=True)
        _widths(ws, [12, 50] + [14] * 13)
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()


def csv_table(c):
    """The targets and results by unit as CSV (UTF-8 with a BOM, comma-separated, "."
    decimals): for other systems and for reading in a spreadsheet, one line per unit and
    the total."""
    with force_locale("vi"):
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(csv_row(_unit_columns()))
        for number, u in enumerate(c.units_with_figures, start=1):
            writer.writerow(csv_row([number, u.unit.name, *_unit_values(u), _source_label(u)]))
        writer.writerow(csv_row(["", _("Total"), *_total_values(c), ""]))
        return ("\ufeff" + out.getvalue()).encode("utf-8")


def _title(ws, c, text):
    xlsx_cell(ws, 1, 1, f"{c.plan.reference} – {c.plan.title}").font = Font(bold=True)
    xlsx_cell(ws, 2, 1, text).font = Font(italic=True)
    ws.freeze_panes = "C4"


def _header(ws, row, columns):
    for col, text in enumerate(columns, start=1):
        cell = xlsx_cell(ws, row, col, text)
        cell.font, cell.fill, cell.border = Font(bold=True), HEAD_FILL, BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[row].height = 48


def _write(ws, row, values, formats, offset, bold=False):
    for col, value in enumerate(values, start=1):
        cell = xlsx_cell(ws, row, col, value)
        cell.border = BORDER
        if bold:
            cell.font = Font(bold=True)
        index = col - 1 - offset
        if 0 <= index < len(formats):
            cell.number_format = formats[index]


def _widths(ws, widths):
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


# --- Word -------------------------------------------------------------------------

def word(c, on, completeness=None):
    """The consolidated report as a Decree 30 Word document dated ``on``."""
    with force_locale("vi"):
        plan = c.plan
        issuer = plan.issuing_unit.name
        place = plan.place or ""
        doc = official.OfficialDocument(
            parent_body=issuer.upper(),
            issuing_body=plan.coordinating_unit.name.upper(),
            number_symbol=f"Số:        /BC-{plan.coordinating_unit.code}",
            place_date=f"{place}, ngày {on.day:02d} tháng {on.month:02d} năm {on.year}",
            doc_type="BÁO CÁO",
            title=_report_title(plan),
            blocks=_blocks(c, completeness),
            recipients=[f"- {issuer} (b/c);", "- Bộ Lao động - Thương binh và Xã hội (b/c);",
                        "- Các đơn vị thực hiện Kế hoạch;", "- Lưu: VT."],
            signing=["GIÁM ĐỐC"],
            signer="",
            landscape=True,
        )
        return official.render(doc)


def _report_title(plan):
    issued = f" ngày {plan.issued_on:%d/%m/%Y}" if plan.issued_on else ""
    return (f"Tổng hợp kết quả thực hiện Kế hoạch số {plan.reference}{issued} của {plan.issuing_unit.name} "
            f"về {plan.title[:1].lower()}{plan.title[1:]}")


def _n(value):
    return "" if value is None else vn_number(value)


def _r(value):
    return "" if value is None else vn_decimal(value)


def _a(value):
    return "" if value is None else vn_amount(value)


def _blocks(c, completeness):
    plan = c.plan
    blocks = [official.Paragraph(
        f"Thực hiện Kế hoạch số {plan.reference} của {plan.issuing_unit.name}, {plan.coordinating_unit.name} "
        f"tổng hợp số liệu từ các kế hoạch và báo cáo đã được thẩm định của các đơn vị như sau:")]
    blocks.append(official.Heading("I. CHỈ TIÊU VÀ KẾT QUẢ GIẢM NGHÈO"))
    t, r = c.target_total, c.results_total
    summary = []
    if t.get("poor_start") is not None:
        summary.append(f"Đầu năm toàn địa bàn có {_n(t.get('poor_start'))} hộ nghèo, tỷ lệ {_r(c.rate_start)}%; "
                       f"chỉ tiêu giảm {_n(t.get('poor_reduction'))} hộ, cuối năm còn {_n(t.get('poor_end'))} hộ "
                       f"nghèo, tỷ lệ {_r(c.rate_target)}%.")
    if r.get("poor_end") is not None:
        summary.append(f"Theo báo cáo đã duyệt mới nhất của {c.reporting[0]}/{c.reporting[1]} đơn vị, hiện còn "
                       f"{_n(r.get('poor_end'))} hộ nghèo trên {_n(r.get('households_end'))} hộ, tỷ lệ "
                       f"{_r(c.rate_latest)}%.")
    else:
        summary.append("Chưa có báo cáo kết quả nào được duyệt.")
    blocks.append(official.Paragraph("\n".join(summary)))
    rows = []
    for number, u in enumerate(c.units_with_figures, start=1):
        rows.append([str(number), u.unit.name, _n(u.target.get("households_start")), _n(u.target.get("poor_start")),
                     _r(u.rate_start), _n(u.target.get("poor_reduction")), _n(u.target.get("poor_end")),
                     _r(u.rate_target), _n(u.results.get("poor_end")), _r(u.rate_latest)])
    blocks.append(official.Table(
        caption="Biểu 1. Chỉ tiêu và kết quả giảm nghèo theo đơn vị",
        note="Đơn vị tính: hộ; tỷ lệ: %",
        columns=["STT", "Đơn vị", "Tổng số hộ đầu năm", "Hộ nghèo đầu năm", "Tỷ lệ đầu năm",
                 "Chỉ tiêu giảm (hộ)", "Hộ nghèo cuối năm", "Tỷ lệ cuối năm", "Hộ nghèo hiện nay",
                 "Tỷ lệ hiện nay"],
        rows=rows,
        total=["", "Tổng cộng", _n(t.get("households_start")), _n(t.get("poor_start")), _r(c.rate_start),
               _n(t.get("poor_reduction")), _n(t.get("poor_end")), _r(c.rate_target), _n(r.get("poor_end")),
               _r(c.rate_latest)],
        numeric=set(range(2, 10)), widths=[1.3, 6, 3, 3, 2.2, 2.6, 3, 2.2, 3, 2.2]))
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
            columns=["Mã", "Dự án, tiểu dự án", "Ngân sách trung ương", "Ngân sách địa phương", "Vốn khác",
                     "Tổng kế hoạch vốn", "Đã giải ngân", "Tỷ lệ giải ngân (%)"],
            rows=rows,
            total=["", "Tổng cộng", _a(sources["central"]), _a(sources["local"]), _a(sources["other"]),
                   _a(b.allocated.get(rules.TOTAL)), _a(b.disbursed.get(rules.TOTAL)), _r(b.rate)],
            numeric=set(range(2, 8)), widths=[2.8, 9, 3, 3, 2.5, 3, 3, 2.5]))
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
