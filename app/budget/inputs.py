"""A programme and its catalog as a script gives them — the API's JSON, or the command line's
options put the same way — read into what ``operations`` takes.

The shape is checked by ``app.inputs.Reader`` (no unknown field, each of its type), what a
person could type wrong by the pages' own forms (``budget.forms``: the same lengths, the
same messages), and the rules and the policy by the operations, as for the pages. Names
are the API's: "active" for whether a programme or an item is in use (as the API shows
them), "parent" for the project a sub-project belongs to; a refusal names the field the
script sent (``renamed``).
"""
from flask_babel import gettext as _

from ..extensions import db
from ..inputs import Reader, form_data, is_whole_number, validated
from ..inputs import renamed as rename_refusal
from ..web import MAX_ID
from .forms import ItemEditForm, ItemForm, ProgrammeForm
from .models import BudgetItem, Programme

PROGRAMME_KEYS = ("code", "name", "decision", "start_year", "end_year", "active")
ITEM_KEYS = ("code", "name", "parent")
ITEM_CHANGE_KEYS = ("name", "active")
#: The operations' and forms' names of fields the API names otherwise.
API_NAMES = {"is_active": "active", "parent_id": "parent"}


def _form(form_class, values):
    return form_class(formdata=form_data(values), meta={"csrf": False})


def find_programme(ref):
    """The programme a script names: by id (an integer) or by code (a text, any case); None if none."""
    if is_whole_number(ref):
        return db.session.get(Programme, ref) if 1 <= ref <= MAX_ID else None
    if isinstance(ref, str) and ref.strip():
        return db.session.scalar(db.select(Programme).where(db.func.upper(Programme.code) == ref.strip().upper()))
    return None


def find_item(programme, ref):
    """The catalog item a script names: by id (an integer: any programme's, for the operation
    to refuse another's with its message) or by code within ``programme`` (any case); None
    if none."""
    if is_whole_number(ref):
        return db.session.get(BudgetItem, ref) if 1 <= ref <= MAX_ID else None
    if isinstance(ref, str) and ref.strip():
        return db.session.scalar(db.select(BudgetItem).where(BudgetItem.programme_id == programme.id,
                                                             db.func.upper(BudgetItem.code) == ref.strip().upper()))
    return None


def read_programme(data, programme=None):
    """The keyword arguments of ``operations.add_programme`` (``programme`` None) or of
    ``update_programme`` but the user (and the programme): the fields given change, the
    others stay as they are (a new programme's: empty, in use)."""
    r = Reader(data, PROGRAMME_KEYS)
    values = {"code": "", "name": "", "decision": "", "start_year": None, "end_year": None, "is_active": True} \
        if programme is None else {"code": programme.code, "name": programme.name, "decision": programme.decision,
                                   "start_year": programme.start_year, "end_year": programme.end_year,
                                   "is_active": programme.is_active}
    for name in ("code", "name", "decision"):
        if name in r:
            values[name] = r.line(name)
    for name in ("start_year", "end_year"):
        if name in r:
            values[name] = r.integer(name)
    if "active" in r:
        values["is_active"] = r.boolean("active")
    r.done()
    form = validated_as_api(_form(ProgrammeForm, values))
    return {"code": form.code.data or "", "name": form.name.data or "", "decision": form.decision.data or "",
            "start_year": form.start_year.data, "end_year": form.end_year.data, "is_active": form.is_active.data}


def read_item(programme, data):
    """(code, name, project or None) for ``operations.add_item``: "parent" the project's id
    or code (null or left out: a new project)."""
    r = Reader(data, ITEM_KEYS)
    code = r.line("code") if "code" in r else ""
    name = r.line("name") if "name" in r else ""
    parent = None
    if "parent" in r and r.data["parent"] is not None:
        ref = r.data["parent"]
        if isinstance(ref, bool) or not isinstance(ref, (int, str)):
            r.fail("parent", _("Send a project's id (a number) or code (a text), or null."))
        else:
            parent = find_item(programme, ref)
            if parent is None:
                r.fail("parent", _("%(programme)s has no project with the id or code %(ref)s.",
                                   programme=programme.code, ref=ref))
    r.done()
    form = _form(ItemForm, {"code": code, "name": name, "parent_id": parent.id if parent is not None else 0})
    form.parent_id.choices = [(0, "")] + [(p.id, p.code) for p in programme.projects]
    validated_as_api(form)
    return form.code.data or "", form.name.data or "", parent


def read_item_change(item, data):
    """(name, in use) for ``operations.update_item``: the fields given change."""
    r = Reader(data, ITEM_CHANGE_KEYS)
    values = {"name": item.name, "is_active": item.is_active}
    if "name" in r:
        values["name"] = r.line("name")
    if "active" in r:
        values["is_active"] = r.boolean("active")
    r.done()
    form = validated_as_api(_form(ItemEditForm, values))
    return form.name.data or "", form.is_active.data


def validated_as_api(form):
    """``inputs.validated``, its refusal naming the fields as the API does."""
    return renamed(lambda: validated(form))


def renamed(run):
    """Run ``run`` (an operation, a form's check); a refusal names the fields as the API does."""
    return rename_refusal(run, API_NAMES)
