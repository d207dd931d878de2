"""Import files as Excel in Vietnamese saves them, and uploads over the size limit.

Excel saves "CSV" in the Windows code page (Windows-1258: tone marks as separate
characters, ";" between cells), "CSV UTF-8" with a BOM, and "Unicode text" as UTF-16
with a BOM and tabs. Each is imported through the page and read back from the database.
An upload over MAX_CONTENT_LENGTH comes back to its import page, message beside the file
field, whether the CSRF check (production) or the view (tests) first asks for the form.
"""
import io
import re
import unicodedata
from contextlib import contextmanager

import pytest

from app.extensions import db
from app.plans.models import PlanTarget
from app.tables import TARGET_COLUMNS, UNIT_COLUMNS, TableError, read_rows
from app.units.models import Unit
from tests.factories import login
from tests.province import APPENDIX, HEADER
from workflows.enums import UnitKind

TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below


def cp1258(text):
    """``text`` as Windows writes it in code page 1258: a letter Windows-1258 lacks
    ("ắ") is its base letter ("ă") followed by the tone mark as a separate character."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        marks = unicodedata.normalize("NFD", ch)
        tones = "".join(m for m in marks[1:] if m in TONES)
        base = unicodedata.normalize("NFC", marks[0] + "".join(m for m in marks[1:] if m not in TONES))
        out += (base + tones).encode("cp1258")
    return bytes(out)


def table(rows, separator):
    return "".join(separator.join(str(cell) for cell in row) + "\r\n" for row in rows)


#: How Excel (Vietnamese Windows) saves a sheet as text: the bytes of ``text``.
SAVED_AS = {
    "CSV (Windows-1258, ';')": (";", cp1258),
    "CSV UTF-8 (with a BOM)": (",", lambda text: text.encode("utf-8-sig")),
    "UTF-8 without a BOM": (",", lambda text: text.encode("utf-8")),
    "Unicode text (UTF-16 LE with a BOM, tabs)": ("\t", lambda text: text.encode("utf-16")),
    "UTF-16 BE with a BOM, tabs": ("\t", lambda text: "\ufeff".encode("utf-16-be") + text.encode("utf-16-be")),
}

NAMES = ["Xã Đắk R'Tih", "Ủy ban nhân dân xã Quảng Khê", "Xã Ea Pô (thuộc huyện Cư Jút)", "Phường Nghĩa Đức"]


def upload(client, path, name, data):
    return client.post(path, data={"file": (io.BytesIO(data), name)}, content_type="multipart/form-data")


@pytest.mark.parametrize("saved_as", SAVED_AS)
def test_units_saved_by_excel_in_vietnamese_are_imported_with_their_names(world, client, saved_as):
    separator, encode = SAVED_AS[saved_as]
    header = [vi for _k, vi, _e in UNIT_COLUMNS]
    rows = [(f"X{i}", name, "Xã", world.district.code, f"xa{i}@example.org") for i, name in enumerate(NAMES)]
    data = encode(table([header, *rows], separator))
    if saved_as.startswith("CSV (Windows"):
        assert b"\xcc" in data or b"\xec" in data  # tone marks travel as separate characters
    login(client, world.admin)
    response = upload(client, "/admin/import/units", "don-vi.csv", data)
    assert response.status_code == 200, response.get_data(as_text=True)[-3000:]
    stored = dict(db.session.execute(db.select(Unit.code, Unit.name).where(Unit.code.in_([r[0] for r in rows]))).all())
    assert stored == {code: name for code, name, *_rest in rows}
    assert all(unicodedata.is_normalized("NFC", name) for name in stored.values())
    kinds = set(db.session.scalars(db.select(Unit.kind).where(Unit.code.in_(stored))))
    assert kinds == {UnitKind.COMMUNE}  # "Xã" read right too


@pytest.mark.parametrize("saved_as", ["CSV (Windows-1258, ';')", "Unicode text (UTF-16 LE with a BOM, tabs)"])
def test_the_target_table_saved_by_excel_in_vietnamese_is_imported(world, client, saved_as):
    separator, encode = SAVED_AS[saved_as]
    # Two of the appendix's districts, as typed in a Vietnamese Excel: "4,32" for a rate.
    rows = [[world.district.name, *APPENDIX[0][1:]], [world.other_district.name, *APPENDIX[1][1:]]]
    rows = [[str(v).replace(".", ",") if isinstance(v, float) else v for v in row] for row in rows]
    login(client, world.reviewer)
    response = upload(client, f"/plans/{world.plan.id}/targets/import", "phu-luc.csv",
                      encode(table([HEADER, *rows], separator)))
    assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
    targets = {t.unit_id: t for t in db.session.scalars(db.select(PlanTarget).where(PlanTarget.plan_id == world.plan.id))}
    assert targets[world.district.id].poor_start == 851 and str(targets[world.district.id].poor_rate_start) == "4.32"
    assert targets[world.other_district.id].poor_reduction == 480


def test_a_file_in_no_known_encoding_gets_the_message_and_nothing_is_imported(world, client):
    login(client, world.admin)
    header = ",".join(vi for _k, vi, _e in UNIT_COLUMNS).encode()
    # Not UTF-8, and bytes Windows-1258 leaves undefined (0x81, 0x8D...).
    data = header + b"\r\nX9,X\x81\x8d\x8e,commune,,\r\n"
    before = db.session.scalar(db.select(db.func.count(Unit.id)))
    response = upload(client, "/admin/import/units", "don-vi.csv", data)
    assert response.status_code == 422
    assert "Tệp CSV phải được lưu với bảng mã UTF-8." in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Unit.id))) == before


def test_windows_1258_text_is_read_composed(app):
    header = ";".join(vi for _k, vi, _e in UNIT_COLUMNS)
    data = cp1258(f"{header}\r\nDG;Huyện Đắk Glong;district;;\r\n")
    assert "Huyện Đắk Glong".encode() not in data
    with app.test_request_context():
        rows = read_rows("u.csv", data, UNIT_COLUMNS)
    assert rows[0]["name"] == "Huyện Đắk Glong"  # composed: "ắ", not "ă" + U+0301
    assert unicodedata.is_normalized("NFC", rows[0]["name"])


def test_a_utf16_file_of_blank_lines_is_read_as_a_stream(app):
    header = "\t".join(vi for _k, vi, _e in TARGET_COLUMNS)
    data = (header + "\n" * 2_000_000 + "Huyện Krông Nô\t19680\t851\t4,32\t180\n").encode("utf-16")
    with app.test_request_context():
        rows = read_rows("t.csv", data, TARGET_COLUMNS)
    assert [(r["row"], r["unit"], r["poor_start"]) for r in rows] == [(2_000_001, "Huyện Krông Nô", "851")]
    with app.test_request_context(), pytest.raises(TableError):
        read_rows("t.csv", b"\xff\xfe" + ("a" * 200_000 + "\n").encode("utf-16-le"), TARGET_COLUMNS)


# --- uploads over the size limit ------------------------------------------------------------

TOO_LARGE = "Tệp hoặc yêu cầu quá lớn"


@pytest.fixture(params=["csrf", "no-csrf"])
def csrf(request, app):
    """With the CSRF check on (as in production) Werkzeug refuses the body in the check,
    before the view; with it off (the tests' config), in the view's form."""
    @contextmanager
    def checking():
        before = app.config["WTF_CSRF_ENABLED"]
        app.config["WTF_CSRF_ENABLED"] = request.param == "csrf"
        try:
            yield
        finally:
            app.config["WTF_CSRF_ENABLED"] = before
    return checking


def big_file(app):
    return b"x" * (app.config["MAX_CONTENT_LENGTH"] + 1)


def message_beside_the_file_field(page):
    """The error under the file input, inside its form."""
    form = re.search(r'<form method="post" enctype="multipart/form-data".*?</form>', page, re.DOTALL)
    assert form, page[-2000:]
    field = re.search(r'<div class="field has-error[^"]*">(.*?)</div>\s*<button', form.group(0), re.DOTALL)
    assert field and 'name="file"' in field.group(1), form.group(0)
    return re.search(r'<div class="error">([^<]*)</div>', field.group(1)).group(1)


@pytest.mark.parametrize("what, title", [("units", "Nhập danh sách đơn vị"), ("users", "Nhập danh sách người dùng")])
def test_an_oversized_import_comes_back_to_the_import_page(world, client, app, csrf, what, title):
    login(client, world.admin)
    with csrf():
        response = upload(client, f"/admin/import/{what}", "don-vi.xlsx", big_file(app))
    page = response.get_data(as_text=True)
    assert response.status_code == 413
    assert f"<h1>{title}</h1>" in page
    assert message_beside_the_file_field(page) == "Tệp hoặc yêu cầu quá lớn (tối đa 10 MB)."


def test_an_oversized_target_table_comes_back_to_its_import_page(world, client, app, csrf):
    login(client, world.reviewer)
    with csrf():
        response = upload(client, f"/plans/{world.plan.id}/targets/import", "phu-luc.xlsx", big_file(app))
    page = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "Nhập bảng chỉ tiêu" in page and world.plan.reference in page
    assert TOO_LARGE in message_beside_the_file_field(page)


def test_the_page_is_only_redrawn_for_those_who_may_see_it(world, client, app, csrf):
    """The view's own checks never ran: the redraw makes them, else the plain error page."""
    with csrf():
        anonymous = upload(client, "/admin/import/units", "u.xlsx", big_file(app))
    login(client, world.head)
    with csrf():
        not_admin = upload(client, "/admin/import/units", "u.xlsx", big_file(app))
        not_targets = upload(client, f"/plans/{world.plan.id}/targets/import", "t.xlsx", big_file(app))
        no_plan = upload(client, "/plans/999999/targets/import", "t.xlsx", big_file(app))
    for response in (anonymous, not_admin, not_targets, no_plan):
        page = response.get_data(as_text=True)
        assert response.status_code == 413 and TOO_LARGE in page
        assert 'type="file"' not in page and "Nhập bảng chỉ tiêu" not in page


def test_excels_unicode_text_is_taken_as_it_is_saved_a_txt_file(world, client):
    separator, encode = SAVED_AS["Unicode text (UTF-16 LE with a BOM, tabs)"]
    header = [vi for _k, vi, _e in UNIT_COLUMNS]
    data = encode(table([header, ("XTXT", "Xã Quảng Tân", "Xã", world.district.code, "")], separator))
    login(client, world.admin)
    response = upload(client, "/admin/import/units", "don-vi.txt", data)
    assert response.status_code == 200, response.get_data(as_text=True)[-3000:]
    assert db.session.scalar(db.select(Unit.name).where(Unit.code == "XTXT")) == "Xã Quảng Tân"
