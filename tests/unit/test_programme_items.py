"""A programme's catalog as a file gives it (workflows/programmes.py ``read_item_table``): a
code with a dot is a sub-project of the code before its last dot; what the programme already
has keeps its place; every problem by row and column, and then nothing to write."""
from workflows.programmes import StoredItem, parent_code, read_item_table
from workflows.rows import RowError

STORED = {"DA1": StoredItem("DA1", "Hạ tầng", None), "DA1.TDA1": StoredItem("DA1.TDA1", "Giao thông", "DA1"),
          "TDA-X": StoredItem("TDA-X", "Nước sạch", "DA1"), "DA2": StoredItem("DA2", "Sinh kế", None)}


def rows(*pairs):
    return [{"row": n, "code": code, "name": name} for n, (code, name) in enumerate(pairs, start=2)]


def test_the_project_of_a_sub_project_is_the_code_before_its_last_dot():
    assert [parent_code(c) for c in ("DA1", "DA1.TDA2", "DA1.TDA2.X", "GNBV-2026")] == [None, "DA1", "DA1.TDA2", None]


def test_new_items_come_projects_first_and_what_is_there_is_left_or_renamed():
    table = read_item_table(rows(("da3.tda1", " Nông nghiệp "), ("DA3", "Sản xuất"), ("DA1", "Hạ tầng"),
                                 ("DA2", "Sinh kế bền vững"), ("DA1.TDA2", "Nước"), ("DA1.TDA1", "Giao thông")),
                            STORED)
    assert table.ok
    assert table.new == [("DA3", "Sản xuất", None), ("DA3.TDA1", "Nông nghiệp", "DA3"), ("DA1.TDA2", "Nước", "DA1")]
    assert table.renamed == [("DA2", "Sinh kế bền vững")]
    assert table.unchanged == 2  # DA1 and DA1.TDA1, as they are


def test_every_problem_is_named_by_row_and_column_and_nothing_is_to_be_written():
    table = read_item_table(rows(("DA4.TDA1", "Không có dự án"),  # 2
                                 ("DA1.TDA1.A", "Cấp ba"),  # 3: under a stored sub-project
                                 # 4: under a sub-project of the file
                                 ("DA5.TDA1.B", "Cấp ba"), ("DA5.TDA1", "Tiểu dự án"), ("DA5", "Dự án"),
                                 ("DA2.X", "Sinh kế"), ("DA2", "x" * 401),  # 8: too long
                                 ("", "Không mã"), ("DA 6", "Dấu cách"), ("DA7", " "),  # 9, 10, 11
                                 ("DA8", "Một"), ("da8", "Hai"),  # 13: twice
                                 ("DA2.TDA1", "Sinh kế"), ("DA1", "Hạ tầng")), STORED)
    assert table.errors == [
        RowError(2, "code", "%(parent)s, the project %(code)s belongs to, is neither in the file nor in the programme.",
                 {"code": "DA4.TDA1", "parent": "DA4"}),
        RowError(3, "code", "A sub-project belongs to a project, not to another sub-project."),
        RowError(4, "code", "A sub-project belongs to a project, not to another sub-project."),
        RowError(8, "name", "The name is longer than %(max)d characters.", {"max": 400}),
        RowError(9, "code", "The code is missing."),
        RowError(10, "code", "A short code of letters, digits, dots or dashes, e.g. DA3 or DA3.TDA1."),
        RowError(11, "name", "The name is missing."),
        RowError(13, "code", "The code %(code)s is already used in row %(other)d.", {"code": "DA8", "other": 12}),
    ]
    assert table.new == [] and not table.ok


def test_an_item_already_there_does_not_move():
    """Not even one made in the pages with a code the file's convention reads otherwise
    (TDA-X under DA1; DA9.TDA1 a project): the file is refused, the item keeps its place."""
    table = read_item_table(rows(("DA2.TDA1", "Sinh kế"), ("TDA-X", "Nước sạch"), ("DA1", "Hạ tầng")), STORED)
    assert table.errors == [RowError(3, "code", "%(code)s is already a sub-project of %(parent)s in the programme: "
                                                "it does not move.", {"code": "TDA-X", "parent": "DA1"})]
    stored = {**STORED, "DA9.TDA1": StoredItem("DA9.TDA1", "Làm ở trang", None),
              "DA9": StoredItem("DA9", "Dự án", None)}
    table = read_item_table(rows(("DA9.TDA1", "Làm ở trang")), stored)
    assert table.errors == [RowError(2, "code", "%(code)s is already a project of the programme: it cannot become a "
                                                "sub-project.", {"code": "DA9.TDA1"})]
