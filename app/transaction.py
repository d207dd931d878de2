"""One unit of work: a web request, a command or a scheduler job commits once, at its end.

Operations change rows and flush; they never commit. What drives them — the view wrapper
installed by ``create_app``, the ``flask`` commands, the scheduler's jobs — commits once
when everything it asked for succeeded, or rolls everything back. So two operations in
one request (save, then check before submitting) are one transaction, and a failure half
way leaves nothing written.

Work that is not in the database (a file written, a message handed to a mail server)
registers what to do once the transaction is settled: ``after_commit`` runs only if the
rows were kept, ``after_rollback`` only if they were not (e.g. remove the file again).

The exceptions, each saying why where it is: the mail delivery pass claims, sends and
records each message in transactions of its own (a message sent cannot be un-sent), and
the reminder sweep commits once per round of documents (a round is its unit of work).
"""
import contextlib
import functools
import logging

import sqlalchemy as sa
from flask import session

from .extensions import db

log = logging.getLogger(__name__)

_AFTER_COMMIT = "after_commit"
_AFTER_ROLLBACK = "after_rollback"


@contextlib.contextmanager
def unit_of_work(if_commit_fails=None):
    """Commit what the block did, once; on any exception roll it all back and re-raise
    (calling ``if_commit_fails()`` first when it was the commit that failed)."""
    try:
        yield
    except BaseException:
        rollback()
        raise
    try:
        db.session.commit()
    except BaseException:
        rollback()
        if if_commit_fails is not None:
            if_commit_fails()
        raise


def rollback():
    """Forget everything the current transaction wrote (and what was to follow a commit)."""
    db.session.rollback()
    # Callbacks registered while no SQL had run yet: no transaction ended to fire the event.
    _settle(db.session(), _AFTER_ROLLBACK, _AFTER_COMMIT)


def transactional(fn):
    """Run ``fn`` as one unit of work (a command, a job)."""
    @functools.wraps(fn)
    def run(*args, **kwargs):
        with unit_of_work():
            return fn(*args, **kwargs)
    return run


def one_transaction_per_request(app):
    """Wrap every view of ``app`` so that its request commits once at the end (call after
    the blueprints are registered)."""
    for endpoint, view in list(app.view_functions.items()):
        if endpoint != "static" and not getattr(view, "_one_transaction", False):
            wrapped = _request_view(view)
            wrapped._one_transaction = True
            app.view_functions[endpoint] = wrapped


def _request_view(fn):
    @functools.wraps(fn)
    def run(*args, **kwargs):
        with unit_of_work(if_commit_fails=_forget_flashes):
            return fn(*args, **kwargs)
    return run


def _forget_flashes():
    # A message already flashed ("Saved") would be a lie on the next page.
    session.pop("_flashes", None)


def after_commit(callback):
    """Call ``callback()`` once the current transaction is committed (never if it is not)."""
    _callbacks(_AFTER_COMMIT).append(callback)


def after_rollback(callback):
    """Call ``callback()`` if the current transaction is rolled back (never if committed)."""
    _callbacks(_AFTER_ROLLBACK).append(callback)


def _callbacks(kind):
    return db.session().info.setdefault(kind, [])


def _settle(session_, run, drop):
    callbacks = session_.info.pop(run, [])
    session_.info.pop(drop, None)
    for callback in callbacks:
        try:
            callback()
        except Exception:  # the transaction is settled; one failed clean-up must not hide it
            log.exception("callback after the transaction failed: %r", callback)


@sa.event.listens_for(sa.orm.Session, "after_commit")
def _committed(session_):
    # Fired for the outermost transaction only: a released savepoint settles nothing.
    _settle(session_, _AFTER_COMMIT, _AFTER_ROLLBACK)


@sa.event.listens_for(sa.orm.Session, "after_soft_rollback")
def _rolled_back(session_, previous_transaction):
    if previous_transaction.parent is None:  # the whole transaction, not a savepoint
        _settle(session_, _AFTER_ROLLBACK, _AFTER_COMMIT)
