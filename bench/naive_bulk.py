"""The naive design at the sweep's sizes: one APScheduler job per reminder, up to a million.

Adding a million jobs through ``add_job`` (one INSERT and commit each) or rescheduling
them one by one would take the better part of an hour, so at these sizes:

* the job table is **filled in bulk** with exactly the rows ``add_job`` writes (the
  pickled state of a real job, re-targeted per reminder) — start-up, memory and listing
  are then measured on the real job store by ``naive_scheduler``'s fresh subprocess;
* ``add_job`` and ``reschedule_job`` are **timed on a sample** (``sample`` deliverables,
  four jobs each, on the full table, scheduler running) and the time per job is
  multiplied out to every job; the results say so (``*_extrapolated``).
"""
import datetime as dt
import pickle
import time
import uuid

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.util import datetime_to_utc_timestamp
from sqlalchemy import create_engine, text

from . import naive_scheduler as naive

CHUNK = 20_000


def measure(database_url, deliverables, sample=1000):
    naive.ensure_database(database_url)
    tablename = f"naive_bulk_{uuid.uuid4().hex[:8]}"
    engine = create_engine(database_url)
    today = dt.datetime.now(naive.TZ).date()
    store = SQLAlchemyJobStore(url=database_url, tablename=tablename)
    scheduler = BackgroundScheduler(jobstores={"default": store}, timezone=naive.TZ)
    result = dict(deliverables=deliverables, reminders=4 * deliverables, sample_deliverables=sample,
                  method="bulk-filled job table; add and reschedule timed on a sample")
    try:
        scheduler.start(paused=True)
        # One real job gives the state add_job stores; every other row is that state re-targeted.
        scheduler.add_job(naive.JOB_FUNC, trigger="date", run_date=naive._run_date(today + dt.timedelta(days=30),
                                                                                   "before-7"),
                          args=(0, "before-7"), id="template")
        template = scheduler.get_job("template").__getstate__()
        scheduler.remove_job("template")
        started = time.perf_counter()
        table = store.jobs_t
        rows = []
        with engine.begin() as conn:
            for deliverable_id in range(1, deliverables + 1):
                due = naive._due_date(deliverable_id, today)
                for key in naive.KEYS:
                    run_date = naive._run_date(due, key)
                    state = dict(template, id=f"d{deliverable_id}-{key}", args=(deliverable_id, key),
                                 trigger=DateTrigger(run_date, naive.TZ), next_run_time=run_date)
                    rows.append({"id": state["id"], "next_run_time": datetime_to_utc_timestamp(run_date),
                                 "job_state": pickle.dumps(state, store.pickle_protocol)})
                if len(rows) >= CHUNK:
                    conn.execute(table.insert(), rows)
                    rows = []
            if rows:
                conn.execute(table.insert(), rows)
            conn.execute(text(f'ANALYZE "{tablename}"'))
        result["bulk_fill_seconds"] = round(time.perf_counter() - started, 1)
        with engine.connect() as conn:
            result["table_mb"] = round(conn.scalar(text("SELECT pg_total_relation_size(:t)"), {"t": tablename})
                                       / 2**20, 1)

        # add_job on the full table, timed on the sample.
        started = time.perf_counter()
        for deliverable_id in range(deliverables + 1, deliverables + sample + 1):
            due = naive._due_date(deliverable_id, today)
            for key in naive.KEYS:
                scheduler.add_job(naive.JOB_FUNC, trigger="date", run_date=naive._run_date(due, key),
                                  args=(deliverable_id, key), id=f"d{deliverable_id}-{key}")
        per_add = (time.perf_counter() - started) / (4 * sample)
        result["add_ms_per_job"] = round(per_add * 1000, 3)
        result["add_seconds_extrapolated"] = round(per_add * 4 * deliverables, 1)

        # Start-up, memory and listing: a fresh process on the real job store.
        child = naive._run_child(database_url, tablename)
        result.update({k: round(v, 3) if isinstance(v, float) else v for k, v in child.items()})

        # A due date moves: each deliverable's four jobs rescheduled, scheduler running.
        scheduler.resume()
        started = time.perf_counter()
        for deliverable_id in range(1, sample + 1):
            due = naive._due_date(deliverable_id, today)
            for key in naive.KEYS:
                scheduler.reschedule_job(f"d{deliverable_id}-{key}", trigger="date",
                                         run_date=naive._run_date(due, key, shift_days=5))
        per_move = (time.perf_counter() - started) / (4 * sample)
        result["reschedule_ms_per_job"] = round(per_move * 1000, 3)
        result["reschedule_seconds_extrapolated"] = round(per_move * 4 * deliverables, 1)
    finally:
        if scheduler.running:
            scheduler.shutdown(wait=False)
        with engine.begin() as conn:
            conn.execute(text(f'DROP TABLE IF EXISTS "{tablename}"'))
        engine.dispose()
    return result
