"""The programmes and their catalog (Quản trị → Danh mục dự án). Thin: form → policy → operation."""
from flask import Blueprint, abort, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import policy
from ..extensions import db
from ..web import MAX_ID, attempt
from . import operations
from .forms import ItemEditForm, ItemForm, ProgrammeForm
from .models import BudgetItem, Programme
from .queries import programmes

bp = Blueprint("budget", __name__, url_prefix="/admin/catalog")


@bp.before_request
@login_required
def _admins_only():
    if not policy.can_administer(current_user):
        abort(403)


def _editors_only():
    if not policy.can_edit_catalog(current_user):
        abort(403)


def _programme_values(form):
    return dict(code=form.code.data, name=form.name.data, decision=form.decision.data,
                start_year=form.start_year.data, end_year=form.end_year.data)


def _answer(form, run, done, template, **context):
    """Validate → one operation → flash and redirect; else the page again (422 after a post)."""
    if form.is_submitted():
        _editors_only()
        response = attempt(run, done, form) if form.validate() else None
        if response:
            return response
    return render_template(template, form=form, **context), 422 if form.is_submitted() else 200


@bp.route("/", methods=["GET", "POST"])
def index():
    """The programmes; a top-level administrator adds one."""
    form = ProgrammeForm()
    return _answer(form, lambda: operations.add_programme(current_user, is_active=form.is_active.data,
                                                          **_programme_values(form)),
                   lambda p: (_("Programme %(code)s added: now add its projects.", code=p.code),
                              url_for(".programme", programme_id=p.id)),
                   "budget/catalog.html", programmes=programmes(), can_edit=policy.can_edit_catalog(current_user))


def _load(model, key):
    return db.session.get(model, key) if 0 < key <= MAX_ID else None


@bp.route("/programmes/<int:programme_id>", methods=["GET", "POST"])
def programme(programme_id):
    """A programme's projects and sub-projects; a top-level administrator adds to them."""
    found = _load(Programme, programme_id) or abort(404)
    form = ItemForm()
    form.parent_id.choices = [(0, _("(none: a new project)"))] + [
        (p.id, f"{p.code} – {p.name}") for p in found.projects]
    parent = None
    if form.is_submitted():
        _editors_only()
    if form.is_submitted() and form.parent_id.data:
        # A project of another programme is refused by the operation, with a message.
        parent = _load(BudgetItem, form.parent_id.data)
        if parent is None:
            abort(404)
    return _answer(form, lambda: operations.add_item(current_user, found, form.code.data, form.name.data, parent),
                   lambda item: (_("Added %(code)s to %(programme)s.", code=item.code, programme=found.code),
                                 url_for(".programme", programme_id=found.id)),
                   "budget/programme.html", programme=found, can_edit=policy.can_edit_catalog(current_user))


@bp.route("/programmes/<int:programme_id>/edit", methods=["GET", "POST"])
def programme_edit(programme_id):
    found = _load(Programme, programme_id) or abort(404)
    _editors_only()
    form = ProgrammeForm(obj=found)
    return _answer(form, lambda: operations.update_programme(current_user, found, is_active=form.is_active.data,
                                                             **_programme_values(form)),
                   lambda p: (_("Saved."), url_for(".programme", programme_id=p.id)),
                   "budget/programme_edit.html", programme=found)


@bp.route("/<int:item_id>", methods=["GET", "POST"])
def edit(item_id):
    item = _load(BudgetItem, item_id) or abort(404)
    _editors_only()
    form = ItemEditForm(obj=item)
    return _answer(form, lambda: operations.update_item(current_user, item, form.name.data, form.is_active.data),
                   lambda _i: (_("Saved."), url_for(".programme", programme_id=item.programme_id)),
                   "budget/edit.html", item=item)
