"""Who is acting: the person behind a request, or what the command line or scheduler says."""
import contextlib
import contextvars

import click
from flask import g, has_request_context
from flask_login import current_user

#: Labels of the actors that are not a person.
CLI, SCHEDULER, SYSTEM = "cli", "scheduler", "system"

_acting = contextvars.ContextVar("audit_acting", default=None)


@contextlib.contextmanager
def acting_as(user_or_label):
    """Record the changes made in this block as made by ``user_or_label`` (a user, or
    ``CLI``/``SCHEDULER``/``SYSTEM``), whatever the request says."""
    token = _acting.set(user_or_label)
    try:
        yield
    finally:
        _acting.reset(token)


def current_actor():
    """The user (or label) changes are made by now.

    Said explicitly (``acting_as``) it wins; else, in a request, the API token's user or
    the logged-in user; else a Flask command (a click context: ``flask units import``,
    ``flask demo``, ``flask shell``) is the operator, ``CLI``; anything else ``SYSTEM``.
    """
    explicit = _acting.get()
    if explicit is not None:
        return explicit
    if has_request_context() and not g.get("bare_page"):
        user = g.get("api_user") or current_user
        if getattr(user, "is_authenticated", False):
            return getattr(user, "_get_current_object", lambda: user)()
    if click.get_current_context(silent=True) is not None:
        return CLI
    return SYSTEM


def actor_fields(actor):
    """(actor_id, actor_label) for the log."""
    if isinstance(actor, str):
        return None, actor
    return actor.id, actor.email
