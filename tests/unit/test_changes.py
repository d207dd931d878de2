"""What changed since a document was returned, figure by figure and text by text."""
from workflows.changes import BUDGET, FIGURE, INDICATOR, TEXT, changes, text_pieces

TEXTS = ("results", "difficulties")
FIGURES = ("poor_start", "poor_escaped", "poor_end")


def test_only_what_changed_is_listed_in_form_order():
    before = {"results": "Đã hỗ trợ 120 hộ.", "difficulties": "Thiếu vốn.",
              "figures": {"poor_start": 851, "poor_escaped": 180, "poor_end": 671},
              "budget": {"12": {"allocated": {"central_recurrent": "100"}}}}
    after = {"results": "Đã hỗ trợ 185 hộ thoát nghèo.", "difficulties": "Thiếu vốn.",
             "figures": {"poor_start": 851, "poor_escaped": 185, "poor_end": 666},
             "budget": {"12": {"allocated": {"central_recurrent": "120", "other": "5"}}}}
    found = changes(before, after, TEXTS, "figures", FIGURES)
    assert [(c.kind, c.name) for c in found] == [(TEXT, "results"), (FIGURE, "poor_escaped"), (FIGURE, "poor_end"),
                                                 (BUDGET, "12"), (BUDGET, "12")]
    assert (found[1].before, found[1].after) == (180, 185)
    assert [(c.detail, c.before, c.after) for c in found[3:]] == [
        (("allocated", "central_recurrent"), "100", "120"), (("allocated", "other"), None, "5")]


def test_a_figure_filled_or_emptied_is_a_change_zero_is_not_empty():
    found = changes({"figures": {"poor_end": 0}}, {"figures": {"poor_end": None}}, TEXTS, "figures", FIGURES)
    assert [(c.name, c.before, c.after) for c in found] == [("poor_end", 0, None)]
    assert changes({"figures": {"poor_end": ""}}, {"figures": {}}, TEXTS, "figures", FIGURES) == []


def test_a_texts_change_is_the_words_removed_and_added():
    assert text_pieces("Đã hỗ trợ 120 hộ.", "Đã hỗ trợ 185 hộ thoát nghèo.") == (
        ("same", "Đã hỗ trợ"), ("removed", "120 hộ."), ("added", "185 hộ thoát nghèo."))
    assert changes({"results": "Như cũ."}, {"results": "  Như cũ.  "}, TEXTS, "figures", FIGURES) == []


def test_an_indicator_s_value_changed_given_or_emptied_is_a_change():
    before = {"indicators": {"7": "120", "8": "790", "near_poor": "800"}, "budget": {}}
    after = {"indicators": {"7": "125", "8": "790", "9": "6"}, "budget": {"12": {"allocated": {"other": "5"}}}}
    found = changes(before, after, TEXTS, "figures", FIGURES)
    assert [(c.kind, c.name, c.before, c.after) for c in found] == [
        (INDICATOR, "7", "120", "125"), (INDICATOR, "9", None, "6"), (INDICATOR, "near_poor", "800", None),
        (BUDGET, "12", None, "5")]
