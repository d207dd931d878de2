"""Reading and writing the import files: Excel (.xlsx) and CSV, one header row. Shared by
every import: units and users (admin pages), a plan's target table (plans), the command line.

Headers may be the English keys of the template or their Vietnamese labels; extra
columns are ignored. Files are parsed with openpyxl in read-only mode (no macros,
no formulas evaluated) and size-limited by MAX_CONTENT_LENGTH. CSV files are read in
the encodings Excel writes them in (UTF-8, UTF-16, Windows-1258: see ``_BOMS``).
"""
import codecs
import csv
import io
import unicodedata
import zipfile
from dataclasses import dataclass, field

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired
from openpyxl import Workbook
from openpyxl.cell.text import Text
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet._reader import ROW_TAG, WorkSheetParser
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

from workflows.targets import indicator_column
from workflows.text import one_line

from .exports.cells import csv_row, xlsx_cell
from .fields import BaseForm
from .formatting import translate_message, vn_number

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
    ("near_poor_start", "Số hộ cận nghèo", [1020, 1310, 2330]),
    ("near_poor_rate_start", "Tỷ lệ hộ cận nghèo (%)", ["5,18", "5,90", "5,56"]),
    ("near_poor_end", "Số hộ cận nghèo cuối năm", [950, 1250, 2200]),
    ("near_poor_reduction_points", "Tỷ lệ hộ cận nghèo giảm (%)", ["0,36", "0,27", "0,31"]),
    ("near_poor_rate_end", "Tỷ lệ hộ cận nghèo cuối năm (%)", ["4,82", "5,63", "5,25"]),
]
#: Columns a target table may leave out (the end-of-year total defaults to the start's;
#: near-poor households are given for both moments or not at all).
TARGET_OPTIONAL = ("households_end", "poor_reduction_points", "poor_rate_end", "near_poor_start",
                   "near_poor_rate_start", "near_poor_end", "near_poor_reduction_points", "near_poor_rate_end")


def target_columns(indicators=()):
    """The target table's columns for a plan with ``indicators`` (its own, as
    ``workflows.indicators.Definition``s): the household columns, then one optional column
    per indicator headed by its name (its code is read too). Returns (columns, optional,
    aliases) for ``read_rows`` and ``template``."""
    extra = [(indicator_column(d.code), d.name, ["", "", "" if d.target is None else vn_decimal_text(d.target)])
             for d in indicators]
    aliases = {d.code: indicator_column(d.code) for d in indicators}
    return TARGET_COLUMNS + extra, TARGET_OPTIONAL + tuple(key for key, _vi, _e in extra), aliases


def vn_decimal_text(value):
    """A target as typed in a Vietnamese sheet: 200, 97,5."""
    if value == value.to_integral_value():
        return str(int(value))
    return f"{value.normalize():f}".replace(".", ",")


USER_COLUMNS = [
    ("email", "Email", ["an.nv@daknong.gov.vn", "binh.tt@daknong.gov.vn", "binh.tt@daknong.gov.vn"]),
    ("full_name", "Họ và tên", ["Nguyễn Văn An", "Trần Thị Bình", "Trần Thị Bình"]),
    ("unit_code", "Mã đơn vị", ["KRONG-NO", "SLDTBXH", "SLDTBXH"]),
    ("role", "Vai trò", ["head", "reviewer", "admin"]),
]

#: A programme's projects and sub-projects (``flask programmes import``): a sub-project's code
#: is its project's, a dot and its own.
PROGRAMME_ITEM_COLUMNS = [
    ("code", "Mã dự án", ["DA1", "DA1.TDA1", "DA1.TDA2", "DA2"]),
    ("name", "Tên dự án, tiểu dự án", ["Hỗ trợ đầu tư phát triển hạ tầng kinh tế - xã hội",
                                      "Hạ tầng các huyện nghèo", "Hạ tầng các xã đặc biệt khó khăn",
                                      "Đa dạng hóa sinh kế, phát triển mô hình giảm nghèo"]),
]


@dataclass
class ImportResult:
    """What an import did: counts, or the problems (then nothing was written)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)  #: RowError, nothing was written if any
    new_users: list = field(default_factory=list)  #: users who need a set-password link

    @property
    def ok(self):
        return not self.errors


def _fold(text):
    return " ".join(unicodedata.normalize("NFC", str(text)).strip().lower().split())


def normalise_vocabulary(rows, column, enum_cls, labels):
    """Let ``column`` hold the stored value ("district") or the label in either language
    ("Huyện"): each row gets the value (or "?" if unknown) and ``<column>_raw`` as typed."""
    words = {}
    for member in enum_cls:
        words[_fold(member.value)] = member.value
        for locale in ("vi", "en"):
            with force_locale(locale):
                words[_fold(str(labels[member]))] = member.value
    for r in rows:
        r[f"{column}_raw"] = r.get(column, "")
        r[column] = words.get(_fold(r.get(column, "")), r.get(column, "") and "?")


class TableError(Exception):
    """The file as a whole cannot be read; ``str()`` is for the user."""


def translate_errors(errors, columns):
    """RowErrors as (row, column header, sentence) in the user's language, numbers
    written the Vietnamese way (13.342; 7,97) where the sentence shows them as text."""
    headers = {key: vi for key, vi, _e in columns}
    return [(e.row, headers.get(e.column, e.column), translate_message(e.message, e.params)) for e in errors]


def _key(text):
    text = unicodedata.normalize("NFC", str(text or "")).strip().lower()
    return " ".join(text.replace("_", " ").split())


def _header_map(header, columns, optional=(), more_aliases=None):
    aliases = {_key(text): key for text, key in (more_aliases or {}).items()}
    for key, vietnamese, _examples in columns:
        aliases[_key(key)] = key
        aliases[_key(vietnamese)] = key
    mapping = {i: aliases[_key(h)] for i, h in enumerate(header) if _key(h) in aliases}
    missing = [vi for key, vi, _e in columns if key not in mapping.values() and key not in optional]
    if missing:
        raise TableError(_("The file has no column %(columns)s. Start from the template.",
                           columns=", ".join(f"«{m}»" for m in missing)))
    return mapping


STRING_TAG = f"{{{SHEET_MAIN_NS}}}si"
SHEET_DATA_TAG = f"{{{SHEET_MAIN_NS}}}sheetData"
CELL_TAG = f"{{{SHEET_MAIN_NS}}}c"
DIMENSION_TAG = f"{{{SHEET_MAIN_NS}}}dimension"


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    # One line: a line break typed in a cell (Alt+Enter) or any control character is a space.
    return one_line(unicodedata.normalize("NFC", str(value)))


def read_rows(filename, data, columns, optional=(), aliases=None):
    """Rows as dicts keyed by column, each with its ``row`` number as shown in a spreadsheet.

    Columns named in ``optional`` may be absent from the file (their cells read as empty).
    ``aliases``: {other header: column key} (an indicator's code beside its name).
    The file is read as a stream and reading stops at ``MAX_ROWS`` data rows, counting the
    rows actually present (a single row numbered 100,000,000 is one row, not a hundred
    million); whatever its size, a worker's memory stays bounded.
    """
    name = (filename or "").lower()
    if name.endswith(".xlsx"):
        raw = _xlsx_rows(data)
    elif name.endswith((".csv", ".txt")):  # .txt: what Excel saves as "Unicode Text" (UTF-16, tabs)
        raw = _csv_rows(data)
    else:
        raise TableError(_("Upload an Excel (.xlsx) or CSV (.csv) file."))
    try:
        _number, header = next(raw)
    except StopIteration:
        raise TableError(_("The file is empty.")) from None
    mapping = _header_map(header, columns, optional, aliases)
    rows = []
    for number, values in raw:
        cells = {key: "" for key, _vi, _e in columns}
        for i, key in mapping.items():
            if i < len(values):
                cells[key] = _cell(values[i])
        if not any(cells.values()):
            continue  # blank lines are not rows
        if len(rows) == MAX_ROWS:
            raise TableError(_("The file has more than %(num)s rows.", num=vn_number(MAX_ROWS)))
        rows.append({"row": number, **cells})
    if not rows:
        raise TableError(_("The file has no data rows."))
    return rows


#: Columns read from a sheet: a template has a handful; cells beyond are ignored.
MAX_COLUMNS = 64
#: What one part of an .xlsx (a sheet, the shared strings) may hold once unpacked, and all
#: of them together: a full 20,000-row file needs a fraction of this; a "zip bomb" of a few
#: hundred kilobytes that unpacks to gigabytes is refused before anything is read.
MAX_PART_BYTES = 40 * 1024 * 1024
MAX_UNPACKED_BYTES = 80 * 1024 * 1024
#: Distinct texts a workbook may hold (20,000 rows of a dozen text cells), and rows present
#: in a sheet, blank or not (formatted empty rows are common; millions are not).
MAX_SHARED_STRINGS = 300_000
MAX_PRESENT_ROWS = 5 * MAX_ROWS


def _xlsx_rows(data):
    """(row number, values) of the first sheet's rows that are present, lazily."""
    _check_unpacked_size(data)
    try:
        reader = _BoundedExcelReader(io.BytesIO(data), read_only=True, keep_vba=False, data_only=True,
                                     keep_links=False, rich_text=False)
        reader.read()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError, SyntaxError, TypeError) as exc:
        raise _unreadable() from exc
    if reader.sheet_part is None:
        raise _unreadable()
    declared = _declared_rows(reader)
    if declared is not None and declared > MAX_ROWS + 1:
        raise TableError(_("The sheet declares %(declared)s rows; at most %(num)s rows can be imported. "
                           "Copy the rows into the template.", declared=vn_number(declared),
                           num=vn_number(MAX_ROWS)))
    return _present_rows(reader)


def _unreadable():
    return TableError(_("This is not a readable Excel (.xlsx) file."))


def _too_large():
    return TableError(_("This Excel file is too large once unpacked (at most %(mb)d MB): it cannot be a "
                        "table of units, users or targets. Copy the rows into the template.",
                        mb=MAX_UNPACKED_BYTES // (1024 * 1024)))


def _check_unpacked_size(data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise TableError(_("This is not a readable Excel (.xlsx) file.")) from exc
    # The sizes are the archive's own claims; reading never goes past them (zipfile stops
    # at the declared size and checks the CRC), so they bound what is unpacked.
    if any(p.file_size > MAX_PART_BYTES for p in parts) or sum(p.file_size for p in parts) > MAX_UNPACKED_BYTES:
        raise _too_large()


class _BoundedExcelReader(ExcelReader):
    """openpyxl's reader, with the shared strings read as a stream and counted: its own
    reader keeps every parsed element attached to the document until the end (hundreds of
    megabytes for a few million tiny strings)."""

    sheet_part = None  #: the first worksheet's part in the archive, read later as a stream

    def read_strings(self):
        part = self.package.find(SHARED_STRINGS)
        if part is not None:
            with self.archive.open(part.PartName[1:]) as source:
                self.shared_strings = _shared_strings(source)

    def read_worksheets(self):
        # openpyxl's read-only sheet measures itself when made, parsing the whole sheet
        # into memory if it declares no size: only the first sheet's part is noted here.
        self.sheet_part = next((rel.target for _sheet, rel in self.parser.find_sheets()
                                if rel.target in self.valid_files and "chartsheet" not in rel.Type), None)


def _shared_strings(source):
    strings, table = [], None
    for event, element in iterparse(source, events=("start", "end")):
        if event == "start":
            table = element if table is None else table
            continue
        if element.tag == STRING_TAG:
            if len(strings) == MAX_SHARED_STRINGS:
                raise _too_large()
            strings.append(Text.from_tree(element).content.replace("x005F_", ""))
            table.remove(element)  # a string read is a string forgotten by the tree
    return strings


def _declared_rows(reader):
    """The last row the sheet's <dimension> claims, or None when it claims nothing.

    Read from the start of the sheet only (openpyxl's own look for it parses the whole
    sheet into memory when there is none)."""
    with reader.archive.open(reader.sheet_part) as source:
        for event, element in iterparse(source, events=("start", "end")):
            if event == "start" and element.tag == SHEET_DATA_TAG:
                return None
            if event == "end" and element.tag == DIMENSION_TAG:
                last = (element.get("ref") or "").split(":")[-1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ$")
                return int(last) if last.isdigit() else None
    return None


def _present_rows(reader):
    # openpyxl's own row iterator fills the gaps between rows (and columns) with empty
    # ones: a lone row numbered 100,000,000 would be a hundred million rows in memory; and
    # its parser keeps every row element read. Here its cell parsing is kept, each row is
    # dropped from the tree once read, and only the rows in the file are yielded.
    try:
        yield from _rows_of(reader)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError, SyntaxError, TypeError) as exc:
        raise _unreadable() from exc


def _rows_of(reader):
    with reader.archive.open(reader.sheet_part) as source:
        workbook = reader.wb
        parser = WorkSheetParser(source, reader.shared_strings, data_only=True, epoch=workbook.epoch,
                                 date_formats=workbook._date_formats,  # noqa: SLF001 - openpyxl's own reader reads them so
                                 timedelta_formats=workbook._timedelta_formats)  # noqa: SLF001
        data, row, cells_seen, present = None, None, 0, 0
        for event, element in iterparse(source, events=("start", "end")):
            if event == "start":
                if element.tag == SHEET_DATA_TAG:
                    data = element
                elif element.tag == ROW_TAG:
                    row, cells_seen = element, 0
                continue
            if element.tag == CELL_TAG and row is not None:
                cells_seen += 1
                if cells_seen > MAX_COLUMNS:
                    row.remove(element)  # a row of a million cells keeps only the first ones
                continue
            if element.tag != ROW_TAG or data is None:
                continue
            present += 1
            if present > MAX_PRESENT_ROWS:
                raise TableError(_("The file has more than %(num)s rows.", num=vn_number(MAX_ROWS)))
            number, cells = parser.parse_row(element)
            data.remove(element)
            values = [None] * MAX_COLUMNS
            for cell in cells:
                column = cell["column"]
                if 1 <= column <= MAX_COLUMNS:
                    values[column - 1] = cell["value"]
            while values and values[-1] is None:
                values.pop()
            yield number, values


#: Excel in Vietnamese saves a table as text in one of these: "CSV UTF-8" (UTF-8 with a BOM),
#: "Unicode text" (UTF-16 with a BOM, tab-separated), or plain "CSV" in the Windows code
#: page, Windows-1258, which writes tone marks as separate characters. A file with no BOM
#: is UTF-8 if it decodes as UTF-8 (valid UTF-8 is never an accident), else Windows-1258.
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_WITHOUT_BOM = ("utf-8", "cp1258")
_CHUNK = 64 * 1024


def _csv_rows(data):
    encoding = _csv_encoding(data)
    sample = data[:4 * 4096].decode(encoding, errors="ignore")[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    # Decoded line by line as the reader asks: the text is never held whole.
    lines = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    if encoding == "cp1258":
        lines = (unicodedata.normalize("NFC", line) for line in lines)  # "a" + U+0301 → "á"
    return _csv_records(csv.reader(lines, dialect))


def _csv_encoding(data):
    """The encoding ``data`` is written in (see ``_BOMS``), checked on the whole file."""
    candidates = next(([name] for bom, name in _BOMS if data.startswith(bom)), _WITHOUT_BOM)
    for encoding in candidates:
        if _decodes(data, encoding):
            return encoding
    raise TableError(_("The CSV file must be saved as UTF-8."))


def _decodes(data, encoding):
    """Whether all of ``data`` decodes, read in chunks (what is decoded is dropped)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        for start in range(0, len(data), _CHUNK):
            decoder.decode(data[start:start + _CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _csv_records(reader):
    """(row number, values) of each record, lazily; a broken file is a clear message."""
    try:
        for number, values in enumerate(reader, start=1):  # a blank line is a row, as a spreadsheet shows it
            yield number, values[:MAX_COLUMNS]
    except csv.Error as exc:
        raise TableError(_("The CSV file cannot be read near line %(line)s (a cell too long, or a quote "
                           "left open).", line=vn_number(reader.line_num))) from exc


def template(columns, fmt):
    """The downloadable template: header row (Vietnamese) and example rows."""
    header = [vi for _k, vi, _e in columns]
    examples = list(zip(*[e for _k, _vi, e in columns], strict=True))
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(csv_row(header))
        writer.writerows(csv_row(row) for row in examples)
        return ("\ufeff" + out.getvalue()).encode("utf-8")
    workbook = Workbook()
    sheet = workbook.active
    for r, row in enumerate([header, *examples], start=1):
        for c, value in enumerate(row, start=1):
            xlsx_cell(sheet, r, c, value)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
    for i, (_k, vi, examples_) in enumerate(columns, start=1):
        width = max(len(vi), *(len(str(e)) for e in examples_)) + 2
        sheet.column_dimensions[sheet.cell(1, i).column_letter].width = min(width, 60)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


class ImportForm(BaseForm):
    """The upload form of every import page."""

    file = FileField(_l("File (.xlsx, .csv, or Excel's Unicode text .txt)"), validators=[
        FileRequired(_l("Choose a file.")),
        FileAllowed(["xlsx", "csv", "txt"], _l("Upload an Excel (.xlsx) or CSV (.csv) file."))])
