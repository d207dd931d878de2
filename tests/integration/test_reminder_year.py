"""A whole year of the Đắk Nông demo's deadline reminders: sweep → outbox → real SMTP.

The demo is loaded with the clock frozen at Monday 5/1/2026 09:00 (Asia/Ho_Chi_Minh),
so none of its scripted submissions of 2026 has happened yet. Then every day from
5/1/2026 to 28/2/2027 the clock is moved (time-machine, ``tick=False``: never waited
for) to 08:00 — and to 16:00 on the 128 days of AFTERNOON_SWEEPS — and each time
``sweep()`` and ``deliver_pending()`` run, reading the frozen clock. Four units act on
their sub-plan, at chosen moments, through ``app.documents.operations``:

* A (SKHDT) submits on Fri 20/3 10:00, approved Wed 25/3 10:00: no sub-plan mail at all.
* B (STTTT) submits on Mon 30/3 10:00: it got 24/3, 27/3 and 30/3 08:00, not 31/3.
* C (STC) never submits anything: every reminder, and the weekly escalated overdue
  notices into 2027.
* D (SYT) submits on Fri 20/3 10:30 (so no "7 days" reminder on 24/3), is returned on
  Thu 26/3 10:00 (told at once by mail), hears the reminders of 27/3 and 30/3 while
  returned, and resubmits on Mon 30/3 09:00.

The walk runs once per module (a module fixture in its own rolled-back transaction);
the tests read its mail log. Every expectation below is derived by hand from the
policy and the calendar, never from ``workflows.reminders``:

* reminders 7, 3, 1 and 0 days before the due date at 08:00; overdue notices the day
  after the due date, then weekly, copied (Cc) to the unit head and the two SLDTBXH
  reviewers;
* a reminder whose day is a weekend or a VN public holiday goes out on the previous
  working day; two landing on one send day make one mail (the more urgent one);
* the subject counts days from the day the mail goes out (so the 12/6 mail that stands
  for "1 day before 15/6" says "còn 3 ngày", and the notice of 28/8 nominally due on
  2/9 says "Quá hạn 150 ngày").

Calendar (the ``holidays`` package, VN, as listed in HOLIDAYS below): 31/3/2026 is a
Tuesday, 15/6/2026 a Monday, 15/12/2026 a Tuesday. Shifted notices in the window:

* sub-plan, overdue on Wednesdays: 2/9/2026 (holiday; 1/9 and 31/8 too) → Fri 28/8;
  10/2/2027 (Tết 4–10/2) → Wed 3/2, which already holds a notice: one mail.
* six-month report: "3 days" is Fri 12/6 and "1 day" (Sun 14/6) moves to Fri 12/6: one
  mail; overdue on Tuesdays: 1/9/2026 → Fri 28/8; 24/11/2026 → Mon 23/11; 9/2/2027
  (Tết) → Wed 3/2 (the Tuesday before, 2/2, has its own notice).
* annual report: "3 days" (Sat 12/12) → Fri 11/12; overdue on Wednesdays: 10/2/2027 →
  Wed 3/2, merged with the 3/2 notice.
"""
import collections
import datetime as dt
import re
import time
from dataclasses import dataclass

import pytest
import time_machine
from sqlalchemy import orm

from app.clock import VN_TZ
from app.demo import dak_nong as seed
from app.extensions import db as _db
from workflows.enums import DeliverableKind, DocState, Trigger

SUBPLAN, SIX_MONTH, ANNUAL, ADHOC = (DeliverableKind.SUBPLAN, DeliverableKind.SIX_MONTH,
                                     DeliverableKind.ANNUAL, DeliverableKind.ADHOC)
D = dt.date


def vn(*args):
    return dt.datetime(*args, tzinfo=VN_TZ)


# --- Hand facts -------------------------------------------------------------------

FIRST_DAY, LAST_DAY = D(2026, 1, 5), D(2027, 2, 28)
LOADED_AT = vn(2026, 1, 5, 9, 0)
#: Every day is swept at 08:00. The 16:00 sweep (which must find nothing new) runs only
#: around deadlines, holidays and the units' moves: the year's ~3,200 mails cost most of
#: the walk's time, and a 16:00 sweep on a quiet day adds ~20 ms for nothing.
AFTERNOON_SWEEPS = [
    (D(2026, 1, 5), D(2026, 1, 23)),  # the ad-hoc report due 15/1
    (D(2026, 2, 12), D(2026, 2, 21)),  # Tết 2026
    (D(2026, 3, 20), D(2026, 4, 9)),  # the sub-plan due 31/3; the units' submissions and the return
    (D(2026, 4, 24), D(2026, 5, 2)),  # 26–27/4, 30/4, 1/5
    (D(2026, 6, 5), D(2026, 6, 24)),  # the six-month report due 15/6
    (D(2026, 8, 26), D(2026, 9, 3)),  # 31/8–2/9
    (D(2026, 11, 20), D(2026, 11, 25)),  # 24/11
    (D(2026, 12, 7), D(2026, 12, 24)),  # the annual report due 15/12
    (D(2026, 12, 30), D(2027, 1, 2)),  # 1/1/2027
    (D(2027, 2, 1), D(2027, 2, 12)),  # Tết 2027
]

#: VN public holidays in the window (and a little beyond), from the ``holidays`` package.
HOLIDAYS = {
    D(2026, 1, 1), *(D(2026, 2, d) for d in range(16, 21)), D(2026, 4, 26), D(2026, 4, 27), D(2026, 4, 30),
    D(2026, 5, 1), D(2026, 8, 31), D(2026, 9, 1), D(2026, 9, 2), D(2026, 11, 24),
    D(2027, 1, 1), *(D(2027, 2, d) for d in range(4, 11)), D(2027, 4, 16), D(2027, 4, 30), D(2027, 5, 1),
    D(2027, 5, 3), D(2027, 9, 2), D(2027, 9, 3), D(2027, 11, 24),
}

DUE = {SUBPLAN: D(2026, 3, 31), SIX_MONTH: D(2026, 6, 15), ANNUAL: D(2026, 12, 15)}
LABEL = {SUBPLAN: "Kế hoạch của đơn vị", SIX_MONTH: "Báo cáo 6 tháng", ANNUAL: "Báo cáo năm"}
PERIODIC = (SUBPLAN, SIX_MONTH, ANNUAL)

A, B, C, DD = "SKHDT", "STTTT", "STC", "SYT"  # DD: unit D (D is datetime.date here)
DISTRICTS = [u["code"] for u in seed.UNITS if u["kind"] == "district"]
ASSIGNED = [row["unit"] for row in seed.ASSIGNMENTS]
DOMAIN = seed.DEMO_EMAIL_DOMAIN
REVIEWERS = [f"truongphong.giamngheo@{DOMAIN}", f"chuyenvien.giamngheo@{DOMAIN}"]
LINK = re.compile(r"http://127\.0\.0\.1:5000/documents/(\d+)")
RETURN_REASON = "Đề nghị bổ sung tiến độ thực hiện theo quý và phân công từng phòng."


def contacts(code):
    return [e.lower() for u in seed.UNITS if u["code"] == code for e in u["emails"]]


def staff(code):
    return f"canbo.{code.lower()}@{DOMAIN}"


def head(code):
    # SLDTBXH already has a named head (giamdoc); every other assigned unit gets "thutruong".
    return f"giamdoc@{DOMAIN}" if code == "SLDTBXH" else f"thutruong.{code.lower()}@{DOMAIN}"


def is_working_day(day):
    return day.weekday() < 5 and day not in HOLIDAYS


def before(kind, sent_on):
    days = (DUE[kind] - sent_on).days
    assert is_working_day(sent_on) and days > 0
    return sent_on, f"Nhắc hạn: {LABEL[kind]}, hạn {DUE[kind]:%d/%m/%Y} (còn {days} ngày)"


def due_today(kind):
    assert is_working_day(DUE[kind])
    return DUE[kind], f"Đến hạn hôm nay: {LABEL[kind]} (hạn {DUE[kind]:%d/%m/%Y})"


def overdue_weekly(kind, first, shifted=(), merged=()):
    """Overdue notices nominally every 7 days from ``first`` up to the last day walked.

    ``shifted`` maps a nominal day that is not a working day to the day it goes out;
    ``merged`` lists nominal days whose send day already holds a notice (one mail).
    """
    shifted = dict(shifted)
    out, nominal = [], first
    while nominal <= LAST_DAY:
        if nominal not in merged:
            sent_on = shifted.get(nominal, nominal)
            assert is_working_day(sent_on), sent_on
            assert (sent_on == nominal) == (nominal not in shifted)
            out.append((sent_on, f"Quá hạn {(sent_on - DUE[kind]).days} ngày: {LABEL[kind]} "
                                 f"(hạn {DUE[kind]:%d/%m/%Y})"))
        else:
            assert not is_working_day(nominal)
        nominal += dt.timedelta(days=7)
    return out


#: What a unit that never submits receives, per deliverable: (send day, subject).
NEVER_SUBMITTED = {
    SUBPLAN: [
        before(SUBPLAN, D(2026, 3, 24)),  # Tue, 7 days
        before(SUBPLAN, D(2026, 3, 27)),  # "3 days" is Sat 28/3: Fri 27/3, còn 4 ngày
        before(SUBPLAN, D(2026, 3, 30)),  # Mon, 1 day
        due_today(SUBPLAN),  # Tue 31/3
        *overdue_weekly(SUBPLAN, D(2026, 4, 1), shifted={D(2026, 9, 2): D(2026, 8, 28)},
                        merged={D(2027, 2, 10)}),
    ],
    SIX_MONTH: [
        before(SIX_MONTH, D(2026, 6, 8)),  # Mon, 7 days
        before(SIX_MONTH, D(2026, 6, 12)),  # Fri: "3 days" and "1 day" (Sun 14/6) in one mail
        due_today(SIX_MONTH),  # Mon 15/6
        *overdue_weekly(SIX_MONTH, D(2026, 6, 16), shifted={D(2026, 9, 1): D(2026, 8, 28),
                                                             D(2026, 11, 24): D(2026, 11, 23),
                                                             D(2027, 2, 9): D(2027, 2, 3)}),
    ],
    ANNUAL: [
        before(ANNUAL, D(2026, 12, 8)),  # Tue, 7 days
        before(ANNUAL, D(2026, 12, 11)),  # "3 days" is Sat 12/12: Fri 11/12, còn 4 ngày
        before(ANNUAL, D(2026, 12, 14)),  # Mon, 1 day
        due_today(ANNUAL),  # Tue 15/12
        *overdue_weekly(ANNUAL, D(2026, 12, 16), merged={D(2027, 2, 10)}),
    ],
}


def test_the_hand_counted_calendar_itself():
    """Guards the expectations themselves (counted by hand, not by the product)."""
    assert [D(2026, 3, 31).weekday(), D(2026, 6, 15).weekday(), D(2026, 12, 15).weekday()] == [1, 0, 1]
    subplan = NEVER_SUBMITTED[SUBPLAN]
    assert subplan[:6] == [
        (D(2026, 3, 24), "Nhắc hạn: Kế hoạch của đơn vị, hạn 31/03/2026 (còn 7 ngày)"),
        (D(2026, 3, 27), "Nhắc hạn: Kế hoạch của đơn vị, hạn 31/03/2026 (còn 4 ngày)"),
        (D(2026, 3, 30), "Nhắc hạn: Kế hoạch của đơn vị, hạn 31/03/2026 (còn 1 ngày)"),
        (D(2026, 3, 31), "Đến hạn hôm nay: Kế hoạch của đơn vị (hạn 31/03/2026)"),
        (D(2026, 4, 1), "Quá hạn 1 ngày: Kế hoạch của đơn vị (hạn 31/03/2026)"),
        (D(2026, 4, 8), "Quá hạn 8 ngày: Kế hoạch của đơn vị (hạn 31/03/2026)"),
    ]
    assert (D(2026, 8, 26), "Quá hạn 148 ngày: Kế hoạch của đơn vị (hạn 31/03/2026)") in subplan
    assert (D(2026, 8, 28), "Quá hạn 150 ngày: Kế hoạch của đơn vị (hạn 31/03/2026)") in subplan
    assert (D(2026, 9, 9), "Quá hạn 162 ngày: Kế hoạch của đơn vị (hạn 31/03/2026)") in subplan
    assert [day for day, _ in subplan[-4:]] == [D(2027, 1, 27), D(2027, 2, 3), D(2027, 2, 17), D(2027, 2, 24)]
    six = NEVER_SUBMITTED[SIX_MONTH]
    assert six[:5] == [
        (D(2026, 6, 8), "Nhắc hạn: Báo cáo 6 tháng, hạn 15/06/2026 (còn 7 ngày)"),
        (D(2026, 6, 12), "Nhắc hạn: Báo cáo 6 tháng, hạn 15/06/2026 (còn 3 ngày)"),
        (D(2026, 6, 15), "Đến hạn hôm nay: Báo cáo 6 tháng (hạn 15/06/2026)"),
        (D(2026, 6, 16), "Quá hạn 1 ngày: Báo cáo 6 tháng (hạn 15/06/2026)"),
        (D(2026, 6, 23), "Quá hạn 8 ngày: Báo cáo 6 tháng (hạn 15/06/2026)"),
    ]
    assert [day for day, _ in six if D(2026, 8, 20) < day < D(2026, 9, 10)] == [
        D(2026, 8, 25), D(2026, 8, 28), D(2026, 9, 8)]
    assert [day for day, _ in six if D(2026, 11, 15) < day < D(2026, 12, 5)] == [
        D(2026, 11, 17), D(2026, 11, 23), D(2026, 12, 1)]
    assert [day for day, _ in six if D(2027, 1, 30) < day] == [
        D(2027, 2, 2), D(2027, 2, 3), D(2027, 2, 16), D(2027, 2, 23)]
    assert NEVER_SUBMITTED[ANNUAL] == [
        (D(2026, 12, 8), "Nhắc hạn: Báo cáo năm, hạn 15/12/2026 (còn 7 ngày)"),
        (D(2026, 12, 11), "Nhắc hạn: Báo cáo năm, hạn 15/12/2026 (còn 4 ngày)"),
        (D(2026, 12, 14), "Nhắc hạn: Báo cáo năm, hạn 15/12/2026 (còn 1 ngày)"),
        (D(2026, 12, 15), "Đến hạn hôm nay: Báo cáo năm (hạn 15/12/2026)"),
        *[(day, f"Quá hạn {n} ngày: Báo cáo năm (hạn 15/12/2026)") for day, n in [
            (D(2026, 12, 16), 1), (D(2026, 12, 23), 8), (D(2026, 12, 30), 15), (D(2027, 1, 6), 22),
            (D(2027, 1, 13), 29), (D(2027, 1, 20), 36), (D(2027, 1, 27), 43), (D(2027, 2, 3), 50),
            (D(2027, 2, 17), 64), (D(2027, 2, 24), 71)]],
    ]
    assert {k: len(v) for k, v in NEVER_SUBMITTED.items()} == {SUBPLAN: 51, SIX_MONTH: 40, ANNUAL: 14}


# --- The walk -----------------------------------------------------------------------


@dataclass(frozen=True)
class Mail:
    at: dt.datetime  #: the frozen moment of the delivery pass that sent it
    subject: str
    to: tuple
    cc: tuple
    text: str
    html: str

    @property
    def day(self):
        return self.at.date()

    @property
    def document_id(self):
        found = set(LINK.findall(self.text))
        assert len(found) == 1, self.text
        return int(found.pop())

    @property
    def is_reminder(self):
        return not self.subject.startswith("Trả lại")


@dataclass(frozen=True)
class Doc:
    unit: str
    kind: DeliverableKind
    due_on: dt.date
    label: str


@dataclass
class Year:
    mails: list
    docs: dict  #: document id → Doc
    states: dict  #: document id → [(moment, new state)], in order
    queued_at: dict  #: sweep moment → reminders the sweep queued
    seconds: dict  #: where the walk's time went

    def doc_id(self, unit, kind):
        [found] = [i for i, d in self.docs.items() if d.unit == unit and d.kind is kind]
        return found

    def of(self, unit, kind):
        doc_id = self.doc_id(unit, kind)
        return [m for m in self.mails if m.document_id == doc_id]

    def state_at(self, doc_id, moment):
        state = DocState.DRAFT
        for at, new in self.states.get(doc_id, []):
            if at <= moment:
                state = new
        return state


def _document(unit, kind):
    from app.documents.models import Deliverable, Document
    from app.plans.models import Assignment
    from app.units.models import Unit

    return _db.session.scalars(
        _db.select(Document).join(Document.deliverable).join(Deliverable.assignment).join(Assignment.unit)
        .where(Unit.code == unit, Deliverable.kind == kind)).one()


def _user(email):
    from app.auth.models import User

    return _db.session.scalars(_db.select(User).where(User.email == email)).one()


def _submit(unit):
    """Staff fill the sub-plan (required: tasks), the head submits it, as the demo loader does."""
    from app.documents import operations as doc_ops

    def act():
        doc = _document(unit, SUBPLAN)
        from tests.factories import ready

        content = ready(doc, tasks=f"Nhiệm vụ giảm nghèo năm 2026 của {unit}.", responsible="Thủ trưởng đơn vị",
                        timeline="Quý I–IV", notes="")
        doc_ops.save_content(doc, _user(staff(unit)), content, doc.lock_version)
        doc_ops.transition(doc, _user(head(unit)), Trigger.SUBMIT)
    return act


def _review(unit, trigger, reviewer, comment=""):
    from app.documents import operations as doc_ops

    def act():
        doc = _document(unit, SUBPLAN)
        doc_ops.transition(doc, _user(reviewer), trigger, comment)
    return act


ACTIONS = {
    vn(2026, 3, 20, 10, 0): _submit(A),
    vn(2026, 3, 20, 10, 30): _submit(DD),
    vn(2026, 3, 25, 10, 0): _review(A, Trigger.APPROVE, REVIEWERS[0], "Đồng ý."),
    vn(2026, 3, 26, 10, 0): _review(DD, Trigger.RETURN, REVIEWERS[1], RETURN_REASON),
    vn(2026, 3, 30, 9, 0): _submit(DD),
    vn(2026, 3, 30, 10, 0): _submit(B),
}


TOLD_ELSEWHERE = ("Nộp để thẩm định", "Nộp lại để thẩm định", "Đã phê duyệt")


def _walk(sink):
    from app.demo.loader import load
    from app.documents.models import Document, TransitionLog
    from app.outbox.delivery import deliver_pending
    from app.reminders.sweep import sweep

    mails, queued_at, spent = [], {}, collections.Counter()
    days = [FIRST_DAY + dt.timedelta(days=n) for n in range((LAST_DAY - FIRST_DAY).days + 1)]
    sweeps = [vn(d.year, d.month, d.day, 8) for d in days]
    sweeps += [vn(d.year, d.month, d.day, 16) for d in days if any(a <= d <= b for a, b in AFTERNOON_SWEEPS)]
    # The demo is loaded at 09:00 on the first day: its 08:00 sweep would be in the past.
    moments = sorted({m for m in sweeps if m > LOADED_AT} | set(ACTIONS))
    assert not set(ACTIONS) & set(sweeps)
    started = time.perf_counter()
    with time_machine.travel(LOADED_AT, tick=False) as traveller:
        load((seed,))  # Đắk Nông alone: the mail below is its units'
        docs = {doc.id: Doc(doc.deliverable.assignment.unit.code, doc.deliverable.kind, doc.deliverable.due_on,
                            doc.deliverable.title)
                for doc in _db.session.scalars(_db.select(Document))}
        for moment in moments:
            traveller.move_to(moment)
            t0 = time.perf_counter()
            if moment in ACTIONS:
                ACTIONS[moment]()
            else:
                queued_at[moment] = sweep().queued
            t1 = time.perf_counter()
            deliver_pending()  # a returned document's mail goes at once
            t2 = time.perf_counter()
            spent[f"sweep {moment.hour}h"] += t1 - t0
            spent[f"deliver {moment.hour}h"] += t2 - t1
            received = sink.messages()
            sink.clear()
            for m in received:
                if m.subject.startswith(TOLD_ELSEWHERE):  # submissions and approvals: test_notices.py
                    continue
                mails.append(Mail(moment, m.subject, tuple(m.to), tuple(m.cc), m.text, m.html))
    spent["total"] = time.perf_counter() - started
    states = collections.defaultdict(list)
    for doc_id, at, to_state in _db.session.execute(
            _db.select(TransitionLog.document_id, TransitionLog.created_at, TransitionLog.to_state)
            .order_by(TransitionLog.created_at, TransitionLog.id)):
        states[doc_id].append((at, to_state))
    return Year(mails, docs, dict(states), queued_at, dict(spent))


@pytest.fixture(scope="module")
def year(app, smtp_server):
    """The year's mail log, walked once in a transaction rolled back before the tests read it."""
    from flask_sqlalchemy.session import _app_ctx_id

    saved = {k: app.config[k] for k in ("MAIL_SERVER", "MAIL_PORT")}
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_server.port)
    if smtp_server._controller is None:
        smtp_server.start()
    smtp_server.clear()
    try:
        with app.app_context():
            connection = _db.engine.connect()
            outer = connection.begin()
            original = _db.session
            factory = orm.sessionmaker(bind=connection, join_transaction_mode="create_savepoint")
            _db.session = orm.scoped_session(factory, scopefunc=_app_ctx_id)
            try:
                result = _walk(smtp_server)
            finally:
                _db.session.remove()
                _db.session = original
                outer.rollback()
                connection.close()
    finally:
        app.config.update(saved)
        smtp_server.clear()
    print(f"\nthe year: {len(result.mails)} mails, walked in "
          + ", ".join(f"{k} {v:.1f} s" for k, v in sorted(result.seconds.items())))
    return result


# --- What arrived -------------------------------------------------------------------


@pytest.mark.parametrize("kind", PERIODIC, ids=lambda k: k.value)
def test_a_unit_that_never_submits_gets_every_reminder_of_the_year(year, kind):
    got = [(m.day, m.subject) for m in year.of(C, kind)]
    assert got == NEVER_SUBMITTED[kind]


def test_no_mail_on_a_weekend_or_a_public_holiday(year):
    bad = sorted({(m.day, m.day.strftime("%a")) for m in year.mails if not is_working_day(m.day)})
    assert bad == []


def test_each_reminder_once_at_eight_and_the_afternoon_sweeps_send_nothing_new(year):
    reminders = [m for m in year.mails if m.is_reminder]
    twice = [key for key, n in collections.Counter((m.document_id, m.day) for m in reminders).items() if n > 1]
    assert twice == []
    assert {(m.at.hour, m.at.minute) for m in reminders} == {(8, 0)}
    assert {at for at, n in year.queued_at.items() if at.hour == 16 and n} == set()
    afternoons = sum((b - a).days + 1 for a, b in AFTERNOON_SWEEPS)
    assert (len(year.queued_at), afternoons) == (420 - 1 + afternoons, 128)  # less 08:00 on 5/1/2026


def test_to_the_unit_and_its_staff_copied_to_head_and_reviewers_once_overdue(year):
    for mail in (m for m in year.mails if m.is_reminder):
        doc = year.docs[mail.document_id]
        # Flask-Mail writes To and Cc through a set: their order is not the outbox's.
        assert sorted(mail.to) == sorted([*contacts(doc.unit), staff(doc.unit)]), mail.subject
        if mail.day <= doc.due_on:
            assert not mail.subject.startswith("Quá hạn") and mail.cc == (), (doc, mail.subject)
        else:
            assert mail.subject.startswith("Quá hạn"), (doc, mail.subject)
            assert sorted(mail.cc) == sorted([head(doc.unit), *REVIEWERS]), (doc, mail.subject)
            assert "gửi đồng thời" in mail.text


def test_every_mail_links_to_its_own_document(year):
    for mail in year.mails:
        doc = year.docs[mail.document_id]
        link = f"http://127.0.0.1:5000/documents/{mail.document_id}"
        assert f'href="{link}"' in mail.html
        assert f"{link}\n" in mail.text.replace("\r\n", "\n")
        assert set(contacts(doc.unit)) <= set(mail.to)
        label = doc.label if doc.kind is ADHOC else LABEL[doc.kind]
        assert label.replace(" ", "") in mail.subject.replace(" ", "")  # spaces: see the next test
    assert year.of(C, SUBPLAN)[0].document_id == year.doc_id(C, SUBPLAN)


def test_every_subject_reads_as_written_however_long(year):
    """As any RFC 2047 reader decodes it (the sink parses with the standard library).

    The ad-hoc report "Báo cáo nhanh kết quả rà soát hộ nghèo, hộ cận nghèo" makes
    subjects of 80+ characters, folded over several encoded words.
    """
    wrong = collections.Counter()
    for mail in year.mails:
        doc = year.docs[mail.document_id]
        what = re.escape(doc.label if doc.kind is ADHOC else LABEL[doc.kind])
        due = re.escape(f"{doc.due_on:%d/%m/%Y}")
        patterns = [rf"Nhắc hạn: {what}, hạn {due} \(còn \d+ ngày\)", rf"Đến hạn hôm nay: {what} \(hạn {due}\)",
                    rf"Quá hạn \d+ ngày: {what} \(hạn {due}\)", rf"Trả lại để hoàn thiện: {what}"]
        if not any(re.fullmatch(p, mail.subject) for p in patterns):
            wrong[re.sub(r"\d+", "N", mail.subject)] += 1
    assert wrong == {}


def test_nothing_is_sent_for_a_document_while_it_is_submitted(year):
    sent_while_in = collections.Counter(year.state_at(m.document_id, m.at) for m in year.mails if m.is_reminder)
    assert set(sent_while_in) <= {DocState.DRAFT, DocState.RETURNED}
    assert sent_while_in[DocState.RETURNED] == 2  # unit D, 27/3 and 30/3
    # The demo's own replayed submissions (ad-hoc reports due before the load) stay silent.
    replayed = {doc_id for doc_id, moves in year.states.items() if moves[0][0] < LOADED_AT}
    assert replayed and not [m for m in year.mails if m.document_id in replayed]


def test_unit_a_submitted_before_the_first_reminder_hears_nothing_of_its_sub_plan(year):
    assert year.of(A, SUBPLAN) == []
    assert [s for _, s in year.states[year.doc_id(A, SUBPLAN)]] == [DocState.SUBMITTED, DocState.APPROVED]


def test_unit_b_submitted_on_the_last_day_but_one(year):
    mails = year.of(B, SUBPLAN)
    assert [(m.at, m.subject) for m in mails] == [
        (vn(2026, 3, 24, 8), "Nhắc hạn: Kế hoạch của đơn vị, hạn 31/03/2026 (còn 7 ngày)"),
        (vn(2026, 3, 27, 8), "Nhắc hạn: Kế hoạch của đơn vị, hạn 31/03/2026 (còn 4 ngày)"),
        (vn(2026, 3, 30, 8), "Nhắc hạn: Kế hoạch của đơn vị, hạn 31/03/2026 (còn 1 ngày)"),
    ]
    assert all(m.cc == () for m in mails)


def test_unit_d_is_told_at_once_when_returned_and_reminded_while_returned(year):
    mails = year.of(DD, SUBPLAN)
    assert [(m.at, m.subject) for m in mails] == [
        (vn(2026, 3, 26, 10), "Trả lại để hoàn thiện: Kế hoạch của đơn vị"),
        # 24/3 (7 days) came while submitted: not sent, not sent late either.
        (vn(2026, 3, 27, 8), "Nhắc hạn: Kế hoạch của đơn vị, hạn 31/03/2026 (còn 4 ngày)"),
        (vn(2026, 3, 30, 8), "Nhắc hạn: Kế hoạch của đơn vị, hạn 31/03/2026 (còn 1 ngày)"),
        # Resubmitted 30/3 09:00: nothing on the due date, no overdue notice.
    ]
    returned, *reminders = mails
    assert sorted(returned.to) == sorted([*contacts(DD), staff(DD), head(DD)]) and returned.cc == ()
    assert RETURN_REASON in returned.text and "Trần Thị Mai" in returned.text
    assert all("trả lại để hoàn thiện" in m.text for m in reminders)
    assert [s for _, s in year.states[year.doc_id(DD, SUBPLAN)]] == [
        DocState.SUBMITTED, DocState.RETURNED, DocState.SUBMITTED]


@pytest.mark.parametrize("unit", [A, B, DD])
def test_the_reports_of_the_acting_units_are_reminded_like_everyone_else(year, unit):
    for kind in (SIX_MONTH, ANNUAL):
        assert [(m.day, m.subject) for m in year.of(unit, kind)] == NEVER_SUBMITTED[kind]


def test_totals(year):
    never = {kind: len(NEVER_SUBMITTED[kind]) for kind in PERIODIC}
    reports = never[SIX_MONTH] + never[ANNUAL]
    pinned = {A: reports, B: 3 + reports, C: sum(never.values()), DD: 1 + 2 + reports}
    got = collections.Counter(year.docs[m.document_id].unit for m in year.mails)
    assert {unit: got[unit] for unit in pinned} == pinned == {A: 54, B: 57, C: 105, DD: 57}

    # Every other assigned unit never submits a periodic deliverable: it gets what C gets.
    per_kind = collections.Counter((year.docs[m.document_id].unit, year.docs[m.document_id].kind)
                                   for m in year.mails)
    for unit in ASSIGNED:
        if unit not in pinned:
            assert {kind: per_kind[unit, kind] for kind in PERIODIC} == never, unit
    periodic = sum(n for (unit, kind), n in per_kind.items() if kind is not ADHOC)
    # 22 units never submit the sub-plan (C and 21 others), B and D got 3 and 2 reminders
    # and D one "returned" mail; all 25 get every report reminder.
    assert periodic == 22 * never[SUBPLAN] + 3 + 2 + 1 + 25 * reports == 2478

    # The districts' two ad-hoc reports, asked by the demo relative to "today" (5/1/2026):
    # * due Thu 15/1/2026, open everywhere: 8/1, 12/1, 14/1, 15/1, then Friday notices
    #   16/1/2026 … 26/2/2027 (59), less 20/2/2026 (Tết) merged into Fri 13/2: 62 mails;
    #   1/5/2026 → Wed 29/4, 1/1/2027 → Thu 31/12, 5/2/2027 → Wed 3/2 (shifted, kept).
    # * due Tue 30/12/2025: the demo replayed some districts' submissions (before the
    #   load): they hear nothing; the others get Wednesday notices 7/1/2026 … 24/2/2027
    #   (60), less 10/2/2027 merged into 3/2: 59 (the notice of 31/12/2025 predates the
    #   plan's loading); 18/2/2026 (Tết) → Fri 13/2, 2/9/2026 → Fri 28/8 (kept).
    adhoc = collections.Counter(m.document_id for m in year.mails if year.docs[m.document_id].kind is ADHOC)
    expected = {}
    for doc_id, doc in year.docs.items():
        if doc.kind is ADHOC:
            assert doc.unit in DISTRICTS
            if doc.due_on == D(2026, 1, 15):
                expected[doc_id] = 62
            else:
                assert doc.due_on == D(2025, 12, 30)
                replayed = [s for at, s in year.states.get(doc_id, []) if at < LOADED_AT]
                expected[doc_id] = 0 if replayed else 59
    assert {i: adhoc[i] for i in expected} == expected
    assert len(expected) == 2 * len(DISTRICTS) and 0 < list(expected.values()).count(59) < len(DISTRICTS)

    # And a sanity bound on the whole: at most one mail per deliverable and working day.
    working_days = sum(is_working_day(FIRST_DAY + dt.timedelta(days=n))
                       for n in range((LAST_DAY - FIRST_DAY).days + 1))
    assert len(year.mails) == periodic + sum(adhoc.values()) < len(year.docs) * working_days
    assert 3000 < len(year.mails) < 3500
