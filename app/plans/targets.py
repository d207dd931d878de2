"""The target table's import page and template (the operation is ``operations.import_targets``)."""
from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from .. import policy
from ..admin.forms import ImportForm
from ..admin.importing import translate_errors
from ..admin.tables import TARGET_COLUMNS, TARGET_OPTIONAL, TableError, read_rows, template
from ..errors import upload_page
from ..extensions import db
from . import operations
from .models import Plan

bp = Blueprint("targets", __name__)


def translate(errors):
    """RowErrors as (row, column header, sentence), as the unit and user imports show them."""
    return translate_errors(errors, TARGET_COLUMNS)


@bp.route("/plans/<int:plan_id>/targets/import", methods=["GET", "POST"])
@login_required
def import_targets(plan_id):
    plan = db.session.get(Plan, plan_id) or abort(404)
    if not policy.can_edit_targets(current_user, plan):
        abort(403)
    form = ImportForm()
    problems = warnings = []
    if form.validate_on_submit():
        upload = form.file.data
        try:
            rows = read_rows(upload.filename, upload.read(), TARGET_COLUMNS, optional=TARGET_OPTIONAL)
        except TableError as exc:
            form.file.errors.append(str(exc))
        else:
            table = operations.import_targets(current_user, plan, rows)
            warnings = translate(table.warnings)
            if table.ok:
                flash(_("Target table imported: %(created)d added, %(updated)d changed, %(unchanged)d unchanged.",
                        created=table.created, updated=table.updated, unchanged=table.unchanged),
                      "success")
                if not warnings:
                    return redirect(url_for("plans.overview", plan_id=plan.id) + "#targets")
            else:
                db.session.rollback()
                problems = translate(table.errors)
                flash(ngettext("Nothing was imported: %(num)d problem to correct in the file.",
                               "Nothing was imported: %(num)d problems to correct in the file.", len(problems)),
                      "danger")
    elif form.is_submitted():
        flash(_("Please correct the highlighted fields."), "danger")
    status = 422 if (form.errors or problems) else 200
    return render_template("plans/import_targets.html", plan=plan, form=form, problems=problems,
                           warnings=warnings, columns=TARGET_COLUMNS), status


@upload_page("targets.import_targets")
def _import_targets_too_large(message, plan_id):
    """The import page again with ``message`` beside the file field (the file was refused unread)."""
    plan = db.session.get(Plan, plan_id)
    if plan is None or not current_user.is_authenticated or not policy.can_edit_targets(current_user, plan):
        return None
    form = ImportForm(formdata=None)
    form.file.errors = [message]
    return render_template("plans/import_targets.html", plan=plan, form=form, problems=[], warnings=[],
                           columns=TARGET_COLUMNS)


@bp.route("/plans/targets/template.<any(xlsx, csv):fmt>")
@login_required
def targets_template(fmt):
    mimetype = "text/csv" if fmt == "csv" else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(template(TARGET_COLUMNS, fmt), mimetype=mimetype,
                    headers={"Content-Disposition": f"attachment; filename=mau-bang-chi-tieu.{fmt}"})


