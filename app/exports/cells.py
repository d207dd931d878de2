"""Text cells no spreadsheet evaluates, in .xlsx and .csv alike.

A unit named ``=HYPERLINK("http://…";"Huyện Tuy Đức")`` must reach the reader as that
text, never as a live formula (CSV/formula injection). Every text cell the application
writes — exports, templates — goes through here.
"""
from openpyxl.cell.cell import TYPE_STRING

#: A cell beginning with one of these is read as a formula (or DDE) by some spreadsheet.
DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_dangerous(value):
    return isinstance(value, str) and value.startswith(DANGEROUS_STARTS)


def xlsx_cell(ws, row, column, value):
    """Write ``value`` at (row, column); text stays text, whatever it begins with.

    openpyxl stores a string beginning with "=" as a formula: such a cell is written as a
    string instead, with Excel's quote prefix so that editing it keeps it text. The reader
    sees exactly the text."""
    cell = ws.cell(row, column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = TYPE_STRING
        if is_dangerous(value):
            cell.quotePrefix = True
    return cell


def csv_text(value):
    """``value`` for a CSV cell: text that a spreadsheet would evaluate gets a leading
    apostrophe (OWASP's advice); numbers and other text are left as they are."""
    return "'" + value if is_dangerous(value) else value


def csv_row(values):
    return [csv_text(v) for v in values]
