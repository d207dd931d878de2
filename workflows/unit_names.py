"""Finding a unit by the name a file prints for it: the one matcher of every import.

Official appendices print unit names their own way: "P. Nguyễn Thị Minh Khai" for
"Phường Nguyễn Thị Minh Khai", "TP. Gia Nghĩa", "UBND xã Nam Đà", upper case, without
diacritics. A cell is read, in this order:

1. the unit's code (any case), when the units have codes;
2. the unit's name exactly as stored (spaces aside);
3. the name normalised (``normalise``): no case, no diacritics (đ → d), no punctuation,
   "Ủy ban nhân dân" read as "UBND" and a leading "UBND" dropped, and the kind word ("Phường", "P.", "TX."...)
   read apart. A kind word in the cell must be the unit's own (or, for a name printed
   without one, fit the unit's kind); a cell without one matches whatever the unit is
   called, so "Nguyễn Thị Minh Khai" finds "Phường Nguyễn Thị Minh Khai".

The first step that finds anything decides: one unit is a match, more are ``Ambiguous``
(the caller names them to the user), so an exact name always wins over a normalised one
and a guess is never made between two units. The caller passes only the units the
importing person or plan may address: nothing outside them is ever found.
"""
import re
import unicodedata
from dataclasses import dataclass

from .rows import RowError
from .text import N_, fold, one_line

#: The kind words, as they are written in full and abbreviated (folded, see ``normalise``).
KIND_WORDS = {"tinh": "tinh", "thanh pho": "thanh pho", "tp": "thanh pho", "thi xa": "thi xa", "tx": "thi xa",
              "huyen": "huyen", "h": "huyen", "quan": "quan", "q": "quan", "thi tran": "thi tran",
              "tt": "thi tran", "phuong": "phuong", "p": "phuong", "xa": "xa", "x": "xa"}
#: Which kind words fit a unit whose stored name has none, by its kind (a ``UnitKind``
#: value); a kind not listed here (unknown) takes any.
KIND_FITS = {"province": {"tinh", "thanh pho"}, "district": {"huyen", "quan", "thi xa", "thanh pho"},
             "commune": {"xa", "phuong", "thi tran"}, "department": set(), "organisation": set()}
_ABBREVIATIONS = sorted((w for w in KIND_WORDS if " " not in w and len(w) <= 2), key=len, reverse=True)
_WORDS = sorted((w for w in KIND_WORDS if w not in _ABBREVIATIONS), key=len, reverse=True)
# A kind word starts the name: written in full, as a word; abbreviated, followed by a dot,
# a space or a number ("Q.1", "P 7", "Q1").
_KIND_RE = re.compile(r"^(?:(?P<word>%s)(?=\s|$)|(?P<abbr>%s)(?:\.|\s|(?=\d)))\s*"
                      % ("|".join(_WORDS), "|".join(_ABBREVIATIONS)))
_COMMITTEE_RE = re.compile(r"\buy ban nhan dan\b")
_LEADING_COMMITTEE_RE = re.compile(r"^ubnd\b\.?\s*")
_APOSTROPHES = "'\u2018\u2019\u02bc\u02bb`\u00b4"
#: How many candidates an error names at most (a bare "1" may fit every "Phường 1").
MAX_NAMED = 6

AMBIGUOUS = N_("«%(unit)s» could be %(candidates)s: write the unit's full name or its code.")
UNKNOWN_IN_SCOPE = N_("«%(unit)s» is neither the code nor the name of a unit you administer.")
UNKNOWN = N_("No unit has the code or name «%(unit)s».")


@dataclass(frozen=True)
class UnitName:
    """A unit as the matcher sees it; ``id`` is whatever the caller keys units by."""

    id: object
    name: str
    kind: str | None = None  #: a ``UnitKind`` (or its value); None: unknown
    code: str | None = None


@dataclass(frozen=True)
class Found:
    unit: UnitName
    is_exact: bool  #: by code or by the name as stored, not normalised


@dataclass(frozen=True)
class Ambiguous:
    candidates: tuple  #: the UnitNames that fit, by name

    def describe(self):
        """The candidates for a message: «name» (code), at most ``MAX_NAMED`` of them."""
        named = [f"«{c.name}» ({c.code})" if c.code else f"«{c.name}»" for c in self.candidates[:MAX_NAMED]]
        return ", ".join(named) + (", …" if len(self.candidates) > MAX_NAMED else "")


@dataclass(frozen=True)
class NotFound:
    pass


@dataclass(frozen=True)
class Normalised:
    kind_word: str | None  #: "phuong", "thanh pho"... or None when the name has none
    core: str  #: the rest: folded, words separated by one space


def fold_letters(text):
    """Lower case, without diacritics (đ → d), apostrophes dropped ("R'Lấp" = "Rlấp")."""
    return fold("".join(ch for ch in str(text or "") if ch not in _APOSTROPHES))


def normalise(text):
    """The name as compared when not exact: "UBND P. Nguyễn Thị Minh Khai" → ("phuong",
    "nguyen thi minh khai"); numbers lose their leading zeros ("Phường 01" = "P.1")."""
    # "Văn phòng Ủy ban nhân dân tỉnh" is "Văn phòng UBND tỉnh"; "UBND xã Nam Đà" is "Xã Nam Đà".
    folded = _LEADING_COMMITTEE_RE.sub("", _COMMITTEE_RE.sub("ubnd", fold_letters(text)))
    kind_word, rest = None, folded
    found = _KIND_RE.match(folded)
    if found and _core(folded[found.end():]):
        kind_word = KIND_WORDS[found.group("word") or found.group("abbr")]
        rest = folded[found.end():]
    return Normalised(kind_word, _core(rest))


def _core(text):
    words = re.sub(r"[^0-9a-z]+", " ", text).split()
    return " ".join(w.lstrip("0") or "0" if w.isdigit() else w for w in words)


def _exact(text):
    return one_line(unicodedata.normalize("NFC", str(text or "")))


def _kind_value(kind):
    return getattr(kind, "value", kind)


class Matcher:
    """Finds units by code or name among the ``units`` given (``UnitName``s)."""

    def __init__(self, units):
        self._by_code, self._by_exact, self._by_core = {}, {}, {}
        for unit in units:
            if unit.code:
                self._by_code.setdefault(unit.code.strip().upper(), {})[unit.id] = unit
            self._by_exact.setdefault(_exact(unit.name), {})[unit.id] = unit
            key = normalise(unit.name)
            if key.core:
                self._by_core.setdefault(key.core, {}).setdefault(unit.id, []).append((unit, key.kind_word))

    def match(self, text):
        """``Found``, ``Ambiguous`` or ``NotFound`` for the text of a cell."""
        text = _exact(text)
        if not text:
            return NotFound()
        for found in (self._by_code.get(text.upper()), self._by_exact.get(text)):
            if found:
                return _result(list(found.values()), is_exact=True)
        key = normalise(text)
        fitting = []
        for readings in self._by_core.get(key.core, {}).values():
            fit = next((unit for unit, kind_word in readings if _fits(key.kind_word, kind_word, unit.kind)), None)
            if fit is not None:
                fitting.append(fit)
        return _result(fitting, is_exact=False)


def _fits(wanted, own, kind):
    """Whether a cell's kind word (``wanted``) fits a unit named with ``own`` of ``kind``."""
    if wanted is None or wanted == own:
        return True
    if own is not None:
        return False
    fits = KIND_FITS.get(_kind_value(kind))
    return fits is None or wanted in fits


def _result(units, is_exact):
    if not units:
        return NotFound()
    if len(units) == 1:
        return Found(units[0], is_exact)
    return Ambiguous(tuple(sorted(units, key=lambda u: (fold_letters(u.name), u.name, u.code or ""))))


def ambiguity_error(row, column, text, result):
    """The RowError of an ambiguous cell, naming the candidates."""
    return RowError(row, column, AMBIGUOUS, {"unit": _exact(text), "candidates": result.describe()})


def resolve_codes(rows, column, matcher, codes, scoped=True):
    """Let a column of unit codes (a user's unit, a unit's parent) hold names too: a cell
    that is not one of ``codes`` and matches a unit by name gets its code (the text as
    typed is kept in ``<column>_raw``). Returns the RowErrors of the cells that fit no unit
    or several; the code checks need not look at those cells again (``without_cells``).

    ``matcher``: the units the cells may name, with their codes; ``codes``: every code a
    cell may hold as it is (the code checks judge those); ``scoped``: whether the matcher
    holds only the units of the person importing (the message says so)."""
    known = {c.strip().upper() for c in codes}
    errors = []
    for r in rows:
        text = _exact(r.get(column))
        if not text or text.upper() in known:
            continue
        result = matcher.match(text)
        if isinstance(result, Found):
            r[f"{column}_raw"], r[column] = text, result.unit.code
        elif isinstance(result, Ambiguous):
            errors.append(ambiguity_error(r["row"], column, text, result))
        else:
            errors.append(RowError(r["row"], column, UNKNOWN_IN_SCOPE if scoped else UNKNOWN, {"unit": text}))
    return errors


def without_cells(errors, reported):
    """``errors`` less those on a cell (row, column) that ``reported`` already speaks of."""
    cells = {(e.row, e.column) for e in reported}
    return [e for e in errors if (e.row, e.column) not in cells]
