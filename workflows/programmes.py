"""Which programme a plan belongs to: the one whose years cover the plan's year.

A programme (the 2021–2025 National Target Programme for Sustainable Poverty Reduction of
QĐ 90/QĐ-TTg, the 2026–2035 one after it) is data: any object with ``id``,
``start_year``, ``end_year`` and ``is_active`` will do here.

Its projects and sub-projects (its catalog) are data too: ``read_item_table`` checks them as
a file gives them, before anything is written.
"""
import re
from dataclasses import dataclass, field

from .rows import RowError
from .text import N_


def covers(programme, year):
    """Whether ``year`` lies within the programme's years (both ends included)."""
    return programme.start_year <= year <= programme.end_year


def covering(programmes, year):
    """The active programme whose years cover ``year`` (of several, the latest to start), or None."""
    found = [p for p in programmes if p.is_active and covers(p, year)]
    return max(found, key=lambda p: (p.start_year, p.id), default=None)


def _distance(programme, year):
    if year < programme.start_year:
        return programme.start_year - year
    return max(0, year - programme.end_year)


def default_programme(programmes, year):
    """A new plan's programme: the one covering ``year``; failing that the nearest in years
    (a plan of 2026 while only the 2021–2025 programme is recorded keeps reporting against
    it), the active ones first; None when there is no programme at all."""
    found = covering(programmes, year)
    if found is not None:
        return found
    candidates = [p for p in programmes if p.is_active] or list(programmes)
    # Nearest first; at equal distance the one that ended before the year (its money is
    # still being reported) rather than one that has not started.
    return min(candidates, key=lambda p: (_distance(p, year), year < p.start_year, p.id), default=None)


def next_year_programme(current, programmes, year):
    """The programme of a plan copied to ``year``: its own if that still covers the year
    (and is in use), else the one covering the year, else its own still."""
    if current is not None and current.is_active and covers(current, year):
        return current
    return covering(programmes, year) or current


# --- a programme's catalog as a file gives it ------------------------------------------------

#: A catalog item's or a programme's code, upper-cased: "DA3", "DA3.TDA1", "GNBV-2026-2035".
CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9._-]{0,29}$")
CODE_MESSAGE = N_("A short code of letters, digits, dots or dashes, e.g. DA3 or DA3.TDA1.")
#: A catalog item's name at most (the pages' field, the column).
MAX_NAME = 400


def parent_code(code):
    """The project a sub-project belongs to, as its code says: "DA1.TDA2" → "DA1" (the
    code before the last dot); None for a project ("DA1")."""
    head, dot, _tail = code.rpartition(".")
    return head if dot else None


@dataclass(frozen=True)
class StoredItem:
    """A catalog item already in the programme: its code, its name, its project's code
    (None for a project)."""

    code: str
    name: str
    parent: str | None


@dataclass
class ItemTable:
    """What an import of a programme's catalog would do, or its problems (``RowError``s;
    then nothing is to be written). ``new``: (code, name, project's code or None), the
    projects first, each group in the file's order; ``renamed``: (code, new name)."""

    errors: list = field(default_factory=list)
    new: list = field(default_factory=list)
    renamed: list = field(default_factory=list)
    unchanged: int = 0

    @property
    def ok(self):
        return not self.errors


def read_item_table(rows, stored):
    """Check a programme's catalog as a file gives it: ``rows`` of {"row", "code",
    "name"}, ``stored`` {code: StoredItem} of what the programme already has.

    A code with a dot is a sub-project of the code before its last dot ("DA1.TDA2" of
    "DA1"), a project of the file or of the programme, never of a sub-project. A code the
    programme already has keeps its place: with the same name it is left as it is, with
    another it is renamed. Every problem is reported, by row and column."""
    table = ItemTable()
    seen, given = {}, {}
    for r in rows:
        code, name = (r.get("code") or "").strip().upper(), (r.get("name") or "").strip()
        if not code:
            table.errors.append(RowError(r["row"], "code", N_("The code is missing.")))
        elif not CODE_RE.match(code):
            table.errors.append(RowError(r["row"], "code", CODE_MESSAGE))
        elif code in seen:
            table.errors.append(RowError(r["row"], "code", N_("The code %(code)s is already used in row %(other)d."),
                                         {"code": code, "other": seen[code]}))
        else:
            seen[code] = r["row"]
            given[code] = (r["row"], name)
        if not name:
            table.errors.append(RowError(r["row"], "name", N_("The name is missing.")))
        elif len(name) > MAX_NAME:
            table.errors.append(RowError(r["row"], "name", N_("The name is longer than %(max)d characters."),
                                         {"max": MAX_NAME}))
    projects, subprojects = [], []
    for code, (row, name) in given.items():
        parent = parent_code(code)
        problem = _place_problem(code, parent, given, stored)
        if problem is not None:
            table.errors.append(RowError(row, "code", *problem))
        elif code in stored:
            if stored[code].name != name:
                table.renamed.append((code, name))
            else:
                table.unchanged += 1
        else:
            (projects if parent is None else subprojects).append((code, name, parent))
    table.errors.sort(key=lambda e: (e.row, e.column))
    if table.ok:
        table.new = projects + subprojects
    else:
        table.renamed, table.unchanged = [], 0
    return table


def _place_problem(code, parent, given, stored):
    """Why ``code`` cannot sit where its code puts it — (message, params) — or None."""
    if code in stored and stored[code].parent != parent:
        if stored[code].parent is None:
            return N_("%(code)s is already a project of the programme: it cannot become a sub-project."), {"code": code}
        return (N_("%(code)s is already a sub-project of %(parent)s in the programme: it does not move."),
                {"code": code, "parent": stored[code].parent})
    if parent is None:
        return None
    if parent not in given and parent not in stored:
        return (N_("%(parent)s, the project %(code)s belongs to, is neither in the file nor in the programme."),
                {"code": code, "parent": parent})
    # The file's word on the project's place first (where it differs from the programme's,
    # the project's own row says so).
    parent_is_subproject = (parent_code(parent) if parent in given else stored[parent].parent) is not None
    if parent_is_subproject:
        return N_("A sub-project belongs to a project, not to another sub-project."), {}
    return None
