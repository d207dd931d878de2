"""Login, logout, the language switch, and a set-password link by mail ("forgot your password?")."""
import logging
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required

from workflows.rows import normalise_email

from ..extensions import db, limiter
from . import operations, sessions
from .forms import ForgottenPasswordForm, LoginForm, SetPasswordForm
from .models import User, check_unknown_password
from .tokens import user_for_token

bp = Blueprint("auth", __name__)
log = logging.getLogger(__name__)


def _safe_next(target):
    """Only follow ``next`` to a path on this site."""
    if not target:
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc and target.startswith("/") else None


def _login_key():
    """Throttle per address *and* email: a guesser is stopped without locking out colleagues
    behind the same office gateway."""
    return f"{get_remote_address()}|{(request.form.get('email') or '').strip().lower()}"


def _failed(response):
    return response.status_code != 302


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], key_func=_login_key, methods=["POST"],
               deduct_when=_failed)
# Across emails too: one address trying many accounts (a looser limit, since a whole office
# may sit behind one gateway; set PROXY_FIX_X_FOR behind a proxy so the address is the client's).
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT_PER_ADDRESS"], key_func=get_remote_address,
               methods=["POST"], deduct_when=_failed, scope="login-address")
def login():
    if current_user.is_authenticated:
        return redirect(url_for("todo.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = db.session.scalar(db.select(User).where(User.email == form.email.data.strip().lower()))
        # An unknown email costs one password comparison, as a known one does: the answer's
        # timing does not tell which emails have accounts.
        if not (user.check_password(form.password.data) if user else check_unknown_password(form.password.data)):
            log.info("failed login for %s", form.email.data)
            form.password.errors.append(_("Wrong email or password."))
        elif not user.is_active:
            form.email.errors.append(_("This account has been deactivated."))
        else:
            sessions.log_in(user, remember=form.remember.data)
            if user.locale:  # their language, kept for the login page once they log out
                session["lang"] = user.locale
            log.info("login %s", user.email)
            return redirect(_safe_next(request.args.get("next")) or url_for("todo.index"))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    sessions.log_out(current_user)
    flash(_("You have logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/lang/<code>", methods=["POST"])
def set_language(code):
    if code not in current_app.config["LANGUAGES"]:
        return redirect(url_for("todo.index"))
    session["lang"] = code
    if current_user.is_authenticated:  # kept with the user: every later login speaks it
        operations.choose_language(current_user, code)
    return redirect(_safe_next(request.form.get("next")) or url_for("todo.index"))


@bp.route("/password/<token>", methods=["GET", "POST"])
def set_password(token):
    user = user_for_token(token)
    if user is None:
        return render_template("auth/set_password.html", form=None), 404
    form = SetPasswordForm()
    if form.validate_on_submit():
        operations.use_password_link(user, form.password.data,
                                     logged_in=current_user if current_user.is_authenticated else None)
        flash(_("Your password is set. Welcome!"), "success")
        return redirect(url_for("todo.index"))
    return render_template("auth/set_password.html", form=form, user=user), 422 if form.errors else 200


def _email_key():
    """The email as the account would hold it: spelling it differently asks for the same."""
    typed = request.form.get("email") or ""
    try:
        return normalise_email(typed)
    except ValueError:
        return typed.strip().lower()


@bp.route("/forgot-password", methods=["GET", "POST"])
# Every request counts (each may send a mail): per email, from wherever it is asked, so
# nobody's mailbox is flooded; and per address, so one machine cannot try many emails.
@limiter.limit(lambda: current_app.config.get("PASSWORD_LINK_RATE_LIMIT", "3 per hour"), key_func=_email_key,
               methods=["POST"], scope="password-link-email")
@limiter.limit(lambda: current_app.config.get("PASSWORD_LINK_RATE_LIMIT_PER_ADDRESS", "20 per hour"),
               key_func=get_remote_address, methods=["POST"], scope="password-link-address")
def forgot_password():
    if current_user.is_authenticated:
        return redirect(url_for("account.index"))
    form = ForgottenPasswordForm()
    if form.validate_on_submit():
        operations.mail_password_link(form.email.data)
        # The same answer whether or not the email has an account.
        flash(_("If an account uses this email, a link to set a new password has been mailed to it. "
                "It works once, within two hours; until then your current password still works."), "info")
        return redirect(url_for(".login"))
    return render_template("auth/forgot_password.html", form=form), 422 if form.errors else 200


@bp.errorhandler(429)
def _too_many(e):
    if request.endpoint == "auth.forgot_password":
        message = _("Too many requests for a password link. Please wait an hour and try again.")
    else:
        message = _("Too many failed login attempts. Please wait a minute and try again.")
    return render_template("errors/error.html", code=429, message=message), 429
