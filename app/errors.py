"""Domain errors raised by operations, and the pages for HTTP errors."""
from flask import render_template
from flask_babel import gettext as _

from workflows.document_flow import WorkflowError


class OperationError(Exception):
    """Base of what an operation refuses; ``message`` is already translated."""

    code = "operation_error"
    status = 400

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class Forbidden(OperationError):
    code = "forbidden"
    status = 403


class Conflict(OperationError):
    """The document changed since the user loaded it."""

    code = "conflict"
    status = 409


class Invalid(OperationError):
    """Input that fails validation; ``errors`` maps field names to messages."""

    code = "invalid"
    status = 422

    def __init__(self, message, errors=None):
        super().__init__(message)
        self.errors = errors or {}


def translate_workflow_error(exc: WorkflowError):
    """Turn a rule's English sentence into the user's language."""
    from .labels import STATE_LABELS

    params = {k: (STATE_LABELS[v] if k == "state" else v) for k, v in exc.params.items()}
    return _(exc.message, **params)


def stale_message():
    return _(
        "This document was changed by someone else after you opened it. "
        "Nothing was saved; your input is kept below. Review the current version and try again."
    )


def register(app):
    @app.errorhandler(403)
    def forbidden(e):
        return render_template("errors/error.html", code=403,
                               message=_("You do not have permission to do this.")), 403

    @app.errorhandler(404)
    def not_found(e):
        return render_template("errors/error.html", code=404,
                               message=_("The page or item you asked for does not exist.")), 404

    @app.errorhandler(400)
    def bad_request(e):
        message = getattr(e, "description", None) or _("The request could not be understood.")
        if "CSRF" in str(message):
            message = _("Your session expired or the form is outdated. Please reload the page and try again.")
        return render_template("errors/error.html", code=400, message=message), 400
