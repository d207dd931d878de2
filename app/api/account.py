"""A user's own API tokens (Tài khoản → Khóa API): create, list, revoke. Thin.

On the ``account`` blueprint of the user's own page (app/auth/account.py)."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms import StringField

from ..auth.account import bp
from ..errors import OperationError
from ..extensions import db
from ..fields import BaseForm
from . import operations
from .models import ApiToken


class TokenForm(BaseForm):
    name = StringField(_l("What the token is for"))


def _tokens():
    return db.session.scalars(db.select(ApiToken).where(ApiToken.user_id == current_user.id)
                              .order_by(ApiToken.revoked_at.is_not(None), ApiToken.created_at.desc())).all()


@bp.route("/tokens", methods=["GET", "POST"])
@login_required
def tokens():
    form, secret, status = TokenForm(), None, 200
    if form.validate_on_submit():
        try:
            _token, secret = operations.create_token(current_user, current_user, form.name.data)
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
    operations.revoke_token(current_user, token)
    flash(_("Token revoked: it no longer works."), "success")
    return redirect(url_for(".tokens"))
