"""Domain errors raised by operations, and how HTTP errors answer: a page for people, JSON
under /api/."""
from flask import g, jsonify, render_template, request
from flask_babel import gettext as _
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import BadRequest

from workflows.document_flow import WorkflowError

from .extensions import db, login_manager
from .labels import STATE_LABELS


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
    params = {k: (STATE_LABELS[v] if k == "state" else v) for k, v in exc.params.items()}
    return _(exc.message, **params)


def stale_message():
    return _(
        "This document was changed by someone else after you opened it. "
        "Nothing was saved; your input is kept below. Review the current version and try again."
    )


def nul_message():
    return _("The request contains a character that is not allowed (NUL). Remove it and try again.")


def _api(request_path):
    return request_path.startswith("/api/")


def error_response(status, code, message, fields=None):
    """An error as the API answers it: ``{"error": {"code", "message", "fields"?}}``."""
    body = {"error": {"code": code, "message": message}}
    if fields:
        body["error"]["fields"] = fields
    response = jsonify(body)
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


#: Pages that take a file upload, by endpoint: ``redraw(message, **view_args)`` returns the
#: page again with ``message`` beside the file field, or None when the user may not see it
#: (the view's own checks never ran: the body was refused before the view).
UPLOAD_PAGES = {}


def upload_page(endpoint):
    """Register how to redraw the upload page of ``endpoint`` when its file is too large."""
    def register_redraw(redraw):
        UPLOAD_PAGES[endpoint] = redraw
        return redraw
    return register_redraw


def register(app):
    """Error pages for people, JSON errors under /api/."""

    def page_or_json(status, code, message):
        if _api(request.path):
            return error_response(status, code, message)
        return render_template("errors/error.html", code=status, message=message), status

    @app.errorhandler(403)
    def forbidden(e):
        return page_or_json(403, "forbidden", _("You do not have permission to do this."))

    @app.errorhandler(404)
    def not_found(e):
        return page_or_json(404, "not_found", _("The page or item you asked for does not exist."))

    @app.errorhandler(405)
    def not_allowed(e):
        return page_or_json(405, "method_not_allowed", _("This address does not accept this method."))

    @app.errorhandler(413)
    def too_large(e):
        limit = app.config.get("MAX_CONTENT_LENGTH") or 0
        message = _("The file or request is too large (at most %(mb)d MB).", mb=limit // (1024 * 1024))
        # Werkzeug refuses the body unread, before the view (the CSRF check asks for the form
        # first): an import page is drawn again with the message beside its file field.
        redraw = UPLOAD_PAGES.get(request.endpoint)
        if redraw is not None and not _api(request.path):
            page = redraw(message, **(request.view_args or {}))
            if page is not None:
                return page, 413
        return page_or_json(413, "too_large", message)

    @app.errorhandler(400)
    def bad_request(e):
        message = getattr(e, "description", None)
        if not message or message == BadRequest.description:  # a bare abort(400): werkzeug's English text
            message = _("The request could not be understood.")
        if "CSRF" in str(message):
            message = _("Your session expired or the form is outdated. Please reload the page and try again.")
        elif _api(request.path):
            message = _("The request could not be understood.")
        return page_or_json(400, "bad_request", message)

    @app.errorhandler(429)
    def too_many(e):
        return page_or_json(429, "rate_limited", _("Too many failed login attempts. Please wait a minute and "
                                                   "try again."))

    @app.errorhandler(OperationalError)
    def database_busy(e):
        # SQLite (the embedded mode) lets one writer at a time: a request that waited its
        # turn for longer than the busy timeout is told to try again, not given a 500.
        if "database is locked" not in str(e):
            raise e
        db.session.rollback()
        return page_or_json(503, "busy", _("The system is busy; nothing was saved. Please try again in a moment."))

    @app.errorhandler(500)
    def server_error(e):
        # The failure may be the database itself: end the transaction if it can be ended,
        # and draw the page without asking the database anything (no user, no bell).
        try:
            db.session.rollback()
        except Exception:  # noqa: BLE001 - already failing; the page must still be drawn
            pass
        g.bare_page = True
        g._login_user = login_manager.anonymous_user()  # Flask-Login would otherwise load the user to draw the page
        return page_or_json(500, "server_error", _("Something went wrong on our side; nothing was saved. "
                                                   "Please try again, or tell the administrator."))
