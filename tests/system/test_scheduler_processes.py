"""Concurrent schedulers, as real OS processes, never send a reminder twice.

Each test gets a scratch database (SQLite file or a fresh PostgreSQL database, as
``TEST_DATABASE`` says) holding a committed ``World(year=2027)``, and runs the real
command line — ``flask --app wsgi scheduler [--once]`` — in several processes at once,
against the suite's real SMTP server. Time-machine cannot cross a process boundary, so
each child freezes its own clock (ticking) before it runs the command.

The children import the application first and then wait at a start line the test
opens once every one of them is ready, so their sweeps and deliveries really overlap
(not just their interpreter start-ups).

The sub-plan is due Wednesday 31/3/2027: "7 days before" goes out on 24/3 at 08:00;
"3 days before" falls on Sunday 28/3 and goes out on Friday 26/3.
"""
import contextlib
import datetime as dt
import os
import re
import signal
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.clock import VN_TZ
from app.extensions import db
from app.outbox.models import OutboxMessage
from app.reminders.models import Reminder
from tests.conftest import migrated_app, scratch_database
from tests.factories import World
from workflows.enums import MailStatus, ReminderStatus

ROOT = Path(__file__).resolve().parents[2]

#: Waiting for processes, not timing them: generous limits that only a hang reaches.
PROCESS_TIMEOUT = 120
MAIL_TIMEOUT = 60

# The child: import the app, wait at the start line, then run the real CLI with its
# clock frozen (and ticking) at argv[1]; the rest of argv goes to ``flask scheduler``.
CHILD = r"""
import datetime as dt, os, pathlib, sys, time

import time_machine

at = dt.datetime.fromisoformat(sys.argv[1])
args = sys.argv[2:]
# The slow part before the start line: the app, and what the command imports when it runs.
import wsgi  # noqa: F401
import app.outbox.operations, app.reminders.operations, app.scheduler  # noqa: E401,F401
import apscheduler.schedulers.blocking, flask.cli  # noqa: E401,F401

ready, go = os.environ["START_READY"], os.environ["START_GO"]
pathlib.Path(ready).touch()
deadline = time.monotonic() + 60
while not os.path.exists(go):
    if time.monotonic() > deadline:
        sys.exit("the start line never opened")
    time.sleep(0.005)

code = 0
with time_machine.travel(at, tick=True):
    from flask.cli import main

    sys.argv = ["flask", "--app", "wsgi", "scheduler", *args]
    try:
        main()
    except SystemExit as exc:
        code = exc.code
sys.exit(code)
"""


def vn(*args):
    return dt.datetime(*args, tzinfo=VN_TZ)


@dataclass
class Scratch:
    url: str
    app: object
    district_to: list  #: who the district's reminder goes to
    other_to: list  #: who the other district's reminder goes to
    tmp: Path  #: for the start lines


@pytest.fixture
def scratch(tmp_path_factory):
    """A fresh database with a committed world (not the ``db`` fixture: that one rolls back)."""
    with scratch_database(tmp_path_factory, "procs") as url:
        app = migrated_app(url)
        try:
            with app.app_context():
                world = World(year=2027)  # its operations commit
                scratch = Scratch(url, app, district_to=sorted(["krongno@example.org", world.staff.email]),
                                  other_to=[world.other_head.email], tmp=tmp_path_factory.mktemp("start-lines"))
                # Reading the addresses began a transaction: end it. An open read would hold
                # SQLite's shared lock all test long, and no child could ever commit.
                db.session.rollback()
            yield scratch
        finally:
            with app.app_context():
                db.engine.dispose()


class Scheduler:
    """One child process; its output is read as it comes (a long run must not fill a pipe)."""

    def __init__(self, argv, env):
        self.popen = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      text=True, encoding="utf-8", errors="replace")
        self.out, self.err = [], []
        self._readers = [threading.Thread(target=self._drain, args=(stream, lines), daemon=True)
                         for stream, lines in ((self.popen.stdout, self.out), (self.popen.stderr, self.err))]
        for reader in self._readers:
            reader.start()

    @staticmethod
    def _drain(stream, lines):
        for line in stream:
            lines.append(line)

    @property
    def stdout(self):
        return "".join(self.out)

    @property
    def stderr(self):
        return "".join(self.err)

    def wait(self, timeout=PROCESS_TIMEOUT):
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            pytest.fail(f"scheduler pid {self.popen.pid} still running after {timeout}s; stderr:\n{self.stderr}")
        for reader in self._readers:
            reader.join(10)
        return self.popen.returncode

    def assert_exited_cleanly(self, timeout=PROCESS_TIMEOUT):
        code = self.wait(timeout)
        assert code == 0, f"scheduler pid {self.popen.pid} exited with {code}; stderr:\n{self.stderr}"

    def sweeps(self):
        return sum('Running job "Reminder sweep' in line for line in list(self.err))


def child_env(url, smtp_server, **extra):
    env = dict(os.environ)
    env.update(
        APP_ENV="development",  # the config that reads DATABASE_URL
        DATABASE_URL=url,
        MAIL_SERVER="127.0.0.1", MAIL_PORT=str(smtp_server.port),
        # Set, so a developer's .env cannot change them (load_dotenv does not override).
        MAIL_USE_TLS="0", MAIL_USE_SSL="0", MAIL_USERNAME="", MAIL_PASSWORD="",
        SCHEDULER_IN_PROCESS="0", BABEL_DEFAULT_LOCALE="vi", PYTHONUNBUFFERED="1",
        **extra,
    )
    return env


@contextlib.contextmanager
def schedulers(moments, scratch, smtp_server, *args, **env):
    """One scheduler per moment, its clock there, all started before any is waited for.

    They run from one start line; any still running afterwards is killed.
    """
    gate = scratch.tmp / uuid.uuid4().hex
    gate.mkdir()
    base = child_env(scratch.url, smtp_server, **env)
    n = len(moments)
    children = []
    try:
        for i, at in enumerate(moments):
            children.append(Scheduler(
                [sys.executable, "-c", CHILD, at.isoformat(), *args],
                {**base, "START_READY": str(gate / f"ready-{i}"), "START_GO": str(gate / "go")}))
        deadline = time.monotonic() + PROCESS_TIMEOUT
        while not all((gate / f"ready-{i}").exists() for i in range(n)):
            for child in children:
                if child.popen.poll() is not None:
                    pytest.fail(f"scheduler pid {child.popen.pid} exited before the start line "
                                f"({child.popen.returncode}); stderr:\n{child.stderr}")
            if time.monotonic() > deadline:
                pytest.fail("the schedulers never reached the start line")
            time.sleep(0.02)
        (gate / "go").touch()
        yield children
    finally:
        for child in children:
            if child.popen.poll() is None:
                child.popen.kill()
                child.popen.wait(10)


SUMMARY = re.compile(r"sweep: (\d+) queued, (\d+) skipped; delivery: (\d+) sent")


def run_once(moments, scratch, smtp_server):
    """``flask scheduler --once`` at each moment, all at once; how many were queued and sent, in all."""
    with schedulers(moments, scratch, smtp_server, "--once") as children:
        for child in children:
            child.assert_exited_cleanly()
    queued = sent = 0
    for child in children:
        match = SUMMARY.search(child.stdout)
        assert match, f"no summary line in:\n{child.stdout}\n{child.stderr}"
        queued += int(match[1])
        sent += int(match[3])
    return queued, sent


def assert_no_duplicates(messages):
    ids = [m.message["Message-ID"] for m in messages]
    assert all(ids) and len(set(ids)) == len(ids), ids
    pairs = [(tuple(sorted(m.to)), m.subject) for m in messages]
    assert len(set(pairs)) == len(pairs), pairs


def assert_one_each(scratch, messages, days_left):
    """One message per district, for the reminder with ``days_left`` days to go."""
    assert sorted(sorted(m.to) for m in messages) == sorted([scratch.district_to, scratch.other_to])
    for m in messages:
        assert m.subject == f"Nhắc hạn: Kế hoạch của đơn vị, hạn 31/03/2027 (còn {days_left} ngày)"
    assert_no_duplicates(messages)


def ledger(scratch):
    """(reminders by the day they went out, outbox rows) as plain tuples."""
    with scratch.app.app_context():
        reminders = db.session.execute(
            db.select(Reminder.send_on, Reminder.key, Reminder.status).order_by(Reminder.id)).all()
        outbox = db.session.execute(
            db.select(OutboxMessage.status, OutboxMessage.attempts).order_by(OutboxMessage.id)).all()
    by_day = {}
    for send_on, key, status in reminders:
        by_day.setdefault(send_on, []).append((key, status))
    return by_day, [tuple(row) for row in outbox]


@pytest.mark.parametrize("n", [2, 3])
def test_concurrent_once_runs_send_each_reminder_once(n, scratch, smtp_server):
    smtp_server.clear()

    queued, sent = run_once([vn(2027, 3, 24, 8, 5)] * n, scratch, smtp_server)
    assert (queued, sent) == (2, 2)
    first = smtp_server.messages()
    assert_one_each(scratch, first, days_left=7)
    reminders, outbox = ledger(scratch)
    assert reminders == {dt.date(2027, 3, 24): [("before-7", ReminderStatus.SENT)] * 2}
    assert outbox == [(MailStatus.SENT, 1)] * 2

    # Again at the same moment, and later that day (past the delivery lease): nothing more.
    for moment in (vn(2027, 3, 24, 8, 5), vn(2027, 3, 24, 8, 30)):
        assert run_once([moment] * n, scratch, smtp_server) == (0, 0)
        assert len(smtp_server.messages()) == 2
    assert ledger(scratch) == (reminders, outbox)

    # Friday 26/3: "3 days before" (Sunday 28/3, shifted), once per district.
    assert run_once([vn(2027, 3, 26, 8, 5)] * n, scratch, smtp_server) == (2, 2)
    everything = smtp_server.messages()
    assert everything[:2] == first
    assert_one_each(scratch, everything[2:], days_left=5)
    assert_no_duplicates(everything)
    reminders, outbox = ledger(scratch)
    assert reminders == {dt.date(2027, 3, 24): [("before-7", ReminderStatus.SENT)] * 2,
                         dt.date(2027, 3, 26): [("before-3", ReminderStatus.SENT)] * 2}
    assert outbox == [(MailStatus.SENT, 1)] * 4


def wait_for(condition, timeout, what, children):
    """Poll ``condition`` every 0.2 s while the children run (waiting on processes, not timing them)."""
    deadline = time.monotonic() + timeout
    while not condition():
        for child in children:
            if child.popen.poll() is not None:
                pytest.fail(f"scheduler pid {child.popen.pid} exited ({child.popen.returncode}) while waiting "
                            f"for {what}; stderr:\n{child.stderr}")
        if time.monotonic() > deadline:
            logs = "\n\n".join(child.stderr for child in children)
            pytest.fail(f"no {what} after {timeout}s; stderr:\n{logs}")
        time.sleep(0.2)


@pytest.mark.parametrize("n", [1, 2])
def test_long_running_schedulers_send_each_reminder_once_and_stop_on_sigterm(n, scratch, smtp_server):
    smtp_server.clear()
    with schedulers([vn(2027, 3, 24, 8, 5)] * n, scratch, smtp_server,
                    SCHEDULER_SWEEP_SECONDS="1", SCHEDULER_DELIVERY_SECONDS="1") as children:
        wait_for(lambda: len(smtp_server.messages()) >= 2, MAIL_TIMEOUT, "2 messages", children)
        # A few more sweeps (and deliveries) in every process after the mail went out.
        after = [child.sweeps() for child in children]
        wait_for(lambda: all(child.sweeps() >= seen + 3 for child, seen in zip(children, after, strict=True)),
                 MAIL_TIMEOUT, "3 more sweeps in each scheduler", children)
        for child in children:
            child.popen.send_signal(signal.SIGTERM)
        for child in children:
            child.assert_exited_cleanly(30)
            assert "scheduler stopping (signal 15)" in child.stderr

    logs = "\n\n".join(f"scheduler pid {child.popen.pid}:\n{child.stderr}" for child in children)
    assert_one_each(scratch, smtp_server.messages(), days_left=7)

    # Later that day, past the delivery lease: a message the schedulers left claimed but
    # unrecorded would go out again now.
    assert run_once([vn(2027, 3, 24, 8, 30)], scratch, smtp_server) == (0, 0), logs
    assert_one_each(scratch, smtp_server.messages(), days_left=7)
    reminders, outbox = ledger(scratch)
    assert reminders == {dt.date(2027, 3, 24): [("before-7", ReminderStatus.SENT)] * 2}, logs
    assert outbox == [(MailStatus.SENT, 1)] * 2, logs
