"""What changed in a document between two moments: the version the reviewer returned and
the one resubmitted. Pure: contents in, a list of changes out, figure by figure and text
by text (a text's change as the words removed and added)."""
import difflib
from dataclasses import dataclass, field

TEXT, FIGURE, BUDGET, INDICATOR = "text", "figure", "budget", "indicator"


@dataclass(frozen=True)
class Change:
    kind: str  #: TEXT, FIGURE, BUDGET or INDICATOR
    name: str  #: the field (a text or figure name), the budget line's key, or the indicator's
    before: object = None
    after: object = None
    #: For BUDGET: (measure, column); for TEXT: the words as (op, text) pieces, op being
    #: "same", "removed" or "added".
    detail: tuple = field(default_factory=tuple)


def _words(text):
    return (text or "").split()


def text_pieces(before, after):
    """The words of ``before`` and ``after`` as (op, text) pieces: kept, removed, added."""
    old, new = _words(before), _words(after)
    pieces = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(("same", " ".join(old[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("removed", " ".join(old[i1:i2])))
        if j2 > j1:
            pieces.append(("added", " ".join(new[j1:j2])))
    return tuple(pieces)


def _blank(value):
    return value is None or value == ""


def changes(before, after, text_fields, figure_key, figure_fields):
    """The changes from content ``before`` to content ``after`` (both the stored JSON):
    texts in ``text_fields`` order, then the figures, the indicators' values (by their key
    under "indicators"), then the budget cells."""
    before, after = before or {}, after or {}
    out = []
    for name in text_fields:
        old, new = (before.get(name) or "").strip(), (after.get(name) or "").strip()
        if old != new:
            out.append(Change(TEXT, name, old, new, text_pieces(old, new)))
    old_figures, new_figures = before.get(figure_key) or {}, after.get(figure_key) or {}
    for name in figure_fields:
        old, new = old_figures.get(name), new_figures.get(name)
        if not (_blank(old) and _blank(new)) and str(old) != str(new):
            out.append(Change(FIGURE, name, None if _blank(old) else old, None if _blank(new) else new))
    old_values, new_values = before.get("indicators") or {}, after.get("indicators") or {}
    for key in sorted(set(old_values) | set(new_values), key=str):
        old, new = old_values.get(key), new_values.get(key)
        if not (_blank(old) and _blank(new)) and str(old) != str(new):
            out.append(Change(INDICATOR, str(key), None if _blank(old) else old, None if _blank(new) else new))
    old_budget, new_budget = before.get("budget") or {}, after.get("budget") or {}
    for key in sorted(set(old_budget) | set(new_budget), key=str):
        measures = set(old_budget.get(key) or {}) | set(new_budget.get(key) or {})
        for measure in sorted(measures):
            old_cells = (old_budget.get(key) or {}).get(measure) or {}
            new_cells = (new_budget.get(key) or {}).get(measure) or {}
            for column in sorted(set(old_cells) | set(new_cells)):
                old, new = old_cells.get(column), new_cells.get(column)
                if str(old) != str(new):
                    out.append(Change(BUDGET, str(key), old, new, (measure, column)))
    return out
