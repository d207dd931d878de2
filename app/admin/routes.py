"""Administration pages: units, users, imports. Thin: form → policy → operation."""
from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from workflows.enums import UnitKind
from workflows.text import fold

from .. import policy
from ..auth import operations as user_ops
from ..auth.models import Membership, User
from ..auth.tokens import set_password_url
from ..errors import OperationError, upload_page
from ..extensions import db
from ..labels import ROLE_LABELS, UNIT_KIND_LABELS
from ..outbox.operations import mail_configured
from ..tables import UNIT_COLUMNS, USER_COLUMNS, ImportForm, TableError, read_rows, template, translate_errors
from ..units import operations as unit_ops
from ..units.models import Unit
from ..web import attempt, page_arg
from .forms import ButtonForm, RoleForm, UnitForm, UserEditForm, UserForm

bp = Blueprint("admin", __name__, url_prefix="/admin")
PER_PAGE = 50
KINDS = {"units": (UNIT_COLUMNS, unit_ops.import_units), "users": (USER_COLUMNS, user_ops.import_users)}


@bp.before_request
@login_required
def _admins_only():
    if not policy.can_administer(current_user):
        abort(403)


def _scope_units():
    scope = policy.admin_unit_ids(current_user)
    return db.session.scalars(db.select(Unit).where(Unit.id.in_(scope)).order_by(Unit.name)).all()


# ---- units -------------------------------------------------------------------------------

@bp.route("/units")
def units():
    q, kind = request.args.get("q", ""), request.args.get("kind", "")
    stmt = db.select(Unit).where(Unit.id.in_(policy.admin_unit_ids(current_user))).order_by(Unit.name)
    if q.strip():
        stmt = stmt.where(Unit.search_text.contains(fold(q), autoescape=True))
    if kind in {k.value for k in UnitKind}:
        stmt = stmt.where(Unit.kind == UnitKind(kind))
    page = db.paginate(stmt, page=page_arg(), per_page=PER_PAGE, error_out=False)
    return render_template("admin/units.html", page=page, q=q, kind=kind, kinds=UNIT_KIND_LABELS)


def _unit_form(unit=None):
    # ``data``, not ``obj``: WTForms would take the unit's list of emails over the text given here.
    form = UnitForm(data=None if unit is None else {
        "code": unit.code, "name": unit.name, "kind": unit.kind.value, "is_active": unit.is_active,
        "parent_code": unit.parent.code if unit.parent else "", "emails": "\n".join(unit.emails)})
    form.kind.choices = [(k.value, str(label)) for k, label in UNIT_KIND_LABELS.items()]
    # The parents one may choose: the units one administers (the rule is policy.parent_refusal);
    # the current parent stays offered even when it lies above, so that saving the form
    # unchanged changes nothing; the top level only for a top-level administrator.
    scope = _scope_units()
    parents = [(u.code, f"{u.name} ({u.code})") for u in scope if unit is None or u.id != unit.id]
    if unit is not None and unit.parent is not None and unit.parent not in scope:
        parents.insert(0, (unit.parent.code, f"{unit.parent.name} ({unit.parent.code})"))
    if policy.is_top_level_admin(current_user) or (unit is not None and unit.parent is None):
        parents.insert(0, ("", _("(none: a top-level unit)")))
    form.parent_code.choices = parents
    if request.method == "GET" and unit is None and not policy.is_top_level_admin(current_user):
        roots = policy.appointed_admin_unit_ids(current_user)
        form.parent_code.data = next((u.code for u in scope if u.id in roots), None)
    return form


@bp.route("/units/new", methods=["GET", "POST"])
def unit_new():
    return _save_unit(None)


@bp.route("/units/<int:unit_id>/edit", methods=["GET", "POST"])
def unit_edit(unit_id):
    unit = db.session.get(Unit, unit_id) or abort(404)
    if not policy.can_admin_unit(current_user, unit):
        abort(403)
    return _save_unit(unit)


def _save_unit(unit):
    form = _unit_form(unit)
    reshape = unit is None or policy.can_reshape_unit(current_user, unit)
    if unit is not None:
        form.code.data = unit.code  # the code is the unit's stable key: never changed here
    if not reshape:
        # One's own unit: its name, kind and activity are the business of the admin above
        # (the fields are shown read-only; whatever is posted for them is ignored).
        form.kind.choices = [(unit.kind.value, str(UNIT_KIND_LABELS[unit.kind]))]
        if form.is_submitted():
            form.name.data, form.kind.data, form.is_active.data = unit.name, unit.kind.value, unit.is_active
    if form.validate_on_submit():
        done = attempt(lambda: unit_ops.save_unit(
            current_user, unit, form.code.data, form.name.data, form.kind.data, form.parent_code.data,
            form.emails.data, form.is_active.data), lambda saved: (_("Unit saved."), url_for(".units", q=saved.code)),
            form=form)
        if done is not None:
            return done
    elif form.is_submitted():
        flash(_("Please correct the highlighted fields."), "danger")
    status = 422 if form.errors else 200
    return render_template("admin/unit_form.html", form=form, unit=unit, reshape=reshape,
                           in_use=unit is not None and unit_ops.is_in_use(unit), button=ButtonForm()), status


@bp.route("/units/<int:unit_id>/delete", methods=["POST"])
def unit_delete(unit_id):
    unit = db.session.get(Unit, unit_id) or abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        unit_ops.delete_unused(current_user, unit)
    except OperationError as exc:
        db.session.rollback()
        if exc.status == 403:
            abort(403)
        flash(exc.message, "danger")
        return redirect(url_for(".unit_edit", unit_id=unit_id))
    flash(_("Unit deleted."), "success")
    return redirect(url_for(".units"))


# ---- users -------------------------------------------------------------------------------

@bp.route("/users")
def users():
    q = request.args.get("q", "")
    scope = policy.admin_unit_ids(current_user)
    in_scope = db.select(Membership.user_id).where(Membership.unit_id.in_(scope))
    stmt = db.select(User).where(User.id.in_(in_scope)).order_by(User.full_name)
    if q.strip():
        stmt = stmt.where(User.search_text.contains(fold(q), autoescape=True))
    page = db.paginate(stmt, page=page_arg(), per_page=PER_PAGE, error_out=False)
    return render_template("admin/users.html", page=page, q=q)


def _role_choices():
    return [(r.value, str(label)) for r, label in ROLE_LABELS.items()]


@bp.route("/users/new", methods=["GET", "POST"])
def user_new():
    form = UserForm()
    form.unit_code.choices = [("", "")] + [(u.code, f"{u.name} ({u.code})") for u in _scope_units()]
    form.role.choices = _role_choices()
    if form.validate_on_submit():
        done = attempt(lambda: user_ops.create_user(current_user, form.email.data, form.full_name.data,
                                                    form.unit_code.data, form.role.data), _created, form=form)
        if done is not None:
            return done
    elif form.is_submitted():
        flash(_("Please correct the highlighted fields."), "danger")
    return render_template("admin/user_new.html", form=form), 422 if form.errors else 200


def _created(user):
    link = _link_for_admin(user)
    if link is None:
        return (_("User created. A link to set their password was mailed to %(email)s.", email=user.email),
                url_for(".user_edit", user_id=user.id))
    return (_("User created. Send them this link to set their password: %(link)s", link=link),
            url_for(".user_edit", user_id=user.id))


def _load_user(user_id):
    user = db.session.get(User, user_id) or abort(404)
    if not policy.can_admin_user(current_user, user):
        abort(403)
    return user


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def user_edit(user_id):
    user = _load_user(user_id)
    form = UserEditForm(obj=user, data={"is_active": user.is_active_user} if request.method == "GET" else None)
    role_form = RoleForm(formdata=None)
    _fill_role_form(role_form)
    if form.validate_on_submit():
        done = attempt(lambda: user_ops.update_user(current_user, user, form.full_name.data, form.email.data,
                                                    form.is_active.data),
                       lambda _r: (_("User saved."), url_for(".user_edit", user_id=user.id)), form)
        if done:
            return done
    return _user_page(user, form, role_form, 422 if form.is_submitted() else 200)


def _fill_role_form(form):
    form.unit_id.choices = [(u.id, f"{u.name} ({u.code})") for u in _scope_units()]
    form.role.choices = _role_choices()


def _user_page(user, form, role_form, status=200):
    scope = policy.admin_unit_ids(current_user)
    return render_template("admin/user_edit.html", user=user, form=form, role_form=role_form, scope=scope,
                           can_change_roles=policy.can_change_roles(current_user, user), button=ButtonForm()), status


@bp.route("/users/<int:user_id>/roles", methods=["POST"])
def user_add_role(user_id):
    user = _load_user(user_id)
    role_form = RoleForm()
    _fill_role_form(role_form)
    if role_form.validate_on_submit():
        done = attempt(lambda: user_ops.add_role(current_user, user, db.session.get(Unit, role_form.unit_id.data),
                                                 role_form.role.data),
                       lambda _r: (_("Role added."), url_for(".user_edit", user_id=user.id)), role_form)
        if done:
            return done
    return _user_page(user, UserEditForm(obj=user, formdata=None), role_form, 422)


@bp.route("/users/<int:user_id>/roles/<int:membership_id>/remove", methods=["POST"])
def user_remove_role(user_id, membership_id):
    user = _load_user(user_id)
    membership = next((m for m in user.memberships if m.id == membership_id), None) or abort(404)
    return _button(lambda: user_ops.remove_role(current_user, membership), _("Role removed."), user)


def _link_for_admin(user):
    """The set-password link, shown to the administrator only while no mail server is
    configured (the embedded demo): otherwise it goes to the user alone, so an admin can
    never log in as the people they manage."""
    return None if mail_configured() else set_password_url(user, shown=True)


@bp.route("/users/<int:user_id>/reset-password", methods=["POST"])
def user_reset_password(user_id):
    user = _load_user(user_id)

    def run():
        user_ops.reset_password(current_user, user)
        link = _link_for_admin(user)
        if link is None:
            return _("Password reset: every login and API token of %(email)s has ended, and a link to set a new "
                     "password was mailed to them.", email=user.email)
        return _("Password reset: every login and API token of this user has ended. Send them this link to set a "
                 "new password: %(link)s", link=link)

    return _button(run, None, user)


def _button(run, message, user):
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        result = run()
    except OperationError as exc:
        db.session.rollback()
        if exc.status == 403:
            abort(403)
        flash(exc.message, "danger")
    else:
        flash(message or result, "success")
    return redirect(url_for(".user_edit", user_id=user.id))


# ---- imports and templates ---------------------------------------------------------------

@bp.route("/import/<any(units, users):what>", methods=["GET", "POST"])
def import_file(what):
    columns, run = KINDS[what]
    form = ImportForm()
    report, problems, links = None, [], []
    if form.validate_on_submit():
        upload = form.file.data
        try:
            rows = read_rows(upload.filename, upload.read(), columns)
        except TableError as exc:
            form.file.errors.append(str(exc))
        else:
            result = run(current_user, rows)
            if result.ok:
                report = result
                links = [(u, _link_for_admin(u)) for u in result.new_users]
                flash(_("Import done: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.",
                        created=result.created, updated=result.updated, unchanged=result.unchanged), "success")
            else:
                db.session.rollback()
                problems = translate_errors(result.errors, columns)
                flash(ngettext("Nothing was imported: %(num)d problem to correct in the file.",
                               "Nothing was imported: %(num)d problems to correct in the file.", len(problems)),
                      "danger")
    status = 422 if (form.errors or problems) else 200
    return render_template("admin/import.html", form=form, what=what, problems=problems, report=report,
                           links=links, columns=columns), status


@upload_page("admin.import_file")
def _import_file_too_large(message, what):
    """The import page again with ``message`` beside the file field (the file was refused unread)."""
    if not (current_user.is_authenticated and policy.can_administer(current_user)):
        return None
    form = ImportForm(formdata=None)
    form.file.errors = [message]
    return render_template("admin/import.html", form=form, what=what, problems=[], report=None, links=[],
                           columns=KINDS[what][0])


@bp.route("/templates/<any(units, users):what>.<any(xlsx, csv):fmt>")
def download_template(what, fmt):
    columns, _run = KINDS[what]
    mimetype = ("text/csv" if fmt == "csv"
                else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    filename = {"units": "mau-nhap-don-vi", "users": "mau-nhap-nguoi-dung"}[what]
    return Response(template(columns, fmt), mimetype=mimetype,
                    headers={"Content-Disposition": f"attachment; filename={filename}.{fmt}"})
