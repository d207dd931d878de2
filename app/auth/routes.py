"""Login, logout and the language switch."""
import logging
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required

from ..extensions import db, limiter
from . import operations, sessions
from .forms import LoginForm, SetPasswordForm
from .models import User, check_unknown_password

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
            db.session.commit()
            log.info("login %s", user.email)
            return redirect(_safe_next(request.args.get("next")) or url_for("todo.index"))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    sessions.log_out(current_user)
    db.session.commit()
    flash(_("You have logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/lang/<code>", methods=["POST"])
def set_language(code):
    if code not in current_app.config["LANGUAGES"]:
        return redirect(url_for("todo.index"))
    session["lang"] = code
    return redirect(_safe_next(request.form.get("next")) or url_for("todo.index"))


@bp.route("/password/<token>", methods=["GET", "POST"])
def set_password(token):
    from .tokens import user_for_token

    user = user_for_token(token)
    if user is None:
        return render_template("auth/set_password.html", form=None), 404
    form = SetPasswordForm()
    if form.validate_on_submit():
        if current_user.is_authenticated:
            sessions.log_out(current_user)  # whoever was logged in in this browser
        operations.set_own_password(user, form.password.data)
        sessions.log_in(user)
        db.session.commit()
        flash(_("Your password is set. Welcome!"), "success")
        return redirect(url_for("todo.index"))
    return render_template("auth/set_password.html", form=form, user=user), 422 if form.errors else 200
