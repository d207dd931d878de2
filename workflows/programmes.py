"""Which programme a plan belongs to: the one whose years cover the plan's year.

A programme (the 2021–2025 National Target Programme for Sustainable Poverty Reduction of
QĐ 90/QĐ-TTg, the 2026–2035 one after it) is data: any object with ``id``,
``start_year``, ``end_year`` and ``is_active`` will do here.
"""


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
