"""Each kind of bad unit or user row is caught, with its row and column."""
from workflows.rows import check_unit_rows, check_user_rows


def unit(row, code, parent="", kind="department", name="Đơn vị", emails=""):
    return {"row": row, "code": code, "name": name, "kind": kind, "parent_code": parent, "emails": emails}


def where(errors):
    return [(e.row, e.column) for e in errors]


def test_good_rows_pass():
    rows = [unit(2, "DNO", kind="province"), unit(3, "SLD", "DNO", emails="a@x.vn; b@x.vn"),
            unit(4, "KRONG-NO", "DNO", "district"), unit(5, "XA-1", "KRONG-NO", "commune")]
    assert check_unit_rows(rows, {}) == []


def test_parents_may_already_exist():
    assert check_unit_rows([unit(2, "SYT", "DNO")], {"DNO": None}) == []


def test_unknown_parent_duplicate_code_bad_kind_bad_email_missing_name():
    rows = [unit(2, "A", "NOPE"), unit(3, "B"), unit(4, "b"), unit(5, "C", kind="sở"), unit(6, "D", emails="x@"),
            unit(7, "E", name=" "), unit(8, "bad code!")]
    assert where(check_unit_rows(rows, {})) == [(2, "parent_code"), (4, "code"), (5, "kind"), (6, "emails"),
                                                 (7, "name"), (8, "code")]


def test_cycles_are_caught_in_the_file_and_against_the_database():
    rows = [unit(2, "A", "B"), unit(3, "B", "A")]
    assert where(check_unit_rows(rows, {})) == [(2, "parent_code"), (3, "parent_code")]
    # Stored: C under A. The file moves A under C.
    assert where(check_unit_rows([unit(2, "A", "C")], {"A": None, "C": "A"})) == [(2, "parent_code")]
    assert where(check_unit_rows([unit(2, "A", "A")], {})) == [(2, "parent_code")]


def user(row, email="an@x.vn", name="Nguyễn Văn An", unit="SLD", role="head"):
    return {"row": row, "email": email, "full_name": name, "unit_code": unit, "role": role}


def test_user_rows():
    assert check_user_rows([user(2), user(3, role="reviewer")], {"SLD"}) == []
    rows = [user(2, email="not-an-email"), user(3, unit="NOPE"), user(4, role="boss"), user(5, name=""),
            user(6, email="b@x.vn"), user(7, email="b@x.vn"), user(8, email="c@x.vn", name="A"),
            user(9, email="C@x.vn", name="B", role="staff")]
    assert where(check_user_rows(rows, {"SLD"})) == [(2, "email"), (3, "unit_code"), (4, "role"), (5, "full_name"),
                                                     (7, "role"), (9, "full_name")]
