"""One unit of work: a request, a command or a job commits once at its end, or nothing.

Faults are injected into the real code path (an operation's helper made to fail half-way,
as a full disk or a bug would); the database is the real one and is read back afterwards.
"""
import ast
import datetime as dt
import io
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import orm

from app.auth.models import User
from app.clock import VN_TZ
from app.documents import operations as doc_ops
from app.documents.models import Document
from app.extensions import db
from app.notifications.models import Notification
from app.outbox.models import OutboxMessage
from app.plans import schedule as plan_schedule
from app.plans.models import Assignment
from app.reminders import sweep as sweep_module
from app.reminders.models import Reminder
from app.reminders.sweep import sweep
from app.transaction import after_commit, after_rollback, unit_of_work
from tests.factories import World, login, ready, unit
from workflows.enums import DocState, Trigger, UnitKind


APP = Path(__file__).resolve().parents[2] / "app"


def vn(*args):
    return dt.datetime(*args, tzinfo=VN_TZ)


class Fault(Exception):
    """The failure injected half-way."""


def fail_on_call(n, real):
    """``real``, except that its ``n``-th call raises ``Fault``."""
    calls = {"n": 0}

    def run(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == n:
            raise Fault(f"call {n}")
        return real(*args, **kwargs)
    return run


def fresh(model, ident):
    db.session.expire_all()
    return db.session.get(model, ident)


@pytest.fixture
def world(db):
    return World(year=2027)


def test_save_and_submit_is_one_transaction(world, client, monkeypatch):
    doc = world.document()
    before = dict(doc.current_version.content)
    login(client, world.head)
    # The save went through; the step after it (is it ready to submit?) fails.
    monkeypatch.setattr(doc_ops, "check_ready", fail_on_call(1, doc_ops.check_ready))
    with pytest.raises(Fault):
        client.post(f"/documents/{doc.id}/edit", data={"tasks": "Viết lại toàn bộ", "lock_version": doc.lock_version,
                                                       "submit": "1"})
    doc = fresh(Document, doc.id)
    assert doc.current_version.content == before  # the save went with the failure
    assert doc.state is DocState.DRAFT


def test_an_import_that_fails_half_way_writes_nobody(world, client, monkeypatch):
    from app.auth import notifications as account_notices

    login(client, world.admin)
    table = "Email,Họ và tên,Mã đơn vị,Vai trò\n" + "".join(
        f"canbo{i}@krongno.example.org,Cán bộ {i},{world.district.code},staff\n" for i in range(5))
    # The third new user's invitation (its mail queued) fails.
    monkeypatch.setattr(account_notices, "invite", fail_on_call(3, account_notices.invite))
    with pytest.raises(Fault):
        client.post("/admin/import/users", data={"file": (io.BytesIO(table.encode()), "nguoi-dung.csv")},
                    content_type="multipart/form-data")
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count()).select_from(User).where(
        User.email.like("canbo%@krongno.example.org"))) == 0
    assert db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage).where(
        OutboxMessage.to_addrs.like("canbo%"))) == 0


def test_assigning_units_that_fails_half_way_assigns_none(world, client, monkeypatch):
    communes = [unit(f"Xã {name}", UnitKind.COMMUNE, parent=world.district) for name in ("Nam Đà", "Đắk Sôr", "Buôn Choáh")]
    db.session.commit()
    plan_id = world.plan.id
    login(client, world.admin)
    # Each unit gets three deliverables; the seventh (the third unit's first) fails.
    monkeypatch.setattr(plan_schedule, "new_deliverable", fail_on_call(7, plan_schedule.new_deliverable))
    with pytest.raises(Fault):
        client.post(f"/plans/{plan_id}/assign", data={"unit_ids": [str(c.id) for c in communes], "duties": ""})
    db.session.expire_all()
    assigned = set(db.session.scalars(db.select(Assignment.unit_id).where(Assignment.plan_id == plan_id)))
    assert assigned == {world.district.id, world.other_district.id}


def _ledger():
    db.session.expire_all()
    return (db.session.scalar(db.select(db.func.count()).select_from(Reminder)),
            db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage)
                              .where(OutboxMessage.reminder_id.is_not(None))),
            db.session.scalar(db.select(db.func.count()).select_from(Notification)))


def test_a_sweep_interrupted_mid_round_leaves_that_round_unwritten(world, monkeypatch):
    at = vn(2027, 3, 24, 8, 0)  # "7 days before" is due for both districts' sub-plans
    assert _ledger() == (0, 0, 0)
    # One document per round: the first round (one district) is committed, the second fails
    # after its reminder row was inserted, before its mail was queued.
    monkeypatch.setattr(sweep_module, "READ_BATCH", 1)
    calls = {"n": 0}
    real = sweep_module.reminder_due.send

    def send(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise Fault("the second reminder's subscribers")
        return real(*args, **kwargs)

    monkeypatch.setattr(sweep_module.reminder_due, "send", send)
    with pytest.raises(Fault):
        sweep(at, each_round=unit_of_work)
    reminders, mails, notices = _ledger()
    assert (reminders, mails) == (1, 1)  # the committed round: its reminder with its mail
    assert notices >= 1
    # The next sweep takes up what was left, and repeats nothing.
    monkeypatch.setattr(sweep_module.reminder_due, "send", real)
    report = sweep(at, each_round=unit_of_work)
    assert report.queued == 1
    assert _ledger()[:2] == (2, 2)
    assert sweep(at, each_round=unit_of_work).queued == 0


def test_a_command_that_fails_writes_nothing(world, app, tmp_path):
    path = tmp_path / "don-vi.csv"
    # The second row's parent is unknown: nothing of the file is written, not even the first row.
    path.write_text("Mã đơn vị,Tên đơn vị,Loại,Mã đơn vị cấp trên,Email\n"
                    f"XA-MOI,Xã Mới,Xã,{world.district.code},\n"
                    "XA-KHAC,Xã Khác,Xã,KHONG-CO,\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["units", "import", str(path)])
    assert result.exit_code == 1
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count()).select_from(
        db.metadata.tables["units"]).where(sa.column("code") == "XA-MOI")) == 0


def _commits_during(action):
    """How many transactions ``action`` committed (savepoints released do not count)."""
    count = {"n": 0}

    def counted(session):
        count["n"] += 1

    sa.event.listen(orm.Session, "after_commit", counted)
    try:
        action()
    finally:
        sa.event.remove(orm.Session, "after_commit", counted)
    return count["n"]


def test_each_action_commits_once(world, client):
    doc = world.document()
    login(client, world.head)
    content = {"tasks": "Rà soát hộ nghèo", "lock_version": doc.lock_version, "submit": "1",
               "households_start": "1.000", "poor_start": "100", "poor_reduction": "10",
               "households_end": "1.000", "poor_end": "90"}
    saved = {}
    assert _commits_during(lambda: saved.setdefault("r", client.post(f"/documents/{doc.id}/edit",
                                                                     data=content))) == 1
    assert saved["r"].status_code == 302
    doc = fresh(Document, doc.id)
    assert _commits_during(lambda: client.post(f"/documents/{doc.id}/submit",
                                               data={"lock_version": doc.lock_version, "comment": ""})) == 1
    assert fresh(Document, doc.id).state is DocState.SUBMITTED
    client = login(client.application.test_client(), world.reviewer)
    doc = fresh(Document, doc.id)
    decided = {}
    assert _commits_during(lambda: decided.setdefault("r", client.post(
        f"/documents/{doc.id}/approve", data={"lock_version": doc.lock_version, "comment": ""}))) == 1
    assert decided["r"].status_code == 302, decided["r"].get_data(as_text=True)
    assert fresh(Document, doc.id).state is DocState.APPROVED


def test_work_outside_the_database_follows_the_transaction(world):
    done = []
    with unit_of_work():
        after_commit(lambda: done.append("kept"))
        after_rollback(lambda: done.append("undone"))
    assert done == ["kept"]
    with pytest.raises(Fault):
        with unit_of_work():
            after_commit(lambda: done.append("kept again"))
            after_rollback(lambda: done.append("file removed"))
            raise Fault("half-way")
    assert done == ["kept", "file removed"]


#: Modules that may commit, each for the reason given in its docstring.
COMMITTERS = {"transaction.py", "outbox/delivery.py"}


def test_nothing_but_the_units_of_work_commits():
    offenders = []
    for path in APP.rglob("*.py"):
        name = path.relative_to(APP).as_posix()
        if name in COMMITTERS:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "commit":
                offenders.append(f"{name}:{node.lineno}")
    assert offenders == []


def test_a_document_operation_alone_commits_nothing(world):
    doc = world.document()
    doc_ops.save_content(doc, world.head, ready(doc), doc.lock_version)
    doc_ops.transition(doc, world.head, Trigger.SUBMIT)
    db.session.rollback()  # what the request does when something after the operation fails
    assert fresh(Document, doc.id).state is DocState.DRAFT


@pytest.mark.parametrize(("table", "values"), [
    ("notifications", {"kind": "nhac-nho"}),
    ("reminders", {"reason": "because"}),
    ("outbox", {"skip_reason": "because"}),
])
def test_the_database_refuses_a_kind_or_reason_it_does_not_know(world, table, values):
    """Notice kinds and skip reasons are enums in the code and checked by the database."""
    doc = world.document()
    moment = vn(2027, 3, 24, 8, 0)
    rows = {
        "notifications": {"user_id": world.head.id, "deliverable_id": doc.deliverable_id, "data": {},
                          "created_at": moment, "updated_at": moment, "repeats": 0},
        "reminders": {"deliverable_id": doc.deliverable_id, "key": "before-7", "nominal_on": dt.date(2027, 3, 24),
                      "send_on": dt.date(2027, 3, 24), "due_on": dt.date(2027, 3, 31), "escalated": False,
                      "status": "skipped", "created_at": moment},
        "outbox": {"kind": "reminder", "to_addrs": "a@example.org", "subject": "s", "body_text": "t",
                   "body_html": "h", "status": "skipped", "created_at": moment,
                   "next_attempt_at": moment},
    }
    good = {"notifications": {"kind": "due"}, "reminders": {"reason": "late"}, "outbox": {"skip_reason": "late"}}
    table_ = db.metadata.tables[table]
    with db.session.begin_nested():
        db.session.execute(table_.insert().values(**rows[table], **good[table]))  # a known value: accepted
    with pytest.raises(sa.exc.IntegrityError), db.session.begin_nested():
        second = {**rows[table], **values, **({"key": "before-3"} if table == "reminders" else {})}
        db.session.execute(table_.insert().values(**second))
