"""The program catalog page (Quản trị → Danh mục dự án). Thin: form → policy → operation."""
from flask import Blueprint, abort, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import policy
from ..extensions import db
from ..web import MAX_ID, attempt
from . import operations
from .forms import ItemEditForm, ItemForm
from .models import BudgetItem

bp = Blueprint("budget", __name__, url_prefix="/admin/catalog")


@bp.before_request
@login_required
def _admins_only():
    if not policy.can_administer(current_user):
        abort(403)


def _projects():
    return db.session.scalars(db.select(BudgetItem).where(BudgetItem.parent_id.is_(None))
                              .order_by(BudgetItem.program, BudgetItem.position)).all()


@bp.route("/", methods=["GET", "POST"])
def index():
    projects = _projects()
    form = ItemForm()
    form.parent_id.choices = [(0, _("(none: a new project)"))] + [
        (p.id, f"{p.program} · {p.code} – {p.name}") for p in projects]
    status = 200
    if form.is_submitted():
        if not policy.can_edit_catalog(current_user):
            abort(403)
        chosen = form.parent_id.data
        parent = db.session.get(BudgetItem, chosen) if chosen and 0 < chosen <= MAX_ID else None
        if chosen and parent is None:
            abort(404)
        response = attempt(lambda: operations.add_item(current_user, form.program.data, form.code.data,
                                                       form.name.data, parent),
                           lambda item: (_("Added %(code)s to the catalog.", code=item.code), url_for(".index")),
                           form) if form.validate() else None
        if response:
            return response
        status = 422
    programs = {}
    for project in projects:
        programs.setdefault(project.program, []).append(project)
    return render_template("budget/catalog.html", programs=programs, form=form,
                           can_edit=policy.can_edit_catalog(current_user)), status


@bp.route("/<int:item_id>", methods=["GET", "POST"])
def edit(item_id):
    item = db.session.get(BudgetItem, item_id) or abort(404)
    if not policy.can_edit_catalog(current_user):
        abort(403)
    form = ItemEditForm(obj=item)
    status = 200
    if form.is_submitted():
        response = attempt(lambda: operations.update_item(current_user, item, form.name.data, form.is_active.data),
                           lambda _i: (_("Saved."), url_for(".index")), form) if form.validate() else None
        if response:
            return response
        status = 422
    return render_template("budget/edit.html", item=item, form=form), status
