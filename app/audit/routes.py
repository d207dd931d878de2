"""The audit page (Quản trị → Nhật ký thay đổi), for administrators. Thin: filters → query."""
from flask import Blueprint, abort, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .. import policy
from ..extensions import db
from ..web import id_arg, page_arg
from .display import OBJECT_LABELS, rows
from .forms import AuditFilterForm
from .queries import entries

bp = Blueprint("audit", __name__, url_prefix="/admin/audit")
PER_PAGE = 50


@bp.before_request
@login_required
def _admins_only():
    if not policy.can_read_audit(current_user):
        abort(403)


@bp.route("/")
def index():
    form = AuditFilterForm(request.args)
    form.type.choices = [("", _("All"))] + [(key, str(label)) for key, label in OBJECT_LABELS.items()]
    form.validate()  # a wrong filter is told beside its field and left out; the others apply

    def good(field):
        return None if field.errors else field.data

    object_type = form.type.data if form.type.data in OBJECT_LABELS else None
    stmt = entries(current_user, object_type=object_type, object_id=good(form.id), person=good(form.person),
                   actor_id=id_arg("actor"), date_from=good(form.date_from), date_to=good(form.date_to))
    page = db.paginate(stmt, page=page_arg(), per_page=PER_PAGE, error_out=False)
    # The filters as given, for the pager's links.
    args = {name: request.args[name] for name in form._fields if request.args.get(name)}
    return render_template("audit/index.html", form=form, page=page, rows=rows(page.items), args=args)
