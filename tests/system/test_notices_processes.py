"""The reviewers' digest from several scheduler processes at once, and the upgrade that
folds the bells' repeated reminders into one item each, on a database holding them.

Each test has a scratch database of its own (SQLite file or fresh PostgreSQL database,
as ``TEST_DATABASE`` says), like ``test_scheduler_processes.py``, whose harness runs the
real ``flask --app wsgi scheduler --once`` in child processes.
"""
import datetime as dt
import json

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from app.documents import operations as doc_ops
from app.extensions import db
from app.notifications.models import Digest
from app.outbox.models import OutboxMessage
from tests.conftest import migrated_app, scratch_database
from tests.factories import World
from tests.system.test_scheduler_processes import SUMMARY, assert_no_duplicates, schedulers, vn
from workflows.enums import DeliverableKind, MailKind, Trigger

CONTENT = {"tasks": "Rà soát hộ nghèo.", "responsible": "Phòng LĐ-TB&XH", "timeline": "Quý I–IV",
           "target": {"households_start": 19680, "poor_start": 851, "poor_reduction": 180, "poor_end": 671,
                      "households_end": 19690}}


@pytest.fixture
def place(tmp_path_factory):
    """A committed world: the reviewer chose the digest; Krông Nô submitted its sub-plan on 31/3/2027."""
    with scratch_database(tmp_path_factory, "notices") as url:
        app = migrated_app(url)
        try:
            with app.app_context():
                world = World(year=2027)
                world.reviewer.wants_digest = True
                doc = world.document(DeliverableKind.SUBPLAN)
                doc_ops.save_content(doc, world.staff, CONTENT, doc.lock_version, at=vn(2027, 3, 31, 9, 0))
                doc_ops.transition(doc, world.head, Trigger.SUBMIT, at=vn(2027, 3, 31, 10, 0))
                facts = {"url": url, "app": app, "reviewer": world.reviewer.email, "reviewer_id": world.reviewer.id,
                         "tmp": tmp_path_factory.mktemp("start-lines")}
                db.session.commit()  # what the requests would have committed; no read left open either
            yield type("Place", (), facts)
        finally:
            with app.app_context():
                db.engine.dispose()


@pytest.mark.parametrize("n", [2, 3])
def test_concurrent_schedulers_send_the_days_digest_once(n, place, smtp_server):
    smtp_server.clear()
    with schedulers([vn(2027, 4, 1, 7, 5)] * n, place, smtp_server, "--once") as children:
        for child in children:
            child.assert_exited_cleanly()
            assert SUMMARY.search(child.stdout), child.stderr
    messages = smtp_server.messages()
    digests = [m for m in messages if m.subject.startswith("Tổng hợp ngày 01/04/2027")]
    assert [m.to for m in digests] == [[place.reviewer]]
    assert "Huyện Krông Nô: Kế hoạch của đơn vị" in digests[0].text
    assert_no_duplicates(messages)
    with place.app.app_context():
        assert db.session.execute(db.select(Digest.user_id, Digest.digest_on)).all() == [
            (place.reviewer_id, dt.date(2027, 4, 1))]
        assert db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage)
                                 .where(OutboxMessage.kind == MailKind.DIGEST)) == 1
        db.session.rollback()

    # Later that day, again in several processes: nothing more.
    smtp_server.clear()
    with schedulers([vn(2027, 4, 1, 15, 0)] * n, place, smtp_server, "--once") as children:
        for child in children:
            child.assert_exited_cleanly()
    assert [m for m in smtp_server.messages() if m.subject.startswith("Tổng hợp")] == []


BEFORE = "8b41d2e6f0a7"  #: the revision before the notices


def test_the_upgrade_folds_repeated_reminders_into_one_item(tmp_path_factory):
    with scratch_database(tmp_path_factory, "fold") as url:
        app = migrated_app(url)
        try:
            with app.app_context():
                world = World(year=2027)
                staff, head = world.staff.id, world.head.id
                subplan = world.document(DeliverableKind.SUBPLAN).deliverable_id
                report = world.document(DeliverableKind.SIX_MONTH).deliverable_id
                db.session.commit()
                db.session.remove()
                downgrade(revision=BEFORE)
                rows = [  # (user, kind, deliverable, days, day of April, read)
                    (staff, "before", subplan, 1, 1, True), (staff, "due", subplan, 0, 2, False),
                    (staff, "overdue", subplan, -1, 3, False), (staff, "overdue", subplan, -8, 10, False),
                    (staff, "returned", subplan, None, 11, False), (staff, "before", report, 7, 12, False),
                    (head, "overdue", subplan, -8, 10, True),
                ]
                with db.engine.begin() as conn:
                    for user_id, kind, deliverable_id, days, day, read in rows:
                        at = dt.datetime(2027, 4, day, 1, 0, tzinfo=dt.timezone.utc)
                        conn.execute(sa.text(
                            "INSERT INTO notifications (user_id, kind, deliverable_id, data, created_at, read_at) "
                            "VALUES (:user_id, :kind, :deliverable_id, :data, :at, :read_at)"),
                            {"user_id": user_id, "kind": kind, "deliverable_id": deliverable_id,
                             "data": json.dumps({"days": days}), "at": at, "read_at": at if read else None})
                db.engine.dispose()
                upgrade()
                db.engine.dispose()
                with db.engine.connect() as conn:
                    found = conn.execute(sa.text(
                        "SELECT user_id, kind, deliverable_id, repeats, read_at IS NULL, "
                        "updated_at = created_at FROM notifications ORDER BY user_id, deliverable_id, kind")).all()
                assert sorted(tuple(r) for r in found) == sorted([
                    (staff, "overdue", subplan, 3, True, True),  # the latest of four, unread
                    (staff, "returned", subplan, 0, True, True),
                    (staff, "before", report, 0, True, True),
                    (head, "overdue", subplan, 0, False, True),
                ])
        finally:
            with app.app_context():
                db.engine.dispose()
