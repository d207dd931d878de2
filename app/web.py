"""Helpers shared by the thin routes."""
from flask import flash, redirect

from .errors import OperationError
from .extensions import db


def attempt(run, done, form=None):
    """Run one operation. On success flash ``done(result)`` → (message, url) and redirect.

    On refusal, roll back, flash the reason, put field errors on ``form`` and return
    None: the caller renders its page again with what the user typed.
    """
    try:
        result = run()
    except OperationError as exc:
        db.session.rollback()
        flash(exc.message, "danger")
        for field, message in getattr(exc, "errors", {}).items():
            if form is not None and hasattr(form, field):
                getattr(form, field).errors = [*getattr(form, field).errors, message]
        return None
    message, target = done(result)
    flash(message, "success")
    return redirect(target)
