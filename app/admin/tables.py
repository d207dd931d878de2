"""Reading and writing the import files: Excel (.xlsx) and CSV, one header row.

Headers may be the English keys of the template or their Vietnamese labels; extra
columns are ignored. Files are parsed with openpyxl in read-only mode (no macros,
no formulas evaluated) and size-limited by MAX_CONTENT_LENGTH.
"""
import csv
import io
import unicodedata
import zipfile

from flask_babel import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill

MAX_ROWS = 20000

UNIT_COLUMNS = [  # key, Vietnamese header, example values
    ("code", "Mã đơn vị", ["DNO", "SLDTBXH", "KRONG-NO", "XA-NAM-DA"]),
    ("name", "Tên đơn vị", ["Ủy ban nhân dân tỉnh Đắk Nông", "Sở Lao động - Thương binh và Xã hội",
                            "Huyện Krông Nô", "Xã Nam Đà"]),
    ("kind", "Loại", ["province", "department", "district", "commune"]),
    ("parent_code", "Mã đơn vị cấp trên", ["", "DNO", "DNO", "KRONG-NO"]),
    ("emails", "Email liên hệ", ["vanthu@daknong.gov.vn", "sldtbxh@daknong.gov.vn; giamngheo@daknong.gov.vn",
                                 "krongno@daknong.gov.vn", ""]),
]
#: A plan's per-unit target table, in the layout of a plan's appendix (Đắk Nông 2023).
TARGET_COLUMNS = [
    ("unit", "Đơn vị", ["Huyện Krông Nô", "Huyện Cư Jút", "Tổng cộng"]),
    ("households_start", "Tổng số hộ", [19680, 22195, 41875]),
    ("poor_start", "Số hộ nghèo", [851, 1183, 2034]),
    ("poor_rate_start", "Tỷ lệ hộ nghèo (%)", ["4,32", "5,33", "4,86"]),
    ("poor_reduction", "Số hộ giảm", [180, 480, 660]),
    ("poor_reduction_points", "Tỷ lệ giảm (%)", ["0,91", "2,16", "1,58"]),
    ("poor_rate_end", "Tỷ lệ hộ nghèo cuối năm (%)", ["3,41", "3,17", "3,28"]),
    ("households_end", "Tổng số hộ cuối năm", [19690, 22200, 41890]),
]
#: Columns a target table may leave out (the end-of-year total defaults to the start's).
TARGET_OPTIONAL = ("households_end", "poor_reduction_points", "poor_rate_end")
USER_COLUMNS = [
    ("email", "Email", ["an.nv@daknong.gov.vn", "binh.tt@daknong.gov.vn", "binh.tt@daknong.gov.vn"]),
    ("full_name", "Họ và tên", ["Nguyễn Văn An", "Trần Thị Bình", "Trần Thị Bình"]),
    ("unit_code", "Mã đơn vị", ["KRONG-NO", "SLDTBXH", "SLDTBXH"]),
    ("role", "Vai trò", ["head", "reviewer", "admin"]),
]


class TableError(Exception):
    """The file as a whole cannot be read; ``str()`` is for the user."""


def _key(text):
    text = unicodedata.normalize("NFC", str(text or "")).strip().lower()
    return " ".join(text.replace("_", " ").split())


def _header_map(header, columns, optional=()):
    aliases = {}
    for key, vietnamese, _examples in columns:
        aliases[_key(key)] = key
        aliases[_key(vietnamese)] = key
    mapping = {i: aliases[_key(h)] for i, h in enumerate(header) if _key(h) in aliases}
    missing = [vi for key, vi, _e in columns if key not in mapping.values() and key not in optional]
    if missing:
        raise TableError(_("The file has no column %(columns)s. Start from the template.",
                           columns=", ".join(f"«{m}»" for m in missing)))
    return mapping


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).strip()


def read_rows(filename, data, columns, optional=()):
    """Rows as dicts keyed by column, each with its ``row`` number as shown in a spreadsheet.

    Columns named in ``optional`` may be absent from the file (their cells read as empty).
    """
    name = (filename or "").lower()
    if name.endswith(".xlsx"):
        raw = _xlsx_rows(data)
    elif name.endswith(".csv"):
        raw = _csv_rows(data)
    else:
        raise TableError(_("Upload an Excel (.xlsx) or CSV (.csv) file."))
    try:
        header = next(raw)
    except StopIteration:
        raise TableError(_("The file is empty.")) from None
    mapping = _header_map(header, columns, optional)
    rows = []
    for number, values in enumerate(raw, start=2):
        cells = {key: "" for key, _vi, _e in columns}
        for i, key in mapping.items():
            if i < len(values):
                cells[key] = _cell(values[i])
        if not any(cells.values()):
            continue  # blank lines are not rows
        rows.append({"row": number, **cells})
        if len(rows) > MAX_ROWS:
            raise TableError(_("The file has more than %(num)d rows.", num=MAX_ROWS))
    if not rows:
        raise TableError(_("The file has no data rows."))
    return rows


def _xlsx_rows(data):
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise TableError(_("This is not a readable Excel (.xlsx) file.")) from exc
    sheet = workbook.worksheets[0]
    return iter(list(sheet.iter_rows(values_only=True)))


def _csv_rows(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TableError(_("The CSV file must be saved as UTF-8.")) from exc
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return iter(list(csv.reader(io.StringIO(text), dialect)))


def template(columns, fmt):
    """The downloadable template: header row (Vietnamese) and example rows."""
    header = [vi for _k, vi, _e in columns]
    examples = list(zip(*[e for _k, _vi, e in columns], strict=True))
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(examples)
        return ("\ufeff" + out.getvalue()).encode("utf-8")
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in examples:
        sheet.append(list(row))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
    for i, (_k, vi, examples_) in enumerate(columns, start=1):
        width = max(len(vi), *(len(str(e)) for e in examples_)) + 2
        sheet.column_dimensions[sheet.cell(1, i).column_letter].width = min(width, 60)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
