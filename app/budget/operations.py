"""The only place where programmes and their catalog of projects change."""
import logging

from flask_babel import gettext as _

from workflows.programmes import CODE_RE, StoredItem, read_item_table

from .. import policy
from ..errors import Forbidden, Invalid
from ..extensions import db
from ..tables import ImportResult
from .models import BudgetItem, Programme

log = logging.getLogger(__name__)
YEARS = range(2000, 2101)


def check_editor(user):
    """Refuse (``Forbidden``, with the reason) anyone who may not change the programmes and
    their catalog (``policy.can_edit_catalog``)."""
    if not policy.can_edit_catalog(user):
        raise Forbidden(_("Only administrators of a top-level unit change the programmes and their catalog."))


def _programme_values(programme, code, name, decision, start_year, end_year):
    """The programme's fields cleaned, or Invalid naming every field that is wrong."""
    code, name, decision = (code or "").strip().upper(), (name or "").strip(), (decision or "").strip()
    errors = {}
    if not CODE_RE.match(code):
        errors["code"] = _("A short code of letters, digits, dots or dashes, e.g. GNBV-2026-2035.")
    elif db.session.scalar(db.select(Programme.id).where(Programme.code == code,
                                                         Programme.id != getattr(programme, "id", 0))):
        errors["code"] = _("Another programme already has this code.")
    if not name:
        errors["name"] = _("Enter the name.")
    for field, year in (("start_year", start_year), ("end_year", end_year)):
        if not isinstance(year, int) or year not in YEARS:
            errors[field] = _("Enter a year between 2000 and 2100.")
    if not errors.keys() & {"start_year", "end_year"} and start_year > end_year:
        errors["end_year"] = _("The last year cannot come before the first.")
    if errors:
        raise Invalid(_("Please correct the highlighted fields."), errors)
    return {"code": code, "name": name, "decision": decision, "start_year": start_year, "end_year": end_year}


def add_programme(user, code, name, decision, start_year, end_year, is_active=True):
    """Add a programme (its projects come next, with ``add_item``)."""
    check_editor(user)
    programme = Programme(**_programme_values(None, code, name, decision, start_year, end_year),
                          is_active=bool(is_active))
    db.session.add(programme)
    db.session.flush()
    log.info("programme %s added by %s", programme.code, user.email)
    return programme


def update_programme(user, programme, code, name, decision, start_year, end_year, is_active):
    """Change a programme's particulars; plans that chose it keep it (retiring it only
    stops offering it to new plans)."""
    check_editor(user)
    values = _programme_values(programme, code, name, decision, start_year, end_year)
    for field, value in values.items():
        setattr(programme, field, value)
    programme.is_active = bool(is_active)
    db.session.flush()
    log.info("programme %s updated by %s", programme.code, user.email)
    return programme


def add_item(user, programme, code, name, parent=None):
    """Add a project (no parent) or a sub-project of one of ``programme``'s projects."""
    check_editor(user)
    code, name = (code or "").strip().upper(), (name or "").strip()
    errors = {}
    if not CODE_RE.match(code):
        errors["code"] = _("A short code of letters, digits, dots or dashes, e.g. DA3 or DA3.TDA1.")
    elif db.session.scalar(db.select(BudgetItem.id).where(BudgetItem.programme_id == programme.id,
                                                          BudgetItem.code == code)):
        errors["code"] = _("This code is already used in the programme.")
    if not name:
        errors["name"] = _("Enter the name.")
    if parent is not None and parent.programme_id != programme.id:
        errors["parent_id"] = _("Choose a project of this programme.")
    elif parent is not None and not parent.is_project:
        errors["parent_id"] = _("A sub-project belongs to a project, not to another sub-project.")
    if errors:
        raise Invalid(_("Please correct the highlighted fields."), errors)
    siblings = db.session.scalar(db.select(db.func.max(BudgetItem.position)).where(
        BudgetItem.programme_id == programme.id,
        BudgetItem.parent_id.is_(None) if parent is None else BudgetItem.parent_id == parent.id)) or 0
    item = BudgetItem(programme=programme, programme_id=programme.id, code=code, name=name, parent=parent,
                      position=siblings + 1)
    db.session.add(item)
    db.session.flush()
    log.info("budget item %s %s added by %s", programme.code, code, user.email)
    return item


def update_item(user, item, name, is_active):
    """Rename an item or retire it (it stays for the documents that used it)."""
    check_editor(user)
    name = (name or "").strip()
    if not name:
        raise Invalid(_("Please correct the highlighted fields."), {"name": _("Enter the name.")})
    item.name, item.is_active = name, bool(is_active)
    db.session.flush()
    log.info("budget item %s %s updated by %s", item.programme.code, item.code, user.email)
    return item


def import_items(user, programme, rows):
    """Add to ``programme`` the projects and sub-projects of ``rows`` ({"row", "code",
    "name"}, as ``tables.read_rows`` reads a file), all or none.

    A sub-project's code is its project's, a dot and its own ("DA1.TDA2" of "DA1"). A code
    the programme already has keeps its place and, retired or not, its state: with the same
    name it is left as it is (importing a file twice changes nothing), with another it is
    renamed. Returns an ``ImportResult``: its counts, or its problems by row and column, and
    then nothing was written."""
    check_editor(user)
    items = {i.code.upper(): i for i in programme.items}
    stored = {code: StoredItem(code, i.name, i.parent.code.upper() if i.parent is not None else None)
              for code, i in items.items()}
    table = read_item_table(rows, stored)
    if not table.ok:
        return ImportResult(errors=table.errors)
    for code, name, parent in table.new:  # projects first: their sub-projects find them
        items[code] = add_item(user, programme, code, name, items[parent] if parent is not None else None)
    for code, name in table.renamed:
        update_item(user, items[code], name, items[code].is_active)
    log.info("programme %s: catalog imported by %s (%d added, %d renamed, %d unchanged)", programme.code,
             user.email, len(table.new), len(table.renamed), table.unchanged)
    return ImportResult(created=len(table.new), updated=len(table.renamed), unchanged=table.unchanged)
