"""Login, logout and the language switch."""
import logging
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from ..extensions import db, limiter
from .forms import LoginForm, SetPasswordForm
from .models import User

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
    from flask_limiter.util import get_remote_address

    return f"{get_remote_address()}|{(request.form.get('email') or '').strip().lower()}"


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], key_func=_login_key, methods=["POST"],
               deduct_when=lambda response: response.status_code != 302)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("todo.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = db.session.scalar(db.select(User).where(User.email == form.email.data.strip().lower()))
        if user is None or not user.check_password(form.password.data):
            log.info("failed login for %s", form.email.data)
            form.password.errors.append(_("Wrong email or password."))
        elif not user.is_active:
            form.email.errors.append(_("This account has been deactivated."))
        else:
            login_user(user, remember=form.remember.data)
            log.info("login %s", user.email)
            return redirect(_safe_next(request.args.get("next")) or url_for("todo.index"))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    logout_user()
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
        user.set_password(form.password.data)
        db.session.commit()
        log.info("password set by %s", user.email)
        logout_user()
        login_user(user)
        flash(_("Your password is set. Welcome!"), "success")
        return redirect(url_for("todo.index"))
    return render_template("auth/set_password.html", form=form, user=user), 422 if form.errors else 200
