"""Benchmark of the *naive design* for deadline reminders.

The naive design gives every reminder its own APScheduler job: a ``date`` trigger
stored in an APScheduler 3 ``SQLAlchemyJobStore`` table in PostgreSQL (one row per
job: id, next_run_time, pickled job state).  Our product instead runs one periodic
sweep over an indexed table of deliverables; this module measures what the naive
design costs so the two can be compared.

Workload: ``reminders // 4`` deliverables, each with a due date 8 to 365 days ahead
and four reminders (keys ``before-7``, ``before-3``, ``before-1``, ``before-0``), each
at 08:00 Asia/Ho_Chi_Minh on that many days before the due date.  Job ids are
``d<deliverable_id>-<key>`` and the callable is ``bench.naive_scheduler:send_reminder``
(given as a text reference so it never pickles as ``__main__``).

Figures returned by :func:`measure`:

``add_seconds``
    Time to ``add_job`` every reminder on a ``BackgroundScheduler`` that was started
    in *paused* mode - what a running application does when reminders are created:
    each ``add_job`` is written straight to the job store (one INSERT and one commit
    per job).  A scheduler that is not started yet would only queue the jobs in memory
    and do the same INSERTs inside ``start()``.
``table_bytes`` / ``table_bytes_after_reschedule``
    ``pg_total_relation_size`` of the job table (heap, TOAST, primary key and the
    ``next_run_time`` index) after adding, and after rescheduling (dead tuples).
``startup_seconds``, ``startup_rss_mb``, ``get_jobs_seconds``, ``rss_after_get_jobs_mb``,
``baseline_rss_mb``, ``peak_rss_mb``
    Measured in a fresh subprocess so memory is honest.  ``startup_seconds`` runs
    from before the scheduler and its job store are constructed until ``start()``
    has returned and the scheduler thread has finished its first wake-up (due jobs
    query plus next-wake-up lookup).  ``get_jobs()`` is then called once, as an admin
    page listing reminders would; RSS is read from ``/proc/self/status`` (VmRSS, and
    VmHWM for the peak) while the job list is still held.  ``baseline_rss_mb`` is
    the same subprocess code run against an empty job table.
``reschedule_seconds`` / ``rescheduled_jobs``
    Moving a due date 5 days later forces the naive design to reschedule each of the
    deliverable's 4 jobs with ``reschedule_job(job_id, trigger='date', run_date=...)``
    (each one: SELECT + unpickle, UPDATE with a re-pickled state, wake-up of the
    scheduler thread).  This is done with the scheduler *running* (resumed), as in
    the application.

The table is ANALYZEd after the adds (not timed), as autovacuum would do shortly
after a bulk load.  Without statistics PostgreSQL guesses that
``next_run_time <= now`` matches a third of the rows, so every scheduler wake-up
(``get_due_jobs``) becomes a sequential scan of the whole table; since every
``reschedule_job`` on a running scheduler wakes it up, rescheduling then costs O(N)
per job (measured: 4 ms/job at 4,000 jobs, 14 ms/job at 40,000, against about 3 ms
with statistics).

Run by hand::

    python -m bench.naive_scheduler --database-url postgresql+psycopg://postgres@127.0.0.1/bench_naive --reminders 4000 40000
"""

import argparse
import datetime as dt
import json
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

import apscheduler
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
KEYS = {"before-7": 7, "before-3": 3, "before-1": 1, "before-0": 0}
JOB_FUNC = "bench.naive_scheduler:send_reminder"
PROJECT_ROOT = Path(__file__).resolve().parents[1]


def send_reminder(deliverable_id, key):
    """The job callable (never actually run: every job is in the future)."""
    print(f"reminder {key} for deliverable {deliverable_id}")


def ensure_database(url):
    """Create the database named in ``url`` if it does not exist yet."""
    url = make_url(url)
    engine = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            exists = conn.scalar(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": url.database}
            )
            if not exists:
                quoted = conn.dialect.identifier_preparer.quote(url.database)
                conn.execute(text(f"CREATE DATABASE {quoted}"))
    finally:
        engine.dispose()


def _due_date(deliverable_id, today):
    """Due date spread over the next year, far enough ahead that before-7 is future."""
    return today + dt.timedelta(days=8 + deliverable_id % 358)


def _run_date(due, key, shift_days=0):
    day = due - dt.timedelta(days=KEYS[key] - shift_days)
    return dt.datetime.combine(day, dt.time(8, 0), tzinfo=TZ)


def _rss_mb(field="VmRSS"):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"{field} not in /proc/self/status")


class _FirstWakeScheduler(BackgroundScheduler):
    """Signals when the scheduler thread has done its first pass (next wake-up known)."""

    def __init__(self, *args, **kwargs):
        self.first_wake = threading.Event()
        super().__init__(*args, **kwargs)

    def _process_jobs(self):
        wait_seconds = super()._process_jobs()
        self.first_wake.set()
        return wait_seconds


def _child(database_url, tablename):
    """Subprocess side: start a scheduler on an existing job table, report JSON."""
    t0 = time.perf_counter()
    scheduler = _FirstWakeScheduler(
        jobstores={"default": SQLAlchemyJobStore(url=database_url, tablename=tablename)},
        timezone=TZ,
    )
    scheduler.start()
    scheduler.first_wake.wait()
    startup_seconds = time.perf_counter() - t0
    startup_rss = _rss_mb()

    t0 = time.perf_counter()
    jobs = scheduler.get_jobs()
    get_jobs_seconds = time.perf_counter() - t0
    result = {
        "startup_seconds": startup_seconds,
        "startup_rss_mb": startup_rss,
        "get_jobs_seconds": get_jobs_seconds,
        "rss_after_get_jobs_mb": _rss_mb(),
        "peak_rss_mb": _rss_mb("VmHWM"),
        "jobs_listed": len(jobs),
    }
    scheduler.shutdown(wait=False)
    print(json.dumps(result))


def _run_child(database_url, tablename):
    out = subprocess.run(
        [sys.executable, "-m", "bench.naive_scheduler", "--child", database_url, tablename],
        cwd=PROJECT_ROOT, capture_output=True, text=True, check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _table_bytes(engine, tablename):
    with engine.connect() as conn:
        return conn.scalar(text("SELECT pg_total_relation_size(:t)"), {"t": tablename})


def measure(database_url: str, reminders: int, *, moved: int | None = None) -> dict:
    """Run the whole benchmark for ``reminders`` jobs (a multiple of 4) and return figures."""
    ensure_database(database_url)
    deliverables = reminders // 4
    moved = deliverables if moved is None else min(moved, deliverables)
    suffix = uuid.uuid4().hex[:6]
    tablename = f"naive_jobs_{reminders}_{suffix}"
    empty_tablename = f"naive_jobs_empty_{suffix}"
    today = dt.datetime.now(TZ).date()
    admin = create_engine(database_url)
    result = {
        "reminders": deliverables * 4,
        "deliverables": deliverables,
        "apscheduler_version": apscheduler.__version__,
    }
    scheduler = BackgroundScheduler(
        jobstores={"default": SQLAlchemyJobStore(url=database_url, tablename=tablename)},
        timezone=TZ,
    )
    try:
        scheduler.start(paused=True)

        # 1. Add one job per reminder.
        t0 = time.perf_counter()
        for deliverable_id in range(1, deliverables + 1):
            due = _due_date(deliverable_id, today)
            for key in KEYS:
                scheduler.add_job(
                    JOB_FUNC, trigger="date", run_date=_run_date(due, key),
                    args=(deliverable_id, key), id=f"d{deliverable_id}-{key}",
                )
        result["add_seconds"] = time.perf_counter() - t0
        result["table_bytes"] = _table_bytes(admin, tablename)
        with admin.begin() as conn:  # what autovacuum would do soon after a bulk load
            conn.execute(text(f'ANALYZE "{tablename}"'))

        # 2. Start-up and get_jobs() in fresh subprocesses (jobs, then an empty table).
        result.update(_run_child(database_url, tablename))
        result["baseline_rss_mb"] = _run_child(database_url, empty_tablename)["startup_rss_mb"]

        # 3. Move the due date of `moved` deliverables 5 days later.
        scheduler.resume()
        t0 = time.perf_counter()
        for deliverable_id in range(1, moved + 1):
            due = _due_date(deliverable_id, today)
            for key in KEYS:
                scheduler.reschedule_job(
                    f"d{deliverable_id}-{key}", trigger="date",
                    run_date=_run_date(due, key, shift_days=5),
                )
        result["reschedule_seconds"] = time.perf_counter() - t0
        result["rescheduled_jobs"] = moved * 4
        result["table_bytes_after_reschedule"] = _table_bytes(admin, tablename)
    finally:
        if scheduler.running:
            scheduler.shutdown(wait=False)
        with admin.begin() as conn:
            conn.execute(text(f'DROP TABLE IF EXISTS "{tablename}", "{empty_tablename}"'))
        admin.dispose()
    return result


def main(argv=None):
    if argv is None:
        argv = sys.argv[1:]
    if argv[:1] == ["--child"]:
        _child(*argv[1:3])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--reminders", type=int, nargs="+", required=True)
    parser.add_argument("--moved", type=int, default=None,
                        help="deliverables whose due date moves (default: all)")
    args = parser.parse_args(argv)
    for reminders in args.reminders:
        print(json.dumps(measure(args.database_url, reminders, moved=args.moved)), flush=True)


if __name__ == "__main__":
    main()
