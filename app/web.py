"""Helpers shared by the thin routes."""
import math

from flask import abort, flash, redirect, request

from .errors import OperationError
from .extensions import db


def attempt(run, done, form=None, forbidden_aborts=False):
    """Run one operation. On success flash ``done(result)`` → (message, url) and redirect.

    On refusal, roll back, flash the reason, put field errors on ``form`` and return
    None: the caller renders its page again with what the user typed. With
    ``forbidden_aborts``, a refusal of permission is a plain 403 instead.
    """
    try:
        result = run()
    except OperationError as exc:
        db.session.rollback()
        if forbidden_aborts and exc.status == 403:
            abort(403)
        flash(exc.message, "danger")
        for field, message in getattr(exc, "errors", {}).items():
            if form is not None and hasattr(form, field):
                getattr(form, field).errors = [*getattr(form, field).errors, message]
            elif form is not None:  # about the form as a whole (a plan's schedule, say)
                form.form_errors.append(message)
        return None
    message, target = done(result)
    flash(message, "success")
    return redirect(target)


def attempt_import(run, form):
    """Run an import's operation; a refusal (permission, say) goes to ``form`` as a whole
    and None is returned, after a rollback: the page is shown again with it."""
    try:
        return run()
    except OperationError as exc:
        db.session.rollback()
        form.form_errors.append(exc.message)
        flash(exc.message, "danger")
        return None


class ListPage:
    """One page of a list already in memory, with what ``macros.pager`` reads (the same
    attributes as Flask-SQLAlchemy's pagination)."""

    def __init__(self, items, page, per_page):
        self.total = len(items)
        self.per_page = per_page
        self.pages = max(1, math.ceil(self.total / per_page))
        self.page = min(max(1, page or 1), self.pages)
        self.first = (self.page - 1) * per_page
        self.items = items[self.first:self.first + per_page]
        self.has_prev, self.has_next = self.page > 1, self.page < self.pages
        self.prev_num, self.next_num = self.page - 1, self.page + 1


#: The largest id the databases hold (a 32-bit integer key): anything above is not found.
MAX_ID = 2**31 - 1
#: Pages of a list beyond this are not asked for by people; the offset would overflow.
MAX_PAGE = 100_000


def id_arg(name):
    """A query-string id, or None when absent or not one the databases could hold."""
    value = request.args.get(name, type=int)
    return value if value is not None and 1 <= value <= MAX_ID else None


def page_arg():
    """The page number asked for, within 1..MAX_PAGE."""
    return min(max(request.args.get("page", 1, type=int) or 1, 1), MAX_PAGE)
