"""What the ``flask`` commands share: each runs as one unit of work, and those that act as
a person (``--as EMAIL``) do so with exactly that person's permissions, in their language.
"""
import functools

import click
from flask import current_app
from flask.cli import AppGroup
from flask_babel import force_locale
from flask_babel import gettext as _

from workflows.rows import normalise_email

from .audit.actor import acting_as
from .auth.models import User
from .errors import OperationError
from .extensions import db
from .transaction import transactional


class Commands(AppGroup):
    """Commands that each run as one unit of work: committed once when they end, rolled
    back whole when they fail (a ``ClickException`` included)."""

    def command(self, *args, **kwargs):
        register = super().command(*args, **kwargs)
        return lambda fn: register(transactional(fn))


def refusal(exc):
    """An operation's refusal as the console shows it: its message, then each field's."""
    lines = [exc.message] + [f"  {name}: {message}" for name, message in (getattr(exc, "errors", {}) or {}).items()]
    return click.ClickException("\n".join(lines))


def acting(fn):
    """``--as EMAIL``: the command acts as that user (active), with their permissions
    (``app.policy``, asked by the operations), speaking their language, and the audit log
    records them as the one who acted; a refusal is a message and a non-zero exit, and
    nothing is written."""

    @click.option("--as", "acting_email", required=True, metavar="EMAIL",
                  help="The user the command acts as: their permissions apply.")
    @functools.wraps(fn)
    def run(acting_email, **kwargs):
        try:
            email = normalise_email(acting_email)
        except ValueError:
            email = acting_email.strip().lower()
        user = db.session.scalar(db.select(User).where(User.email == email))
        if user is None or not user.is_active:
            raise click.ClickException(_("No active user has the email %(email)s.", email=acting_email))
        language = user.locale if user.locale in current_app.config["LANGUAGES"] else None
        with force_locale(language or current_app.config["BABEL_DEFAULT_LOCALE"]), acting_as(user):
            try:
                return fn(user, **kwargs)
            except OperationError as exc:
                raise refusal(exc) from exc

    return run
