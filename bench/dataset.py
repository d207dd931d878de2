"""A national dataset: every province's plans, units, people, documents and their history.

Pure generation: :func:`generate` yields ``(table, columns, rows)`` in foreign-key order,
rows as tuples, one phase at a time (units, people, plans, then the work). The
loader (``bench/load.py``) writes them with PostgreSQL's COPY, or with plain INSERTs
on any database (the tests load small worlds on SQLite and PostgreSQL alike).

The shape follows the country: 63 provinces, each with ~25 departments and ~11
districts of ~15 communes; each province issues one plan a year (five years) assigning
all its units; each assignment owes a sub-plan, a six-month and an annual report, and
most an ad-hoc report (situation as of August). States and dates are what a real year looks like on
``now``: past years almost all approved (a few never sent), this year's sub-plans
approved, six-month reports mostly approved, annual reports mostly still drafts.
Histories are legal paths of the document workflow (submit, return, resubmit, approve).
"""
import datetime as dt
import random
from dataclasses import dataclass

from workflows.deadlines import covered_period, default_due_on
from workflows.enums import DeliverableKind

UTC = dt.timezone.utc
VN = dt.timezone(dt.timedelta(hours=7))
PERIODIC = (DeliverableKind.SUBPLAN, DeliverableKind.SIX_MONTH, DeliverableKind.ANNUAL)
#: The national supervising unit's code; its observer reads the national roll-up.
NATION = "BNNMT"
NATIONAL_OBSERVER = "giamsat.quocgia@bench.gov.vn"
#: Reviewers and admins sit in the department of labour of each province (cơ quan thường trực).
COORDINATOR = "SLDTBXH"
#: Every plan's programme: the 2021–2025 one, the first row the migrations create.
PROGRAMME_ID = 1


@dataclass(frozen=True)
class Spec:
    provinces: int = 63
    departments: int = 25  #: per province, the coordinating one included
    districts: int = 11  #: per province
    communes: int = 15  #: per district
    years: int = 5  #: the last of them is ``now``'s year
    adhoc_share: float = 0.9  #: assignments asked for one ad-hoc report
    seed: int = 2026

    @property
    def units(self):
        return 1 + self.provinces * (1 + self.departments + self.districts * (1 + self.communes))


NATIONAL = Spec()
#: Small worlds for the tests that count queries at two sizes.
TINY = Spec(provinces=2, departments=3, districts=2, communes=2, years=2)
SMALL = Spec(provinces=3, departments=5, districts=3, communes=4, years=2)

PASSWORD_HASH = None  # people log in by token or test session here; set one with the CLI if needed


def _ts(day, hour=9, minute=0):
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=VN).astimezone(UTC)


class _Ids:
    def __init__(self):
        self.next = {}

    def __call__(self, table):
        self.next[table] = self.next.get(table, 0) + 1
        return self.next[table]


def generate(spec, now):
    """Yield (table, columns, rows-iterable) for the whole world, parents first."""
    rnd = random.Random(spec.seed)
    ids = _Ids()
    world = _World(spec, now, rnd, ids)
    yield from world.units()
    yield from world.people()
    yield from world.plans()
    yield from world.work()


class _World:
    def __init__(self, spec, now, rnd, ids):
        self.spec, self.now, self.rnd, self.ids = spec, now, rnd, ids
        self.today = now.astimezone(VN).date()
        self.provinces = []  #: dicts: id, code, units [(id, kind)], coordinator id, people
        self.head_of, self.staff_of = {}, {}  #: unit id → user id
        self.reviewers, self.admins = {}, {}  #: province id → [user ids]

    # -- units ------------------------------------------------------------------------
    def units(self):
        rows, contacts = [], []
        # The ministry that supervises the programme nationally; provinces are below it.
        self.nation = self._unit(rows, NATION, "Bộ Nông nghiệp và Môi trường", "organisation", None)
        for p in range(1, self.spec.provinces + 1):
            code = f"P{p:02d}"
            pid = self._unit(rows, code, f"Tỉnh {p:02d}", "province", self.nation)
            province = dict(id=pid, code=code, units=[], districts=[])
            for d in range(1, self.spec.departments + 1):
                dcode = f"{code}-{COORDINATOR}" if d == 1 else f"{code}-S{d:02d}"
                name = "Sở Lao động - Thương binh và Xã hội" if d == 1 else f"Sở {d:02d}"
                uid = self._unit(rows, dcode, f"{name} tỉnh {p:02d}", "department", pid)
                province["units"].append((uid, "department"))
                if d == 1:
                    province["coordinator"] = uid
            for k in range(1, self.spec.districts + 1):
                kcode = f"{code}-H{k:02d}"
                kid = self._unit(rows, kcode, f"UBND huyện {k:02d} tỉnh {p:02d}", "district", pid)
                province["units"].append((kid, "district"))
                province["districts"].append(kid)
                for c in range(1, self.spec.communes + 1):
                    cid = self._unit(rows, f"{kcode}-X{c:02d}", f"UBND xã {c:02d} huyện {k:02d} tỉnh {p:02d}",
                                     "commune", kid)
                    province["units"].append((cid, "commune"))
            self.provinces.append(province)
        for unit_id, code, *_ in rows:
            contacts.append((self.ids("unit_contacts"), unit_id, f"vanthu.{code.lower()}@bench.gov.vn"))
        yield "units", ("id", "code", "name", "kind", "parent_id", "is_active", "search_text"), rows
        yield "unit_contacts", ("id", "unit_id", "email"), contacts

    def _unit(self, rows, code, name, kind, parent_id):
        uid = self.ids("units")
        rows.append((uid, code, name, kind, parent_id, True, f"{code} {name}".lower()))
        return uid

    # -- people -----------------------------------------------------------------------
    def people(self):
        users, members = [], []

        def person(email, name, *roles_at):
            uid = self.ids("users")
            users.append((uid, email, name, PASSWORD_HASH, True, f"{name} {email}".lower(), None))
            for role, unit_id in roles_at:
                members.append((self.ids("memberships"), uid, unit_id, role))
            return uid

        person(NATIONAL_OBSERVER, "Giám sát quốc gia", ("observer", self.nation))
        for province in self.provinces:
            pid, code = province["id"], province["code"].lower()
            self.admins[pid] = [person(f"quantri.{code}@bench.gov.vn", f"Quản trị {code}", ("admin", pid))]
            person(f"lanhdao.{code}@bench.gov.vn", f"Lãnh đạo {code}", ("observer", pid))
            self.reviewers[pid] = [
                person(f"giamngheo{i}.{code}@bench.gov.vn", f"Chuyên viên giảm nghèo {i} {code}",
                       ("reviewer", province["coordinator"])) for i in (1, 2)]
            for unit_id, _kind in province["units"]:
                self.head_of[unit_id] = person(f"thutruong.u{unit_id}@bench.gov.vn", f"Thủ trưởng {unit_id}",
                                               ("head", unit_id))
                self.staff_of[unit_id] = person(f"chuyenvien.u{unit_id}@bench.gov.vn", f"Chuyên viên {unit_id}",
                                                ("staff", unit_id))
        yield "users", ("id", "email", "full_name", "password_hash", "is_active", "search_text",
                        "calendar_token"), users
        yield "memberships", ("id", "user_id", "unit_id", "role"), members

    # -- plans, assignments, targets ----------------------------------------------------
    def plans(self):
        plans, policies, items = [], [], []
        self.plan_rows = []  #: (plan id, province, year)
        self.item_ids = {}  #: (plan id, kind) → schedule item id
        first = self.today.year - self.spec.years + 1
        for year in range(first, self.today.year + 1):
            for province in self.provinces:
                plan_id = self.ids("plans")
                issued = dt.date(year, 1, 20)
                plans.append((plan_id, province["id"], province["coordinator"], PROGRAMME_ID, year,
                              str(10 + plan_id % 90),
                              "KH-UBND", f"Kế hoạch thực hiện giảm nghèo năm {year}", f"Tỉnh {province['code']}",
                              issued, "", "", _ts(dt.date(year, 1, 5)), _ts(issued, 15), None))
                self.plan_rows.append((plan_id, province, year))
                for dkind in PERIODIC:
                    due = default_due_on(dkind, year)
                    period = covered_period(dkind, year, due)
                    item_id = self.ids("schedule_items")
                    items.append((item_id, plan_id, dkind.value, 1, due, period.start_on, period.end_on))
                    self.item_ids[plan_id, dkind] = item_id
        yield "plans", ("id", "issuing_unit_id", "coordinating_unit_id", "programme_id", "year", "number",
                        "symbol", "title", "place", "issued_on", "legal_bases", "goals", "created_at",
                        "published_at", "copied_from_id"), plans
        yield "schedule_items", ("id", "plan_id", "kind", "occurrence", "due_on", "period_start_on",
                                 "period_end_on"), items
        yield "reminder_policies", ("plan_id", "enabled", "days_before", "first_overdue_after", "overdue_every",
                                    "send_hour", "grace_days", "escalate_overdue"), policies

        assignments, targets = [], []
        self.assignment_rows = []  #: (assignment id, plan id, year, unit id, kind, province, target)
        for plan_id, province, year in self.plan_rows:
            for unit_id, kind in province["units"]:
                aid = self.ids("assignments")
                assignments.append((aid, plan_id, unit_id, "Thực hiện nhiệm vụ theo Kế hoạch.", False))
                target = None
                if kind in ("district", "commune"):
                    target = self._target(unit_id, kind, year)
                    targets.append((self.ids("plan_targets"), plan_id, unit_id, *target.values()))
                self.assignment_rows.append((aid, plan_id, year, unit_id, kind, province, target))
        yield "assignments", ("id", "plan_id", "unit_id", "duties", "is_requested"), assignments
        yield "plan_targets", ("id", "plan_id", "unit_id", "households_start", "poor_start", "poor_rate_start",
                               "poor_reduction", "households_end", "poor_end", "poor_rate_end", "near_poor_start",
                               "near_poor_reduction", "near_poor_end", "ethnic_poor_start"), targets

    def _target(self, unit_id, kind, year):
        rnd = random.Random(unit_id * 10_000 + year)
        households = rnd.randint(1_500, 4_000) if kind == "commune" else rnd.randint(20_000, 60_000)
        poor = int(households * rnd.uniform(0.03, 0.20))
        reduction = max(1, int(poor * rnd.uniform(0.15, 0.35)))
        end_households = households + int(households * 0.01)
        near = int(households * rnd.uniform(0.03, 0.10))
        near_reduction = int(near * 0.2)
        return dict(households_start=households, poor_start=poor,
                    poor_rate_start=round(100 * poor / households, 2), poor_reduction=reduction,
                    households_end=end_households, poor_end=poor - reduction,
                    poor_rate_end=round(100 * (poor - reduction) / end_households, 2), near_poor_start=near,
                    near_poor_reduction=near_reduction, near_poor_end=near - near_reduction,
                    ethnic_poor_start=int(poor * rnd.uniform(0.2, 0.8)))

    # -- deliverables, documents, versions, history, reminder ledger ---------------------
    def work(self):
        deliverables, documents, versions, log, ledger = [], [], [], [], []
        for aid, plan_id, year, unit_id, _kind, province, target in self.assignment_rows:
            wanted = list(PERIODIC)
            if self.rnd.random() < self.spec.adhoc_share:
                wanted.append(DeliverableKind.ADHOC)
            for dkind in wanted:
                if dkind is DeliverableKind.ADHOC:
                    due = dt.date(year, 9, 10)
                    period = covered_period(dkind, year, dt.date(year, 8, 31))
                    title = f"Tình hình thực hiện đến tháng 8 năm {year}"
                    item_id = None
                else:
                    item_id = self.item_ids[plan_id, dkind]
                    due = default_due_on(dkind, year)
                    period = covered_period(dkind, year, due)
                    title = ""
                did = self.ids("deliverables")
                deliverables.append((did, aid, dkind.value, title, period.start_on, period.end_on, due, item_id))
                self._document(did, dkind, due, unit_id, province, target, documents, versions, log, ledger)
        yield "deliverables", ("id", "assignment_id", "kind", "title", "period_start_on", "period_end_on",
                               "due_on", "schedule_item_id"), deliverables
        yield "documents", ("id", "deliverable_id", "state", "current_version_no", "submitted_by_id",
                            "submitted_at", "approved_by_id", "approved_at", "lock_version",
                            "next_reminder_at"), documents
        yield "document_versions", ("id", "document_id", "number", "content", "created_at", "created_by_id",
                                    "updated_at", "updated_by_id", "approved_at"), versions
        yield "transition_log", ("id", "document_id", "version_no", "trigger", "from_state", "to_state",
                                 "actor_id", "comment", "created_at"), log
        yield "reminders", ("id", "deliverable_id", "key", "nominal_on", "send_on", "due_on", "escalated",
                            "status", "reason", "created_at", "updated_at"), ledger

    def _state(self, kind, due):
        """A realistic state for a deliverable due on ``due`` (seen from today)."""
        r = self.rnd.random()
        days_left = (due - self.today).days
        if days_left > 30:
            return "draft" if r < 0.97 else "submitted"
        if days_left > 0:  # the last month: most still drafting
            return "draft" if r < 0.70 else "submitted" if r < 0.90 else "returned" if r < 0.95 else "approved"
        if days_left > -60:
            return "approved" if r < 0.75 else "submitted" if r < 0.88 else "returned" if r < 0.93 else "draft"
        return "approved" if r < 0.975 else "draft" if r < 0.99 else "submitted"

    def _document(self, did, kind, due, unit_id, province, target, documents, versions, log, ledger):
        rnd = self.rnd
        doc_id = self.ids("documents")
        state = self._state(kind, due)
        head, staff = self.head_of[unit_id], self.staff_of[unit_id]
        reviewer = rnd.choice(self.reviewers[province["id"]])
        created = _ts(dt.date(due.year, 1, 20), 15)
        # History: rounds of (submit, return), then the final moves for the state.
        returns = 0
        if state in ("approved", "submitted", "returned"):
            r = rnd.random()  # about one return per document: reviewers send back for corrections
            returns = 0 if r < 0.30 else 1 if r < 0.70 else 2 if r < 0.92 else 3
            if state == "returned":
                returns = max(1, returns)
        first_submit = due - dt.timedelta(days=rnd.randint(0, 12)) if rnd.random() < 0.85 else \
            due + dt.timedelta(days=rnd.randint(1, 20))
        moment = min(_ts(first_submit, 8 + rnd.randint(0, 8), rnd.randint(0, 59)), self.now - dt.timedelta(days=1))
        moves = []
        for _ in range(returns):
            moves.append(("submit", "draft" if not moves else "returned", "submitted", head, moment, ""))
            moment += dt.timedelta(hours=rnd.randint(4, 72))
            moves.append(("return", "submitted", "returned", reviewer, moment, "Đề nghị bổ sung số liệu."))
            moment += dt.timedelta(hours=rnd.randint(4, 96))
        if state in ("submitted", "approved"):
            moves.append(("submit", "returned" if returns else "draft", "submitted", head, moment, ""))
            if state == "approved":
                moment += dt.timedelta(hours=rnd.randint(2, 120))
                moves.append(("approve", "submitted", "approved", reviewer, moment, ""))
        if moves and moves[-1][4] >= self.now:  # nothing in the future: the same story, earlier
            shift = moves[-1][4] - (self.now - dt.timedelta(hours=1))
            moves = [(*m[:4], m[4] - shift, m[5]) for m in moves]
        submitted_at = next((m[4] for m in reversed(moves) if m[0] == "submit"), None)
        approved_at = moves[-1][4] if state == "approved" else None
        documents.append((doc_id, did, state, 1, head if submitted_at else None, submitted_at,
                          reviewer if approved_at else None, approved_at, 1 + len(moves), None))
        versions.append((self.ids("document_versions"), doc_id, 1,
                         self._content(kind, target, state), created,
                         None, moves[-1][4] if moves else None, staff if moves else None, approved_at))
        for trigger, source, dest, actor, at, comment in moves:
            log.append((self.ids("transition_log"), doc_id, 1, trigger, source, dest, actor, comment, at))
        # The reminders the sweep recorded while the document was open.
        open_until = submitted_at.astimezone(VN).date() if submitted_at else self.today
        for days in (7, 3, 1):
            nominal = due - dt.timedelta(days=days)
            if nominal <= min(open_until, self.today):
                ledger.append((self.ids("reminders"), did, f"before-{days}", nominal, nominal, due, False, "sent", "",
                               _ts(nominal, 8), _ts(nominal, 8, 5)))

    def _content(self, kind, target, state):
        if kind is DeliverableKind.SUBPLAN:
            content = {"tasks": "Triển khai các dự án, tiểu dự án của Chương trình MTQG giảm nghèo bền vững.",
                       "responsible": "Phòng Lao động - Thương binh và Xã hội", "timeline": "Cả năm"}
            if target is not None:
                content["target"] = {k: target[k] for k in ("households_start", "poor_start", "poor_reduction",
                                                              "households_end", "poor_end")}
            return content
        if state == "draft" and self.rnd.random() < 0.5:
            return {}
        content = {"results": "Đã triển khai đầy đủ các chính sách hỗ trợ hộ nghèo, hộ cận nghèo.",
                   "difficulties": "Nguồn lực còn hạn chế.", "proposals": "Đề nghị bổ sung vốn."}
        if target is not None:
            share = 1.0 if kind is DeliverableKind.ANNUAL else 0.5
            escaped = int(target["poor_reduction"] * share * self.rnd.uniform(0.9, 1.2))
            new = int(escaped * self.rnd.uniform(0.05, 0.15))
            back = int(escaped * self.rnd.uniform(0.0, 0.05))
            content["figures"] = {
                "households_end": target["households_end"], "poor_start": target["poor_start"],
                "poor_escaped": escaped, "poor_new": new, "poor_fell_back": back,
                "poor_end": target["poor_start"] - escaped + new + back,
            }
        return content
