"""The user's own page (click your name, top right): who they are, their password, their
language, and the ways into their calendar feed and API tokens (whose pages live with
their domains: ``notifications.calendar_settings``, ``account.tokens`` in app/api/account.py,
on this same blueprint). Thin."""
from flask import Blueprint, current_app, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..errors import Invalid
from ..extensions import db, limiter
from . import operations
from .forms import MIN_PASSWORD, ChangePasswordForm

bp = Blueprint("account", __name__, url_prefix="/account")


def _page(form, status=200):
    from ..api.models import ApiToken

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
        operations.change_own_password(current_user, form.current_password.data, form.password.data)
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
