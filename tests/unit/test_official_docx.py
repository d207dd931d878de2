"""The official Word document (Decree 30/2020/NĐ-CP) read back with python-docx."""
import io
import shutil
import subprocess

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from app.exports.official import Heading, OfficialDocument, Paragraph, Table, render

TABLE = Table(
    columns=["STT", "Đơn vị", "Số hộ nghèo", "Tỷ lệ hộ nghèo (%)", "Kinh phí"],
    rows=[
        ["1", "Huyện Đắk Glong", "4.127", "21,35", "12.500"],
        ["2", "Huyện Tuy Đức", "3.981", "18,02", "11.240"],
        ["3", "Thành phố Gia Nghĩa", "5.234", "3,47", "9.860"],
    ],
    total=["", "Tổng cộng", "13.342", "7,97", "33.600"],
    numeric={2, 3, 4},
    widths=[0.6, 3, 1.5, 1.5, 1.5],
    caption="Biểu 1. Chỉ tiêu giảm nghèo năm 2023",
    note="Đơn vị tính: hộ; triệu đồng",
)


def sample(landscape=False):
    return OfficialDocument(
        parent_body="Ủy ban nhân dân tỉnh Đắk Nông",
        issuing_body="Sở Lao động - Thương binh và Xã hội",
        number_symbol="Số: 98/BC-SLĐTBXH",
        place_date="Đắk Nông, ngày 15 tháng 02 năm 2023",
        doc_type="Báo cáo",
        title="Tổng hợp kết quả thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2022",
        blocks=[
            Heading("I. KẾT QUẢ THỰC HIỆN"),
            Paragraph("Năm 2022, toàn tỉnh giảm 2.104 hộ nghèo, đạt 105,2% kế hoạch.\n"
                      "Các huyện đã chủ động bố trí vốn đối ứng theo đúng quy định."),
            TABLE,
            Heading("II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2023"),
            Paragraph("Tiếp tục rà soát, hỗ trợ hộ nghèo về nhà ở, việc làm và y tế."),
        ],
        recipients=["- Bộ Lao động - TB&XH (b/c);", "- UBND tỉnh (b/c);", "- Lưu: VT, BTXH."],
        signing=["KT. Giám đốc", "Phó Giám đốc"],
        signer="Nguyễn Văn Thắng",
        landscape=landscape,
    )


@pytest.fixture(scope="module")
def data():
    return render(sample())


@pytest.fixture(scope="module")
def document(data):
    return docx.Document(io.BytesIO(data))


def cm(*lengths):
    """Lengths in centimetres; Word stores them in twips, so round off."""
    return tuple(round(length.cm, 2) for length in lengths)


def all_paragraphs(document):
    """Body paragraphs and those inside table cells, in order."""
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def find(document, text):
    matches = [p for p in all_paragraphs(document) if p.text == text]
    assert matches, f"{text!r} not found"
    return matches[0]


def test_is_a_docx_file(data):
    assert data[:2] == b"PK"


def test_header_block(document):
    header = document.tables[0]
    left, right = header.rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == [
        "ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"]
    assert left.paragraphs[1].runs[0].bold
    assert not left.paragraphs[0].runs[0].bold
    assert [p.text for p in right.paragraphs if p.text] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert all(p.runs[0].bold for p in right.paragraphs if p.text)
    number, place = header.rows[1].cells
    assert number.text == "Số: 98/BC-SLĐTBXH"
    assert place.text == "Đắk Nông, ngày 15 tháng 02 năm 2023"
    assert place.paragraphs[0].runs[0].italic
    # The header table has no borders.
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}


def test_rules_under_issuing_body_and_motto(document):
    left, right = document.tables[0].rows[0].cells
    for cell in (left, right):
        ruled = [p for p in cell.paragraphs if p._p.find(".//" + qn("w:pBdr")) is not None]
        assert len(ruled) == 1 and ruled[0].text == ""


def test_type_and_title(document):
    kind = find(document, "BÁO CÁO")
    title = find(document, sample().title)
    for p in (kind, title):
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert p.runs[0].bold


def test_body(document):
    heading = find(document, "I. KẾT QUẢ THỰC HIỆN")
    assert heading.runs[0].bold
    body = find(document, "Năm 2022, toàn tỉnh giảm 2.104 hộ nghèo, đạt 105,2% kế hoạch.")
    find(document, "Các huyện đã chủ động bố trí vốn đối ứng theo đúng quy định.")
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert cm(body.paragraph_format.first_line_indent) == (1,)
    assert find(document, "Biểu 1. Chỉ tiêu giảm nghèo năm 2023").runs[0].bold
    assert find(document, "Đơn vị tính: hộ; triệu đồng").runs[0].italic


def test_data_table(document):
    table = document.tables[1]
    texts = [[cell.text for cell in row.cells] for row in table.rows]
    assert texts == [TABLE.columns, *TABLE.rows, TABLE.total]
    header = table.rows[0]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(c.paragraphs[0].runs[0].bold for c in header.cells)
    assert all(c.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER for c in header.cells)
    first = table.rows[1].cells
    assert first[2].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert first[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert not first[2].paragraphs[0].runs[0].bold
    assert all(c.paragraphs[0].runs[0].bold for c in table.rows[-1].cells if c.text)
    assert all(run.font.size.pt == 12 for row in table.rows for c in row.cells
               for p in c.paragraphs for run in p.runs)
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"single"}
    assert len(borders) == 6


def test_signature_block(document):
    left, right = document.tables[-1].rows[0].cells
    lines = [p.text for p in left.paragraphs]
    assert lines == ["Nơi nhận:", "- Bộ Lao động - TB&XH (b/c);", "- UBND tỉnh (b/c);", "- Lưu: VT, BTXH."]
    first = left.paragraphs[0].runs[0]
    assert first.bold and first.italic and first.font.size.pt == 12
    assert left.paragraphs[1].runs[0].font.size.pt == 11
    signature = [p for p in right.paragraphs if p.text]
    assert [p.text for p in signature] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn Thắng"]
    assert all(p.runs[0].bold and p.alignment == WD_ALIGN_PARAGRAPH.CENTER for p in signature)
    assert len(right.paragraphs) - len(signature) >= 3  # room for the signature


def test_times_new_roman_everywhere(document):
    runs = [run for p in all_paragraphs(document) for run in p.runs if run.text]
    assert len(runs) > 30
    for run in runs:
        fonts = run._r.rPr.rFonts
        assert run.font.name == "Times New Roman"
        assert fonts.get(qn("w:eastAsia")) == "Times New Roman"
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "Times New Roman"
    assert normal.font.size.pt in (13, 14)


def test_a4_portrait_with_decree_margins(document):
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert cm(section.page_width, section.page_height) == (21, 29.7)
    assert cm(section.top_margin, section.bottom_margin) == (2, 2)
    assert cm(section.left_margin, section.right_margin) == (3, 2)


def test_page_number_from_page_two(document):
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert section.header._element.find(".//" + qn("w:instrText")).text.strip() == "PAGE"
    assert section.first_page_header._element.find(".//" + qn("w:instrText")) is None


def test_landscape_swaps_width_and_height():
    section = docx.Document(io.BytesIO(render(sample(landscape=True)))).sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert cm(section.page_width, section.page_height) == (29.7, 21)
    # The binding margin moves to the top edge.
    assert cm(section.top_margin, section.bottom_margin) == (3, 2)
    assert cm(section.left_margin, section.right_margin) == (2, 2)


def test_newline_breaks_a_header_line():
    doc = sample()
    doc.parent_body = "Ủy ban nhân dân\ntỉnh Đắk Nông"
    header = docx.Document(io.BytesIO(render(doc))).tables[0]
    assert header.rows[0].cells[0].paragraphs[0].text == "ỦY BAN NHÂN DÂN\nTỈNH ĐẮK NÔNG"


def test_rows_must_match_the_columns():
    bad = sample()
    bad.blocks = [Table(columns=["A", "B"], rows=[["1"]])]
    with pytest.raises(ValueError):
        render(bad)


def test_libreoffice_converts_it_to_pdf(data, tmp_path):
    soffice = shutil.which("soffice")
    if not soffice:
        pytest.fail("LibreOffice (soffice) not found: run `make test`, which installs it")
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(data)
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, timeout=120, capture_output=True)
    pdf = tmp_path / "bao-cao.pdf"
    assert pdf.exists()
    assert pdf.read_bytes().startswith(b"%PDF")


GROUPED = Table(
    columns=["STT", "Đơn vị", "Tổng số hộ", "Hộ nghèo", "Tỷ lệ", "Số hộ giảm", "Tỷ lệ"],
    groups=[("", 1), ("", 1), ("Đầu năm", 3), ("Chỉ tiêu", 2)],
    rows=[["1", "Huyện Krông Nô", "19.680", "851", "4,32", "180", "3,41"],
          ["2", "Huyện Cư Jút", "22.180", "1.183", "5,33", "480", "3,17"]],
    total=[["", "Các đơn vị đã báo cáo (1/2)", "19.680", "851", "4,32", "180", "3,41"],
           ["", "Tổng cộng", "41.860", "2.034", "4,86", "660", "3,28"]],
    numeric=set(range(2, 7)), centered={0}, nowrap={0}, widths=[1.5, 6, 3, 3, 2, 3, 2])


def grouped_table():
    doc = sample(landscape=True)
    doc.blocks = [GROUPED]
    return docx.Document(io.BytesIO(render(doc))).tables[1]


def grid(table):
    """The table's cells as the XML holds them: (row, text, columns spanned, vertical merge)."""
    out = []
    for r, tr in enumerate(table._tbl.tr_lst):
        for tc in tr.tc_lst:
            span = tc.tcPr.find(qn("w:gridSpan")) if tc.tcPr is not None else None
            merge = tc.tcPr.find(qn("w:vMerge")) if tc.tcPr is not None else None
            text = "".join(t.text for t in tc.iter(qn("w:t")))
            out.append((r, text, int(span.get(qn("w:val"))) if span is not None else 1,
                        None if merge is None else (merge.get(qn("w:val")) or "continue")))
    return out


def test_grouped_headers_span_their_columns_as_in_a_plans_appendix():
    table = grouped_table()
    cells = grid(table)
    assert [c for c in cells if c[0] == 0] == [
        (0, "STT", 1, "restart"), (0, "Đơn vị", 1, "restart"), (0, "Đầu năm", 3, None), (0, "Chỉ tiêu", 2, None)]
    assert [c for c in cells if c[0] == 1] == [
        (1, "", 1, "continue"), (1, "", 1, "continue"), (1, "Tổng số hộ", 1, None), (1, "Hộ nghèo", 1, None),
        (1, "Tỷ lệ", 1, None), (1, "Số hộ giảm", 1, None), (1, "Tỷ lệ", 1, None)]
    for row in table.rows[:2]:  # both header rows repeat on every page
        assert row._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[2]._tr.trPr.find(qn("w:tblHeader")) is None


def test_several_total_rows_are_bold_and_the_unit_rows_are_not():
    table = grouped_table()
    texts = [[c.text for c in row.cells] for row in table.rows[2:]]
    assert texts == [*GROUPED.rows, *GROUPED.total]
    bold = [all(run.bold for c in row.cells for p in c.paragraphs for run in p.runs) for row in table.rows[2:]]
    assert bold == [False, False, True, True]


def test_stt_is_centred_and_never_wraps():
    table = grouped_table()
    for row in table.rows:
        cell = row.cells[0]
        assert cell._tc.tcPr.find(qn("w:noWrap")) is not None
    assert table.rows[2].cells[0].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    # Wide enough for "STT" in bold 12 pt and the cell's margins (about 1.2 cm).
    assert table.columns[0].width.cm >= 1.25


def test_groups_must_cover_the_columns():
    bad = sample()
    bad.blocks = [Table(columns=["A", "B", "C"], rows=[["1", "2", "3"]], groups=[("", 1), ("G", 1)])]
    with pytest.raises(ValueError):
        render(bad)


def test_without_a_known_signer_a_dotted_line_is_left_to_write_the_name():
    doc = sample()
    doc.signer = ""
    right = docx.Document(io.BytesIO(render(doc))).tables[-1].rows[0].cells[1]
    lines = [p.text for p in right.paragraphs]
    assert lines[:2] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    assert lines[2:6] == ["", "", "", ""]  # room for the signature and the seal
    assert set(lines[6]) == {"."} and len(lines[6]) >= 20


def test_the_signature_has_room_above_the_name():
    right = docx.Document(io.BytesIO(render(sample()))).tables[-1].rows[0].cells[1]
    lines = [p.text for p in right.paragraphs]
    assert lines == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "", "", "", "Nguyễn Văn Thắng"]
