"""The scheduler: periodic jobs (reminder sweep, reviewers' daily digests, mail delivery,
a nightly purge of old login records), run by APScheduler in a process of their own.

    flask --app wsgi scheduler          runs until stopped (SIGTERM or Ctrl-C)
    flask --app wsgi scheduler --once   one sweep, the digests due, one delivery pass, then exits (cron, tests)

Never inside the web workers: with several gunicorn workers every job would run once
per worker. (Running several scheduler processes is harmless — the database lets one
queue each reminder and one send each message — but pointless. On SQLite the jobs take
the write lock when their transactions begin, so concurrent writers queue rather than
fail half-way.) The embedded demo
may start it in the web process (``SCHEDULER_IN_PROCESS``), where there is one.
"""
import datetime as dt
import logging
import signal

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.blocking import BlockingScheduler

from . import sqlite_write_transactions
from .audit.actor import SCHEDULER, acting_as
from .auth.sessions import purge
from .clock import VN_TZ
from .notifications.digest import send_digests
from .outbox.delivery import deliver_pending
from .reminders.sweep import sweep
from .transaction import unit_of_work

log = logging.getLogger(__name__)

SWEEP_JOB = "reminders-sweep"
DELIVERY_JOB = "mail-delivery"
PURGE_JOB = "logins-purge"
DIGEST_JOB = "reviewer-digest"
#: How often the digest job looks for reviewers whose digest of the day is due (it sends
#: each once a day whatever this is; a short period sends soon after the hour, or after downtime).
DIGEST_SECONDS = 600


def sweep_job(app):
    """Record and queue the reminders due; each round of documents is one unit of work."""
    with app.app_context(), sqlite_write_transactions(), acting_as(SCHEDULER):
        return sweep(each_round=unit_of_work)


def delivery_job(app):
    """Send what the outbox holds (the pass commits each claim and each outcome itself)."""
    with app.app_context(), sqlite_write_transactions(), acting_as(SCHEDULER):
        return deliver_pending()


def digest_job(app):
    """Queue the day's digest of every reviewer who chose it and has not had it (idempotent)."""
    with app.app_context(), sqlite_write_transactions(), acting_as(SCHEDULER), unit_of_work():
        return send_digests()


def purge_job(app):
    """Delete the records of logins that ended or expired long ago (idempotent)."""
    with app.app_context(), sqlite_write_transactions(), acting_as(SCHEDULER), unit_of_work():
        purged = purge()
        if purged:
            log.info("purged %d old logins", purged)
        return purged


def run_once(app):
    """One sweep, the digests due, then one delivery pass: what the periodic jobs do, once."""
    swept = sweep_job(app)
    digest_job(app)
    return swept, delivery_job(app)


def build(app, scheduler_class=BlockingScheduler):
    scheduler = scheduler_class(timezone=VN_TZ, job_defaults={
        "coalesce": True,  # after a pause, one run, not a burst
        "max_instances": 1,
        "misfire_grace_time": 300,
    })
    start = dt.datetime.now(VN_TZ)
    scheduler.add_job(sweep_job, "interval", seconds=app.config["SCHEDULER_SWEEP_SECONDS"], args=[app],
                      id=SWEEP_JOB, name="Reminder sweep", replace_existing=True, next_run_time=start)
    scheduler.add_job(delivery_job, "interval", seconds=app.config["SCHEDULER_DELIVERY_SECONDS"], args=[app],
                      id=DELIVERY_JOB, name="Mail delivery", replace_existing=True,
                      next_run_time=start + dt.timedelta(seconds=2))
    scheduler.add_job(digest_job, "interval", seconds=app.config.get("SCHEDULER_DIGEST_SECONDS", DIGEST_SECONDS),
                      args=[app], id=DIGEST_JOB, name="Reviewers' daily digest", replace_existing=True,
                      next_run_time=start + dt.timedelta(seconds=1))
    scheduler.add_job(purge_job, "cron", hour=3, minute=17, args=[app], id=PURGE_JOB, name="Old logins purged",
                      replace_existing=True)
    return scheduler


def run_forever(app):
    scheduler = build(app)

    def stop(signum, frame):
        if scheduler.running:  # a second signal while stopping changes nothing
            log.info("scheduler stopping (signal %s)", signum)
            scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, stop)
    log.info("scheduler started: sweep every %ss, delivery every %ss",
             app.config["SCHEDULER_SWEEP_SECONDS"], app.config["SCHEDULER_DELIVERY_SECONDS"])
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass


def start_in_process(app):
    """For the embedded demo only: the jobs in a background thread of the web process."""
    scheduler = build(app, BackgroundScheduler)
    scheduler.start()
    log.info("scheduler running inside the web process (demo)")
    return scheduler
