"""Load the demo: the Đắk Nông 2023 and Ninh Thuận 2022 plans, each with its units,
people and the plan re-dated to this year, its indicators, and a year of work in every
state (approved, submitted, returned, drafts, overdue, upcoming).

Each province is a seed module (``dak_nong``, ``ninh_thuan``): data only, read here.
Idempotent: units are matched by code, users by email, a plan by issuer, year and
number; running it twice changes nothing the second time.
"""
import datetime as dt
import logging

from werkzeug.security import generate_password_hash

from workflows import reminders as reminder_rules
from workflows.enums import (
    DeliverableKind,
    Direction,
    IndicatorKind,
    MailStatus,
    MeasureUnit,
    ReminderStatus,
    Role,
    Trigger,
    UnitKind,
)

from ..auth.models import Membership, User, password_method
from ..clock import VN_TZ, local_now
from ..documents import operations as doc_ops
from ..extensions import db
from ..outbox.models import OutboxMessage
from ..plans import indicators as indicator_ops
from ..plans import operations as plan_ops
from ..plans.models import Plan
from ..reminders.models import DEFAULT_RULES, Reminder
from ..reminders.sweep import sweep
from ..units.models import Unit, UnitContact
from . import dak_nong, ninh_thuan
from .content import content as _content

log = logging.getLogger(__name__)

DEMO_PASSWORD = "demo-giamngheo"
#: The provinces of the demo, in the order they are loaded.
PROVINCES = (dak_nong, ninh_thuan)

_SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
_MIDDLE = ["Văn", "Thị", "Hữu", "Thanh", "Minh", "Quốc", "Ngọc", "Đức"]
_GIVEN = ["An", "Bảo", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hoa", "Hùng", "Khánh", "Lan", "Long", "Nam",
          "Nga", "Phúc", "Quang", "Sơn", "Tâm", "Thảo", "Trung", "Tuấn", "Vân", "Yến", "Xuân"]


def _person(i):
    return f"{_SURNAMES[i % len(_SURNAMES)]} {_MIDDLE[(i // 3) % len(_MIDDLE)]} {_GIVEN[(i * 7) % len(_GIVEN)]}"


class _Cast:
    """One province being loaded: its seed, units by code, people by (unit code, login's first word)."""

    def __init__(self, seed, units, users):
        self.seed, self.units, self.users = seed, units, users
        self.plan = None

    def admin(self):
        return self.users[(self.seed.ISSUING_UNIT, "quantri")]


def load(seeds=PROVINCES):
    """Load the provinces of ``seeds``; return their plans, in order.

    The years of the plans loaded now are replayed together, in time order, so that the
    reminder sweeps see every plan as it stood on each day."""
    password_hash = generate_password_hash(DEMO_PASSWORD, method=password_method())  # one for all: scrypt is slow
    casts, new = [], []
    for seed in seeds:
        units = _load_units(seed)
        cast = _Cast(seed, units, _load_users(seed, units, password_hash))
        cast.plan, created = _load_plan(cast)
        casts.append(cast)
        if created:
            new.append(cast)
    if new:
        _play_the_year(new)
    db.session.flush()
    return [cast.plan for cast in casts]


def _load_units(seed):
    codes = [row["code"] for row in seed.UNITS]
    units = {u.code: u for u in db.session.scalars(db.select(Unit).where(Unit.code.in_(codes)))}
    for row in seed.UNITS:
        unit = units.get(row["code"])
        if unit is None:
            unit = units[row["code"]] = Unit(code=row["code"])
            db.session.add(unit)
        unit.name, unit.kind = row["name"], UnitKind(row["kind"])
        unit.parent = units[row["parent"]] if row["parent"] else None
        have = {c.email for c in unit.contacts}
        for email in row["emails"]:
            if email.lower() not in have:
                unit.contacts.append(UnitContact(email=email.lower()))
    db.session.flush()
    return units


def _slug(seed, code):
    """A unit's code as its people's logins spell it: "thutruong.<slug>@…"."""
    return code.removeprefix(getattr(seed, "CODE_PREFIX", "")).lower()


def _load_users(seed, units, password_hash):
    domain = seed.DEMO_EMAIL_DOMAIN
    existing = {u.email: u for u in db.session.scalars(db.select(User).where(User.email.like(f"%@{domain}")))}
    people = {code: [(local, name, [Role(r) for r in roles]) for local, name, roles in rows]
              for code, rows in seed.PEOPLE.items()}
    assigned = {a["unit"] for a in seed.ASSIGNMENTS}
    for i, code in enumerate(sorted(assigned)):
        slug = _slug(seed, code)
        people.setdefault(code, [])
        if not any(Role.HEAD in roles for _, _, roles in people[code]):
            people[code].append((f"thutruong.{slug}", _person(i), [Role.HEAD]))
        people[code].append((f"canbo.{slug}", _person(i + 40), [Role.STAFF]))
    users = {}
    for code, rows in people.items():
        for local, name, roles in rows:
            email = f"{local}@{domain}"
            user = existing.get(email)
            if user is None:
                user = User(email=email, full_name=name, password_hash=password_hash)
                db.session.add(user)
                existing[email] = user
            have = {(m.unit_id, m.role) for m in user.memberships}
            for role in roles:
                if (units[code].id, role) not in have:
                    user.memberships.append(Membership(unit_id=units[code].id, role=role))
            users[(code, local.split(".")[0])] = user
    db.session.flush()
    return users


def _schedule(seed, year):
    """The plan's schedule: what it asks, by when ({field name: date})."""
    return {f"{kind}_due_on": dt.date(year, month, day) for kind, (month, day) in seed.DEADLINES.items()}


def _load_plan(cast):
    """The province's plan of this year: (plan, whether it was made now)."""
    seed, units = cast.seed, cast.units
    year = local_now().year
    issuer, coordinator = units[seed.ISSUING_UNIT], units[seed.COORDINATING_UNIT]
    plan = db.session.scalar(db.select(Plan).where(
        Plan.issuing_unit_id == issuer.id, Plan.year == year, Plan.number == seed.PLAN["number"]))
    if plan is not None:
        log.info("demo plan %s already loaded", plan.id)
        return plan, False
    admin = cast.admin()
    month, day = seed.PLAN["issued_month_day"]
    goals = "\n\n".join(filter(None, [seed.PLAN["goals"], seed.PLAN.get("indicators")]))
    plan = plan_ops.create_plan(
        admin, issuer, coordinator,
        year=year, number=seed.PLAN["number"], symbol=seed.PLAN["symbol"],
        title=seed.PLAN["title_template"].format(year=year, prev_year=year - 1),
        place=seed.PLAN["place"], issued_on=dt.date(year, month, day),
        legal_bases="\n".join(seed.PLAN["legal_bases"]),
        goals=dak_nong.redate(goals, year), schedule=_schedule(seed, year),
    )
    for row in seed.ASSIGNMENTS:
        plan_ops.assign_units(admin, plan, [units[row["unit"]]], dak_nong.redate(row["duties"], year),
                              row["requested"])
    # Near-poor households too, where the seed gives them (neither seed does).
    target_fields = ("households_start", "poor_start", "poor_rate_start", "poor_reduction",
                     "households_end", "poor_end", "poor_rate_end", "near_poor_start", "near_poor_rate_start",
                     "near_poor_reduction", "near_poor_end", "near_poor_rate_end")
    for row in seed.TARGETS:
        plan_ops.set_target(admin, plan, units[row["unit"]], **{f: row[f] for f in target_fields if f in row})
    _add_indicators(cast, plan)
    _ask_adhoc(admin, plan)
    plan_ops.publish_plan(admin, plan)
    return plan, True


def _add_indicators(cast, plan):
    """The plan's own indicators (``seed.INDICATORS``), each with the units that report it."""
    admin = cast.admin()
    by_unit = {a.unit.code: a.id for a in plan.assignments}
    for row in getattr(cast.seed, "INDICATORS", ()):
        indicator = indicator_ops.add_indicator(
            admin, plan, code=row["code"], name=row["name"], unit=MeasureUnit(row["unit"]),
            kind=IndicatorKind(row["kind"]), direction=Direction(row["direction"]),
            numerator_code=row.get("numerator"), denominator_code=row.get("denominator"),
            target=row["target"], is_required=row["required"])
        indicator_ops.set_reporters(admin, indicator, {by_unit[code]: None for code in row["reporters"]})


def _ask_adhoc(admin, plan):
    """One ad-hoc report already overdue and one coming up, from the districts."""
    today = local_now().date()
    districts = [a for a in plan.assignments if a.unit.kind is UnitKind.DISTRICT]
    past_due = today - dt.timedelta(days=6)
    past_end = past_due - dt.timedelta(days=3)
    plan_ops.add_adhoc_report(admin, plan, f"Tình hình thực hiện giảm nghèo đến tháng {past_due.month}",
                              past_due, dt.date(past_end.year, 1, 1), past_end, districts)
    next_due = today + dt.timedelta(days=10)
    plan_ops.add_adhoc_report(admin, plan, "Báo cáo nhanh kết quả rà soát hộ nghèo, hộ cận nghèo",
                              next_due, dt.date(today.year, 1, 1), today, districts)


# What happens to each deliverable kind, by position of the unit in the plan. Each
# script is a list of (trigger, days relative to the due date, who, comment).
_SUBMIT = (Trigger.SUBMIT, -4, "head", "")
_SUBMIT_LATE = (Trigger.SUBMIT, 3, "head", "")
_APPROVE = (Trigger.APPROVE, 3, "reviewer", "Đồng ý, đề nghị đơn vị tổ chức thực hiện.")
_RETURN = (Trigger.RETURN, 2, "reviewer2", None)  # the reason fits the document: see _return_reason
_RESUBMIT = (Trigger.SUBMIT, 5, "head", "Đã bổ sung theo ý kiến của Sở.")
_APPROVE_RESUBMITTED = (Trigger.APPROVE, 7, "reviewer", "Đồng ý với bản đã bổ sung.")
_WITHDRAW = (Trigger.WITHDRAW, -3, "head", "Rút lại để cập nhật số liệu tháng cuối.")

SCRIPTS = {
    DeliverableKind.SUBPLAN: [
        [_SUBMIT, _APPROVE],
        [_SUBMIT, _RETURN, _RESUBMIT, _APPROVE_RESUBMITTED],
        [_SUBMIT, _APPROVE],
        [_SUBMIT, _RETURN],
        [_SUBMIT_LATE],
        [],
    ],
    DeliverableKind.SIX_MONTH: [
        [_SUBMIT, _APPROVE],
        [_SUBMIT],
        [_SUBMIT, _RETURN],
        [_SUBMIT, _WITHDRAW],
        [],
    ],
    DeliverableKind.ANNUAL: [[], [], [(Trigger.SUBMIT, -30, "head", "")], []],
    DeliverableKind.ADHOC: [[_SUBMIT, _APPROVE], [], [_SUBMIT], []],
}


def _return_reason(deliverable, content, target):
    """Why the coordinating unit returns this document: a reason that fits what it contains."""
    if deliverable.kind is DeliverableKind.SUBPLAN:
        typed = (content.get("target") or {}).get("poor_reduction")
        if target is not None and typed is not None and typed < target.poor_reduction:
            return (f"Chỉ tiêu giảm hộ nghèo của đơn vị ({typed} hộ) thấp hơn chỉ tiêu Kế hoạch của tỉnh giao "
                    f"({target.poor_reduction} hộ); đề nghị điều chỉnh cho khớp với Kế hoạch của tỉnh, bổ sung "
                    "giải pháp hỗ trợ các hộ khó thoát nghèo.")
        return ("Kế hoạch mới nêu trách nhiệm chung của Thủ trưởng đơn vị; đề nghị phân công cụ thể bộ phận chủ "
                "trì, phối hợp và thời hạn hoàn thành từng nhiệm vụ được giao.")
    period = "6 tháng đầu năm" if deliverable.kind is DeliverableKind.SIX_MONTH else "kỳ báo cáo"
    return (f"Báo cáo chưa nêu kết quả cụ thể của từng nhiệm vụ được giao trong {period} (số liệu, tiến độ so "
            "với Kế hoạch); đề nghị bổ sung, nêu rõ nhiệm vụ chưa hoàn thành và nguyên nhân.")


def _moment(due_on, days, index, step):
    """A working-hours moment near the due date (it may lie in the future: then it has not happened)."""
    return dt.datetime.combine(due_on + dt.timedelta(days=days), dt.time(8 + index % 8, 10 * step % 60), VN_TZ)


def _play_the_year(casts):
    """Replay the year of the plans in ``casts`` in time order: drafting, the scripted
    moves, and the reminder sweeps the scheduler would have run on each day a reminder
    was due.

    No mail leaves the machine: messages of past days are recorded as delivered (demo
    history, like the scripted moves); today's stay queued in the outbox.
    """
    events = [(at, 1, move) for cast in casts for at, move in _scripted_moves(cast)]
    events += [(at, 0, None) for at in _sweep_moments([cast.plan for cast in casts])]
    for at, _order, move in sorted(events, key=lambda e: (e[0], e[1])):
        if move is None:
            sweep(at)
            _delivered_as_history(at)
        else:
            doc, actor, trigger, comment = move
            doc_ops.transition(doc, actor, trigger, comment, at=at)
    _delivered_as_history(local_now().replace(hour=0, minute=0, second=0, microsecond=0))


def _scripted_moves(cast):
    """Each assigned unit's staff drafts its documents (saved now, dated before their due
    dates); yield the moves of their scripts that lie in the past: (moment, move)."""
    plan, users, coordinating = cast.plan, cast.users, cast.seed.COORDINATING_UNIT
    reviewers = {"reviewer": users[(coordinating, "truongphong")], "reviewer2": users[(coordinating, "chuyenvien")]}
    for index, assignment in enumerate(sorted(plan.assignments, key=lambda a: a.id)):
        code = assignment.unit.code
        actors = {**reviewers, "head": users[(code, "thutruong")] if (code, "thutruong") in users
                  else users[(code, "giamdoc")], "staff": users[(code, "canbo")]}
        target = next((t for t in plan.targets if t.unit_id == assignment.unit_id), None)
        for deliverable in assignment.deliverables:
            doc = deliverable.document
            scripts = SCRIPTS[deliverable.kind]
            script = scripts[index % len(scripts)]
            content = _content(cast.seed, deliverable, assignment, target)
            drafted_at = min(_moment(deliverable.due_on, -12, index, 0), local_now() - dt.timedelta(days=1))
            doc_ops.save_content(doc, actors["staff"], content, doc.lock_version, at=drafted_at)
            for step, (trigger, days, who, comment) in enumerate(script, start=1):
                at = _moment(deliverable.due_on, days, index, step)
                if at > local_now():
                    break
                if comment is None:
                    comment = _return_reason(deliverable, content, target)
                yield at, (doc, actors[who], trigger, comment)


def _sweep_moments(plans):
    """The moments, before now, at which some reminder of the plans was due."""
    days = set()
    until = local_now().date()
    for plan in plans:
        for assignment in plan.assignments:
            for deliverable in assignment.deliverables:
                days.update(r.send_on for r in reminder_rules.schedule(deliverable.due_on, DEFAULT_RULES,
                                                                        until=until))
    moments = [dt.datetime.combine(day, dt.time(DEFAULT_RULES.send_hour), VN_TZ) for day in sorted(days)]
    return [m for m in moments if m <= local_now()]


def _delivered_as_history(before):
    """Demo only: what the scheduler queued before ``before`` counts as delivered then."""
    for message in db.session.scalars(db.select(OutboxMessage).where(
            OutboxMessage.status == MailStatus.QUEUED, OutboxMessage.created_at < before)):
        message.status, message.attempts = MailStatus.SENT, 1
        message.sent_at = message.created_at + dt.timedelta(minutes=1)
        if message.reminder_id is not None:
            db.session.get(Reminder, message.reminder_id).status = ReminderStatus.SENT
    db.session.flush()
