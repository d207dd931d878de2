"""Reading the programmes and their catalog for budget tables."""
from workflows.figures import Item

from ..extensions import db
from .models import BudgetItem, Programme


def programmes():
    """Every programme, the latest first."""
    return db.session.scalars(db.select(Programme).order_by(Programme.start_year.desc(), Programme.id)).all()


def catalog(used=(), programme_id=None):
    """The items a budget table shows, projects each followed by their sub-projects: the
    active ones of ``programme_id`` (of every programme when None), and any a document
    already used (a retired item keeps its figures; one of another programme is shown so
    that it can be cleared: saving refuses it, see ``foreign_items``), after them."""
    used = {str(k) for k in used}
    rows = db.session.scalars(db.select(BudgetItem).order_by(BudgetItem.programme_id, BudgetItem.position,
                                                             BudgetItem.id)).all()

    def offered(r):
        return r.is_active and (programme_id is None or r.programme_id == programme_id)

    shown = {r.id for r in rows if offered(r) or str(r.id) in used}
    shown |= {r.parent_id for r in rows if r.id in shown and r.parent_id is not None}
    projects = sorted((r for r in rows if r.parent_id is None and r.id in shown),
                      key=lambda r: programme_id is not None and r.programme_id != programme_id)
    out = []
    for project in projects:
        out.append(project)
        out += [r for r in rows if r.parent_id == project.id and r.id in shown]
    return out


def foreign_items(keys, programme_id):
    """The catalog items among the budget line ``keys`` that are not ``programme_id``'s."""
    ids = {int(k) for k in map(str, keys) if k.isascii() and k.isdigit() and len(k) < 10}
    if not ids:
        return []
    return db.session.scalars(db.select(BudgetItem).where(BudgetItem.id.in_(ids),
                                                          BudgetItem.programme_id != programme_id)
                              .order_by(BudgetItem.position, BudgetItem.id)).all()


def rule_items(rows):
    """The catalog as ``workflows.figures.Item``s (keys are the ids, as stored in content)."""
    ids = {r.id for r in rows}
    return [Item(r.id, r.code, parent=None if r.parent_id is None else str(r.parent_id),
                 children=[c.id for c in rows if c.parent_id == r.id and c.id in ids]) for r in rows]
