"""Word documents in the official Vietnamese administrative format.

The layout follows Decree 30/2020/NĐ-CP, Appendix I: A4 paper, Times New Roman,
a two-column header (issuing body and number on the left, national motto and
place/date on the right), the document type and title, the body, and a
two-column footer ("Nơi nhận:" on the left, the signature on the right).

Plain data in, the bytes of a .docx file out::

    data = render(OfficialDocument(...))
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt

__all__ = ["Heading", "OfficialDocument", "Paragraph", "Table", "render"]

FONT = "Times New Roman"
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
SLOGAN = "Độc lập - Tự do - Hạnh phúc"

# A4, portrait (width, height).
A4 = (Cm(21), Cm(29.7))
# Margins (top, bottom, left, right). A landscape page is the portrait page turned a
# quarter turn, so the wide binding margin moves from the left edge to the top edge.
PORTRAIT_MARGINS = (Cm(2), Cm(2), Cm(3), Cm(2))
LANDSCAPE_MARGINS = (Cm(3), Cm(2), Cm(2), Cm(2))

BODY_PT = 14
TABLE_PT = 12
INDENT = Cm(1)
CELL_MARGIN = Cm(0.19)  # Word's default left/right cell margin (108 twips)
#: Empty lines between the signing title and the signer's name, for the signature and
#: the seal (Decree 30's model leaves three to four).
SIGNATURE_LINES = 4
NAME_LINE = "." * 40

CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


@dataclass
class Heading:
    """A bold section heading, e.g. "I. KẾT QUẢ THỰC HIỆN"."""

    text: str


@dataclass
class Paragraph:
    """Body text: justified, 1 cm first-line indent; "\\n" starts a new paragraph."""

    text: str


@dataclass
class Table:
    """A bordered table whose cells are already formatted text ("13.342", "7,97").

    ``groups``: a first header row of (label, number of columns) over the column headers,
    as in the appendices of plans ("Đầu năm" over households, poor, rate); a group with
    an empty label and one column lets that column's header fill both rows. ``total``:
    one bold last row, or several (a list of rows). ``centered``: columns centred (STT);
    ``nowrap``: columns whose text never breaks ("STT" stays on one line).
    """

    columns: list[str]
    rows: list[list[str]]
    total: list | None = None
    numeric: set[int] = field(default_factory=set)
    widths: list[float] | None = None
    caption: str = ""
    note: str = ""
    groups: list[tuple[str, int]] | None = None
    centered: set[int] = field(default_factory=set)
    nowrap: set[int] = field(default_factory=set)

    @property
    def totals(self):
        """The bold rows at the end."""
        if not self.total:
            return []
        return list(self.total) if isinstance(self.total[0], list) else [self.total]


@dataclass
class OfficialDocument:
    """Everything printed on an official document, top to bottom.

    A "\n" inside a header, title or signing line breaks the line there, e.g.
    parent_body="ỦY BAN NHÂN DÂN\nTỈNH ĐẮK NÔNG".
    """

    parent_body: str
    issuing_body: str
    number_symbol: str
    place_date: str
    doc_type: str
    title: str
    blocks: list
    recipients: list[str]
    signing: list[str]
    signer: str  #: the name under the signature; empty: a dotted line to write it on
    landscape: bool = False


def render(doc: OfficialDocument) -> bytes:
    """The bytes of a .docx file presenting ``doc`` in the Decree 30 format."""
    document = Document()
    _setup_styles(document)
    width = _setup_page(document.sections[0], doc.landscape)
    _header(document, doc, width)
    _type_and_title(document, doc, width)
    for block in doc.blocks:
        if isinstance(block, Heading):
            _heading(document, block.text)
        elif isinstance(block, Paragraph):
            _paragraphs(document, block.text)
        elif isinstance(block, Table):
            _data_table(document, block, width)
        else:
            raise TypeError(f"unknown block {block!r}")
    _footer(document, doc, width)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- page and styles -------------------------------------------------------------

def _setup_styles(document):
    """Times New Roman 14 pt for every script, in the defaults and the Normal style."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    _times(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")))
    normal = document.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    rpr = normal.element.get_or_add_rPr()
    _times(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    lang.set(qn("w:val"), "vi-VN")
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0


def _setup_page(section, landscape):
    """A4 with the decree's margins; returns the width between the margins."""
    width, height = A4
    top, bottom, left, right = PORTRAIT_MARGINS
    section.orientation = WD_ORIENT.PORTRAIT
    if landscape:
        width, height = height, width
        top, bottom, left, right = LANDSCAPE_MARGINS
        section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = width, height
    section.top_margin, section.bottom_margin = top, bottom
    section.left_margin, section.right_margin = left, right
    section.header_distance = Cm(1)
    section.footer_distance = Cm(1)
    _page_numbers(section)
    return Emu(width - left - right)


def _page_numbers(section):
    """The page number centred in the header, from the second page on."""
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False  # an empty first-page header
    p = section.header.paragraphs[0]
    p.alignment = CENTER
    _field_char(p, "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    _run(p, "", BODY_PT)._r.append(instr)
    _field_char(p, "separate")
    _run(p, "2", BODY_PT)  # shown until the field is updated
    _field_char(p, "end")


def _field_char(paragraph, kind):
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    _run(paragraph, "", BODY_PT)._r.append(char)


# --- the parts of the document ----------------------------------------------------

def _header(document, doc, width):
    """Issuing body and number (left); motto and place/date (right); no borders."""
    # On a portrait page the header reaches 0.5 cm into each side margin, as usual,
    # so that the motto fits on one line and the bodies' names wrap less.
    left_w = Emu(max(int(width * 0.4), Cm(7.5)))
    right_w = Emu(max(width - left_w, Cm(9.5)))
    table = _table(document, 2, [left_w, right_w], borders=False)
    left, right = table.rows[0].cells
    if doc.parent_body:
        _para(left, doc.parent_body.upper(), size=13)
    _para(left, doc.issuing_body.upper(), size=13, bold=True)
    _rule(left, left_w - 2 * CELL_MARGIN, Cm(2.5))
    _para(right, MOTTO, size=12, bold=True)
    _para(right, SLOGAN, size=13, bold=True)
    _rule(right, right_w - 2 * CELL_MARGIN, Cm(5.8))
    number, place = table.rows[1].cells
    _para(number, doc.number_symbol, size=13, before=6)
    _para(place, doc.place_date, size=14, italic=True, before=6)
    _finish_cells(left, right, number, place)


def _type_and_title(document, doc, width):
    """The document type in capitals, the title under it, and a short rule."""
    _para(document, doc.doc_type.upper(), bold=True, before=24)
    _para(document, doc.title, bold=True)
    _rule(document, width, Cm(5))
    _para(document, "", after=6)


def _heading(document, text):
    p = _para(document, text, bold=True, align=JUSTIFY, before=6, after=6, indent=INDENT)
    p.paragraph_format.keep_with_next = True


def _paragraphs(document, text):
    for line in text.split("\n"):
        if line.strip():
            _para(document, line.strip(), align=JUSTIFY, after=6, indent=INDENT)


def _data_table(document, spec, width):
    """Caption, unit note, then a bordered table with its header repeated on every page."""
    count = len(spec.columns)
    body = [*spec.rows, *spec.totals]
    for row in body:
        if len(row) != count:
            raise ValueError(f"row {row!r} has {len(row)} cells, expected {count}")
    if spec.groups and sum(span for _label, span in spec.groups) != count:
        raise ValueError(f"the groups {spec.groups!r} do not cover the {count} columns")
    if spec.caption:
        _para(document, spec.caption, bold=True, before=6, after=3).paragraph_format.keep_with_next = True
    if spec.note:
        _para(document, spec.note, size=13, italic=True, align=RIGHT, after=3).paragraph_format.keep_with_next = True
    weights = spec.widths or [1.0] * count
    widths = [Emu(int(width * w / sum(weights))) for w in weights]
    heads = 2 if spec.groups else 1
    table = _table(document, heads + len(body), widths, borders=True)
    for row in table.rows[:heads]:
        _row_flags(row, header=True)
    _column_heads(table, spec)
    for r, values in enumerate(body):
        row = table.rows[heads + r]
        bold = r >= len(spec.rows)
        _row_flags(row)
        for i, text in enumerate(values):
            align = CENTER if i in spec.centered else RIGHT if i in spec.numeric else LEFT
            _cell_text(row.cells[i], text, align, bold=bold, nowrap=i in spec.nowrap)
    _para(document, "", after=6)


def _column_heads(table, spec):
    """The header row, or the two header rows of a grouped table (merged cells)."""
    if not spec.groups:
        for i, text in enumerate(spec.columns):
            _cell_text(table.cell(0, i), text, CENTER, bold=True, nowrap=i in spec.nowrap)
        return
    first = 0
    for label, span in spec.groups:
        last = first + span - 1
        if span == 1 and not label:  # the column's own header fills both rows
            _cell_text(table.cell(0, first).merge(table.cell(1, first)), spec.columns[first], CENTER, bold=True,
                       nowrap=first in spec.nowrap)
        else:
            _cell_text(table.cell(0, first).merge(table.cell(0, last)), label, CENTER, bold=True)
            for i in range(first, last + 1):
                _cell_text(table.cell(1, i), spec.columns[i], CENTER, bold=True, nowrap=i in spec.nowrap)
        first = last + 1


def _footer(document, doc, width):
    """"Nơi nhận:" and the recipients (left); the signature block (right)."""
    half = Emu(width // 2)
    table = _table(document, 1, [half, Emu(width - half)], borders=False)
    _row_flags(table.rows[0])
    left, right = table.rows[0].cells
    _para(left, "Nơi nhận:", size=12, bold=True, italic=True, align=LEFT, before=12)
    for line in doc.recipients:
        _para(left, line, size=11, align=LEFT)
    for i, line in enumerate(doc.signing):
        _para(right, line.upper(), bold=True, before=12 if i == 0 else 0)
    for _ in range(SIGNATURE_LINES):  # room for the signature and the seal
        _para(right, "")
    if doc.signer:
        _para(right, doc.signer, bold=True)
    else:  # nobody known: a line to write the name on
        _para(right, NAME_LINE)
    _finish_cells(left, right)
    # Word wants a paragraph after the last table; keep it one point high.
    tail = _para(document, "")
    tail.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    tail.paragraph_format.line_spacing = Pt(1)


# --- low-level helpers ------------------------------------------------------------

def _times(rpr):
    """Times New Roman for every script of a w:rPr, theme fonts removed."""
    fonts = rpr.get_or_add_rFonts()
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), FONT)


def _run(paragraph, text, size, bold=False, italic=False):
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    _times(run._r.get_or_add_rPr())
    return run


def _para(container, text, *, size=BODY_PT, bold=False, italic=False, align=CENTER,
          before=0, after=0, indent=None):
    """A new paragraph at the end of a document or table cell."""
    p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.alignment = align
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = 1.0
    if indent is not None:
        fmt.first_line_indent = indent
    if text:
        _run(p, text, size, bold, italic)
    return p


def _rule(container, area, length):
    """A short centred horizontal line: the bottom border of a one-point paragraph."""
    p = _para(container, "")
    side = Emu(max(int(area - length) // 2, 0))
    fmt = p.paragraph_format
    fmt.left_indent = side
    fmt.right_indent = side
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(1)
    fmt.space_before = Pt(4)  # clear of the descenders above
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "auto")):
        bottom.set(qn(f"w:{key}"), value)
    border.append(bottom)
    p._p.get_or_add_pPr().insert_element_before(
        border, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
        "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
        "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
        "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
        "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
        "w:pPrChange")
    return p


def _table(document, rows, widths, borders):
    """A centred table with fixed column widths, all borders or none."""
    table = document.add_table(rows=rows, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(int(sum(widths) / 635)))  # EMU to twentieths of a point
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    edges = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        if borders:
            for key, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "auto")):
                line.set(qn(f"w:{key}"), value)
        else:
            line.set(qn("w:val"), "nil")
        edges.append(line)
    tbl_pr.insert_element_before(
        edges, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
        "w:tblDescription", "w:tblPrChange")
    return table


def _finish_cells(*cells):
    """Top-align cells filled with _para and drop the empty paragraph a new cell starts with."""
    for cell in cells:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        if len(cell.paragraphs) > 1:
            first = cell.paragraphs[0]._p
            first.getparent().remove(first)


def _row_flags(row, header=False):
    """Keep a row on one page; a header row is repeated on every page."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _cell_text(cell, text, align, bold=False, nowrap=False):
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    if nowrap:
        tc_pr = cell._tc.get_or_add_tcPr()
        tc_pr.insert_element_before(OxmlElement("w:noWrap"), "w:tcMar", "w:textDirection", "w:tcFitText",
                                    "w:vAlign", "w:hideMark", "w:headers", "w:cellIns", "w:cellDel",
                                    "w:cellMerge", "w:tcPrChange")
    p = cell.paragraphs[0]
    fmt = p.paragraph_format
    fmt.alignment = align
    fmt.space_before = Pt(2)
    fmt.space_after = Pt(2)
    fmt.line_spacing = 1.0
    if text:
        _run(p, text, TABLE_PT, bold)
