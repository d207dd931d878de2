"""Reading the program catalog for budget tables."""
from workflows.figures import Item

from ..extensions import db
from .models import BudgetItem


def catalog(used=()):
    """The items a budget table shows, projects each followed by their sub-projects:
    the active ones, and any a document already used (a retired item keeps its figures)."""
    used = {str(k) for k in used}
    rows = db.session.scalars(db.select(BudgetItem).order_by(BudgetItem.program, BudgetItem.position,
                                                             BudgetItem.id)).all()
    shown = {r.id for r in rows if r.is_active or str(r.id) in used}
    shown |= {r.parent_id for r in rows if r.id in shown and r.parent_id is not None}
    projects = [r for r in rows if r.parent_id is None and r.id in shown]
    out = []
    for project in projects:
        out.append(project)
        out += [r for r in rows if r.parent_id == project.id and r.id in shown]
    return out


def rule_items(rows):
    """The catalog as ``workflows.figures.Item``s (keys are the ids, as stored in content)."""
    ids = {r.id for r in rows}
    return [Item(r.id, r.code, parent=None if r.parent_id is None else str(r.parent_id),
                 children=[c.id for c in rows if c.parent_id == r.id and c.id in ids]) for r in rows]
