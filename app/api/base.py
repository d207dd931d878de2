"""What every /api/v1 route shares: the blueprint, the token check, errors as JSON, the
request's body, and finding the rows a path names.

A request carries ``Authorization: Bearer <token>``; the token's user acts with exactly
the permissions the pages give them (``app.policy``). Errors are ``{"error": {"code",
"message", "fields"?}}``. Each request is one unit of work (``app.transaction``): an
error answered here has rolled back whatever the request had written.
"""
from flask import Blueprint, g, request
from flask_babel import gettext as _

from .. import policy
from ..errors import OperationError, error_response, nul_message
from ..extensions import csrf, db
from ..plans.models import Plan
from ..web import MAX_ID
from .operations import authenticate

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)  # no cookies: a token in a header cannot be forged by another site

PUBLIC = {"api.openapi", "api.docs"}


class ApiError(Exception):
    def __init__(self, status, code, message, fields=None):
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, fields or {}


@bp.errorhandler(ApiError)
def _api_error(exc):
    return error_response(exc.status, exc.code, exc.message, exc.fields)


@bp.errorhandler(OperationError)
def _operation_error(exc):
    db.session.rollback()
    return error_response(exc.status, exc.code, exc.message, dict(getattr(exc, "errors", {}) or {}))


@bp.before_request
def _authenticate():
    if request.endpoint in PUBLIC:
        return None
    scheme, _sep, secret = request.headers.get("Authorization", "").partition(" ")
    user = authenticate(secret.strip()) if scheme.lower() == "bearer" else None
    if user is None:
        raise ApiError(401, "unauthorized", _("A valid API token is required: send \"Authorization: Bearer <token>\"."))
    g.api_user = user
    return None


def api_user():
    """The user whose token the request carries."""
    return g.api_user


def forbidden():
    raise ApiError(403, "forbidden", _("You do not have permission to do this."))


def not_found():
    raise ApiError(404, "not_found", _("The page or item you asked for does not exist."))


def get_or_404(model, ident):
    row = db.session.get(model, ident) if 1 <= ident <= MAX_ID else None
    if row is None:
        not_found()
    return row


def load_plan(plan_id, read_all=False, admin=False, targets=False):
    """The plan of the path, if the user may see it (read every document of it, administer
    it, or set its targets, as asked); 404 or 403 otherwise."""
    plan = get_or_404(Plan, plan_id)
    user = api_user()
    if admin:
        allowed = policy.can_admin_plan(user, plan)
    elif targets:
        allowed = policy.can_edit_targets(user, plan)
    elif read_all:
        allowed = policy.can_read_all_documents(user, plan)
    else:
        allowed = policy.can_view_plan(user, plan)
    if not allowed:
        forbidden()
    return plan


def json_body():
    """The request's JSON object; 400 if it is not one, 422 if it holds a NUL."""
    body = request.get_json(silent=True)  # too deeply nested: None, like any invalid JSON
    if not isinstance(body, dict):
        raise ApiError(400, "bad_request", _("Send a JSON object (Content-Type: application/json)."))
    if _has_nul(body):
        raise ApiError(422, "invalid", nul_message())
    return body


def _has_nul(value):
    """Whether any key or string in a JSON value holds a NUL byte (walked without recursion)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False
