"""Programmes and their catalog through /api/v1, as a top-level administrator keeps them in
the pages (Quản trị → Danh mục dự án): the same policy (``policy.can_edit_catalog``), the
same forms and operations (``budget.inputs``, ``budget.operations``).

Thin like the pages: who may (``policy.can_edit_catalog``: 403, before the body is read) → the body read as the pages
read their forms → one operation → JSON. Unknown ids in the path: 404; a mistake in the
body: 422 with a message per field. Reading them stays with everyone (GET /programmes,
GET /catalog).
"""
from flask import jsonify

from ..budget import inputs
from ..budget import operations as budget_ops
from ..budget.models import BudgetItem, Programme
from . import serialize
from .base import api_user, bp, get_or_404, json_body


def _editors_only():
    """The pages' refusal, with its reason, before the body is read."""
    budget_ops.check_editor(api_user())


@bp.post("/programmes")
def create_programme():
    """A programme (the 2026–2035 one); its projects come next."""
    _editors_only()
    values = inputs.read_programme(json_body())
    programme = inputs.renamed(lambda: budget_ops.add_programme(api_user(), **values))
    return jsonify(serialize.programme(programme)), 201


@bp.patch("/programmes/<int:programme_id>")
def update_programme(programme_id):
    """Change a programme's particulars (the fields sent); its plans keep it."""
    programme = get_or_404(Programme, programme_id)
    _editors_only()
    values = inputs.read_programme(json_body(), programme)
    return jsonify(serialize.programme(inputs.renamed(
        lambda: budget_ops.update_programme(api_user(), programme, **values))))


@bp.post("/programmes/<int:programme_id>/items")
def add_programme_item(programme_id):
    """A project of the programme, or a sub-project of one of its projects ("parent")."""
    programme = get_or_404(Programme, programme_id)
    _editors_only()
    code, name, parent = inputs.read_item(programme, json_body())
    item = inputs.renamed(lambda: budget_ops.add_item(api_user(), programme, code, name, parent))
    return jsonify(serialize.budget_item(item)), 201


@bp.patch("/catalog/<int:item_id>")
def update_catalog_item(item_id):
    """Rename a project or sub-project, or retire it (it stays for the documents that used it)."""
    item = get_or_404(BudgetItem, item_id)
    _editors_only()
    name, is_active = inputs.read_item_change(item, json_body())
    return jsonify(serialize.budget_item(inputs.renamed(
        lambda: budget_ops.update_item(api_user(), item, name, is_active))))
