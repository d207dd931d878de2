"""The reminder sweep at 10k, 100k and 250k open deliverables, with the same reminders due.

For each size, a copy of the national database is arranged so that exactly ``open``
documents are open (drafts) and, of those, ``due`` have a reminder that falls due at the
measured moment ("3 days before"); the other open ones are due months later. Then, as
the scheduler process would:

1. *first sweep* — every open document's next reminder is unknown (right after the
   upgrade that added it): the sweep works out all of them once;
2. *sweep with reminders due* — the next morning, the ``due`` reminders are recorded and
   their mails queued;
3. *idle sweep* — five minutes later, nothing is due: what every other run costs.

The claim measured: (2) and (3) follow the reminders due, not the deliverables held.
Also: moving every open deliverable's due date (``forget_next_reminders`` plus the sweep
that works them out again), to set beside the naive design's rescheduling; and the
scheduler process itself (``flask scheduler --once`` in a fresh process: start-up, a
sweep, a delivery pass) with its peak memory, beside the naive scheduler's start-up.
"""
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa

VN = dt.timezone(dt.timedelta(hours=7))
ROOT = Path(__file__).resolve().parent.parent

#: Our scheduler process, once: start-up, one sweep and one delivery pass, then its peak memory.
_ONCE = """
import json, time
started = time.perf_counter()
from wsgi import app
result = app.test_cli_runner().invoke(args=["scheduler", "--once"])
assert result.exit_code == 0, result.output
peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(json.dumps({"seconds": round(time.perf_counter() - started, 3), "peak_rss_mb": round(peak / 1024, 1)}))
"""


def scheduler_once(database_url):
    """Run ``flask scheduler --once`` in a fresh process; its wall time and peak memory."""
    out = subprocess.run([sys.executable, "-c", _ONCE], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={**os.environ, "DATABASE_URL": database_url})
    return json.loads(out.stdout.strip().splitlines()[-1])


def arrange(engine, open_count, due_count, due_day):
    """Make exactly ``open_count`` documents open, ``due_count`` of them due on ``due_day``."""
    with engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE documents DISABLE TRIGGER USER")  # none today; keep bulk edits cheap
        # Everything closed first (submitted, by its unit's head — as good as any for the sweep).
        conn.execute(sa.text(
            "UPDATE documents SET state = 'submitted', submitted_by_id = COALESCE(submitted_by_id, 1), "
            "submitted_at = COALESCE(submitted_at, now()), approved_by_id = NULL, approved_at = NULL, "
            "next_reminder_at = NULL"))
        ids = conn.execute(sa.text("SELECT id FROM deliverables ORDER BY id")).scalars().all()
        if open_count > len(ids):
            raise ValueError(f"the database holds {len(ids)} deliverables, fewer than {open_count}")
        step = len(ids) / open_count
        chosen = [ids[int(i * step)] for i in range(open_count)]
        due, later = chosen[:due_count], chosen[due_count:]
        conn.execute(sa.text("UPDATE documents SET state = 'draft', submitted_by_id = NULL, submitted_at = NULL "
                             "WHERE deliverable_id = ANY(:ids)"), {"ids": chosen})
        conn.execute(sa.text("UPDATE deliverables SET due_on = :day WHERE id = ANY(:ids)"), {"ids": due, "day": due_day})
        # The rest: due 60 to 300 days later, spread, so no reminder of theirs falls near the moment.
        conn.execute(sa.text("UPDATE deliverables SET due_on = CAST(:day AS date) + 60 + (id % 240) "
                             "WHERE id = ANY(:ids)"), {"ids": later, "day": due_day})
        conn.exec_driver_sql("ALTER TABLE documents ENABLE TRIGGER USER")
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE documents")
        conn.exec_driver_sql("VACUUM ANALYZE deliverables")
        conn.exec_driver_sql("VACUUM ANALYZE reminders")


def _timed_sweep(app, at):
    from app.reminders.sweep import sweep

    with app.app_context():
        started = time.perf_counter()
        report = sweep(at)
        seconds = time.perf_counter() - started
    return dict(seconds=round(seconds, 3), queued=report.queued, skipped=report.skipped, looked_at=report.looked_at)


def measure(app, engine, open_count, due_count, database_url=None):
    """Arrange the database, then time the three sweeps and a due-date move."""
    monday = dt.date(2027, 3, 1)  # a working Monday far from Tết
    due_day = monday + dt.timedelta(days=3)  # "3 days before" falls on the Monday
    arrange(engine, open_count, due_count, due_day)
    first = _timed_sweep(app, dt.datetime.combine(monday - dt.timedelta(days=3), dt.time(9, 0), VN))
    due = _timed_sweep(app, dt.datetime.combine(monday, dt.time(8, 5), VN))
    idle = _timed_sweep(app, dt.datetime.combine(monday, dt.time(8, 10), VN))
    # A due date moves for every open deliverable: forget their moments, the next sweep works them out.
    from app.extensions import db
    from app.reminders.operations import forget_next_reminders

    from app.plans.models import Plan

    with app.app_context():
        started = time.perf_counter()
        for plan in db.session.scalars(db.select(Plan)):  # what changing each plan's due date does
            forget_next_reminders(plan=plan)
        db.session.commit()
        forget_seconds = time.perf_counter() - started
    after_move = _timed_sweep(app, dt.datetime.combine(monday, dt.time(8, 15), VN))
    with engine.connect() as conn:
        held = conn.execute(sa.text("SELECT count(*) FROM deliverables")).scalar_one()
    process = scheduler_once(database_url) if database_url else None
    return dict(open=open_count, due=due_count, deliverables_held=held, first_sweep=first, scheduler_process=process,
                sweep_with_due=due, idle_sweep=idle,
                due_date_move=dict(forget_seconds=round(forget_seconds, 3), next_sweep=after_move,
                                   total_seconds=round(forget_seconds + after_move["seconds"], 3)))
