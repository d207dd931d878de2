"""The user's own pages (click your name, top right): who they are, their password, their
language, their API tokens, and the way into their calendar feed (whose page lives with
the notifications: ``notifications.calendar_settings``). Thin."""
from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..api import operations as token_ops
from ..api.models import ApiToken
from ..auth import operations as user_ops
from ..auth.forms import MIN_PASSWORD
from ..errors import Invalid, OperationError
from ..extensions import db, limiter
from .forms import ChangePasswordForm, TokenForm

bp = Blueprint("account", __name__, url_prefix="/account")


def _page(form, status=200):
    active_tokens = db.session.scalar(db.select(db.func.count()).select_from(ApiToken).where(
        ApiToken.user_id == current_user.id, ApiToken.revoked_at.is_(None)))
    return render_template("account/index.html", form=form, active_tokens=active_tokens,
                           languages=current_app.config["LANGUAGES"], min_password=MIN_PASSWORD), status


@bp.route("/")
@login_required
def index():
    return _page(ChangePasswordForm(formdata=None))


def _user_key():
    return f"password-change|{getattr(current_user, 'id', '')}"


@bp.route("/password", methods=["POST"])
@login_required
# Someone at an unlocked screen guessing the current password is stopped like a login guesser
# (only wrong current passwords count).
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], key_func=_user_key,
               deduct_when=lambda response: g.get("wrong_password", False))
def change_password():
    form = ChangePasswordForm()
    if not form.validate_on_submit():
        return _page(form, 422)
    try:
        user_ops.change_own_password(current_user, form.current_password.data, form.password.data)
    except Invalid as exc:
        db.session.rollback()
        g.wrong_password = "current_password" in exc.errors
        for name, message in exc.errors.items():
            form[name].errors = [*form[name].errors, message]
        return _page(form, exc.status)
    flash(_("Your password is changed. Your other logins have ended; this one goes on."), "success")
    return redirect(url_for(".index"))


@bp.errorhandler(429)
def _too_many(e):
    message = _("Too many wrong passwords. Please wait a minute and try again.")
    return render_template("errors/error.html", code=429, message=message), 429


def _tokens():
    return db.session.scalars(db.select(ApiToken).where(ApiToken.user_id == current_user.id)
                              .order_by(ApiToken.revoked_at.is_not(None), ApiToken.created_at.desc())).all()


@bp.route("/tokens", methods=["GET", "POST"])
@login_required
def tokens():
    """A user's own API tokens (Tài khoản → Khóa API): create, list, revoke."""
    form, secret, status = TokenForm(), None, 200
    if form.validate_on_submit():
        try:
            _token, secret = token_ops.create_token(current_user, current_user, form.name.data)
        except OperationError as exc:
            db.session.rollback()
            form.name.errors = [*form.name.errors, *getattr(exc, "errors", {}).values()] or [exc.message]
            if not getattr(exc, "errors", None):
                flash(exc.message, "danger")
            status = exc.status
        else:
            form = TokenForm(formdata=None)
            flash(_("Token created."), "success")
    elif form.is_submitted():
        status = 400
    return render_template("account/tokens.html", form=form, tokens=_tokens(), secret=secret), status


@bp.route("/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke_token(token_id):
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != current_user.id:
        abort(404)
    token_ops.revoke_token(current_user, token)
    flash(_("Token revoked: it no longer works."), "success")
    return redirect(url_for(".tokens"))
