"""Load the Đắk Nông demo: its units, people, the plan re-dated to this year, and a
year of work in every state (approved, submitted, returned, drafts, overdue, upcoming).

Idempotent: units are matched by code, users by email, the plan by issuer, year and
number; running it twice changes nothing the second time.
"""
import datetime as dt
import logging
from decimal import Decimal

from workflows import reminders as reminder_rules
from workflows.enums import (
    DeliverableKind,
    MailStatus,
    ReminderStatus,
    Role,
    Trigger,
    UnitKind,
)

from ..auth.models import Membership, User
from ..budget.models import BudgetItem
from ..clock import VN_TZ, local_now
from ..documents import operations as doc_ops
from ..extensions import db
from ..outbox.models import OutboxMessage
from ..plans import operations as plan_ops
from ..plans.models import Plan
from ..reminders.models import DEFAULT_RULES, Reminder
from ..reminders.sweep import sweep
from ..units.models import Unit, UnitContact
from . import dak_nong as seed

log = logging.getLogger(__name__)

DEMO_PASSWORD = "demo-giamngheo"

# People of the demo, by unit code: (email local part, full name, roles).
_NAMED = {
    "UBND-DNO": [("quantri", "Quản trị hệ thống", [Role.ADMIN]),
                 ("lanhdao", "Tôn Thị Ngọc Hạnh", [Role.OBSERVER])],
    "SLDTBXH": [("truongphong.giamngheo", "Nguyễn Văn Bình", [Role.REVIEWER, Role.ADMIN]),
                ("chuyenvien.giamngheo", "Trần Thị Mai", [Role.REVIEWER]),
                ("giamdoc", "Lê Văn Cường", [Role.HEAD])],
    "MTTQ": [("giamsat", "H'Hương Niê", [Role.OBSERVER])],
    # A district's own administrator, as the province admin hands out: manages the
    # district's units and people, nothing above or beside it.
    "KRONG-NO": [("quantri.krong-no", "Đinh Văn Quý", [Role.ADMIN])],
}
_SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
_MIDDLE = ["Văn", "Thị", "Hữu", "Thanh", "Minh", "Quốc", "Ngọc", "Đức"]
_GIVEN = ["An", "Bảo", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hoa", "Hùng", "Khánh", "Lan", "Long", "Nam",
          "Nga", "Phúc", "Quang", "Sơn", "Tâm", "Thảo", "Trung", "Tuấn", "Vân", "Yến", "Xuân"]


def _person(i):
    return f"{_SURNAMES[i % len(_SURNAMES)]} {_MIDDLE[(i // 3) % len(_MIDDLE)]} {_GIVEN[(i * 7) % len(_GIVEN)]}"


def load():
    """Load everything; return the plan."""
    units = _load_units()
    users = _load_users(units)
    plan = _load_plan(units, users)
    db.session.flush()
    return plan


def _load_units():
    units = {u.code: u for u in db.session.scalars(db.select(Unit))}
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


def _load_users(units):
    existing = {u.email: u for u in db.session.scalars(db.select(User))}
    people = {code: list(rows) for code, rows in _NAMED.items()}
    assigned = {a["unit"] for a in seed.ASSIGNMENTS}
    for i, code in enumerate(sorted(assigned)):
        slug = code.lower()
        people.setdefault(code, [])
        if not any(Role.HEAD in roles for _, _, roles in people[code]):
            people[code].append((f"thutruong.{slug}", _person(i), [Role.HEAD]))
        people[code].append((f"canbo.{slug}", _person(i + 40), [Role.STAFF]))
    users = {}
    for code, rows in people.items():
        for local, name, roles in rows:
            email = f"{local}@{seed.DEMO_EMAIL_DOMAIN}"
            user = existing.get(email)
            if user is None:
                user = User(email=email, full_name=name)
                user.set_password(DEMO_PASSWORD)
                db.session.add(user)
                existing[email] = user
            have = {(m.unit_id, m.role) for m in user.memberships}
            for role in roles:
                if (units[code].id, role) not in have:
                    user.memberships.append(Membership(unit_id=units[code].id, role=role))
            users[(code, local.split(".")[0])] = user
    db.session.flush()
    return users


def _load_plan(units, users):
    year = local_now().year
    issuer, coordinator = units[seed.ISSUING_UNIT], units[seed.COORDINATING_UNIT]
    plan = db.session.scalar(db.select(Plan).where(
        Plan.issuing_unit_id == issuer.id, Plan.year == year, Plan.number == seed.PLAN["number"]))
    if plan is not None:
        log.info("demo plan %s already loaded", plan.id)
        return plan
    admin = users[("UBND-DNO", "quantri")]
    month, day = seed.PLAN["issued_month_day"]
    plan = plan_ops.create_plan(
        admin, issuer, coordinator,
        year=year, number=seed.PLAN["number"], symbol=seed.PLAN["symbol"],
        title=seed.PLAN["title_template"].format(year=year, prev_year=year - 1),
        place=seed.PLAN["place"], issued_on=dt.date(year, month, day),
        legal_bases="\n".join(seed.PLAN["legal_bases"]),
        goals=seed.redate("\n\n".join([seed.PLAN["goals"], seed.PLAN["indicators"]]), year),
    )  # the usual schedule: a sub-plan by 31/3, reports by 15/6 and 15/12
    for row in seed.ASSIGNMENTS:
        plan_ops.assign_units(admin, plan, [units[row["unit"]]], seed.redate(row["duties"], year), row["requested"])
    # Near-poor households too, where the seed gives them (the Đắk Nông plan does not).
    target_fields = ("households_start", "poor_start", "poor_rate_start", "poor_reduction",
                     "households_end", "poor_end", "poor_rate_end", "near_poor_start", "near_poor_rate_start",
                     "near_poor_reduction", "near_poor_end", "near_poor_rate_end")
    for row in seed.TARGETS:
        plan_ops.set_target(admin, plan, units[row["unit"]], **{f: row[f] for f in target_fields if f in row})
    _ask_adhoc(admin, plan)
    plan_ops.publish_plan(admin, plan)
    _play_the_year(plan, users)
    return plan


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


def _play_the_year(plan, users):
    """Replay the year in time order: drafting, the scripted moves, and the reminder
    sweeps the scheduler would have run on each day a reminder was due.

    No mail leaves the machine: messages of past days are recorded as delivered (demo
    history, like the scripted moves); today's stay queued in the outbox.
    """
    reviewers = {"reviewer": users[("SLDTBXH", "truongphong")], "reviewer2": users[("SLDTBXH", "chuyenvien")]}
    events = []
    for index, assignment in enumerate(sorted(plan.assignments, key=lambda a: a.id)):
        code = assignment.unit.code
        actors = {**reviewers, "head": users[(code, "thutruong")] if (code, "thutruong") in users
                  else users[(code, "giamdoc")], "staff": users[(code, "canbo")]}
        target = next((t for t in plan.targets if t.unit_id == assignment.unit_id), None)
        for deliverable in assignment.deliverables:
            doc = deliverable.document
            scripts = SCRIPTS[deliverable.kind]
            script = scripts[index % len(scripts)]
            content = _content(deliverable, assignment, target)
            drafted_at = min(_moment(deliverable.due_on, -12, index, 0), local_now() - dt.timedelta(days=1))
            doc_ops.save_content(doc, actors["staff"], content, doc.lock_version, at=drafted_at)
            for step, (trigger, days, who, comment) in enumerate(script, start=1):
                at = _moment(deliverable.due_on, days, index, step)
                if at > local_now():
                    break
                if comment is None:
                    comment = _return_reason(deliverable, content, target)
                events.append((at, 1, (doc, actors[who], trigger, comment)))
    for at in _sweep_moments(plan):
        events.append((at, 0, None))
    for at, _order, move in sorted(events, key=lambda e: (e[0], e[1])):
        if move is None:
            sweep(at)
            _delivered_as_history(at)
        else:
            doc, actor, trigger, comment = move
            doc_ops.transition(doc, actor, trigger, comment, at=at)
    _delivered_as_history(local_now().replace(hour=0, minute=0, second=0, microsecond=0))


def _sweep_moments(plan):
    """The moments, before now, at which some reminder of the plan was due."""
    days = set()
    until = local_now().date()
    for assignment in plan.assignments:
        for deliverable in assignment.deliverables:
            days.update(r.send_on for r in reminder_rules.schedule(deliverable.due_on, DEFAULT_RULES, until=until))
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


#: A district whose sub-plan sets itself a smaller reduction than the plan's row (and
#: explains it): the coordinating unit returns it because the targets do not match.
_SHORT_OF_TARGET = {"DAK-RLAP": (20, "Huyện đề xuất giảm {typed} hộ nghèo: {short} hộ nghèo do tai nạn, bệnh "
                                     "hiểm nghèo, khó có khả năng thoát nghèo trong năm.")}


def _content(deliverable, assignment, target):
    unit = assignment.unit.name
    budget = _budget(deliverable, assignment, target)
    if deliverable.kind is DeliverableKind.SUBPLAN:
        figures, notes = {}, {}
        if target is not None:
            figures = {f: getattr(target, f) for f in ("households_start", "poor_start", "poor_reduction",
                                                       "households_end", "poor_end")}
            if assignment.unit.code in _SHORT_OF_TARGET:
                short, why = _SHORT_OF_TARGET[assignment.unit.code]
                figures["poor_reduction"] -= short
                figures["poor_end"] += short
                why = why.format(typed=figures["poor_reduction"], short=short)
                notes = {"poor_reduction_below_plan:poor_reduction": why}  # the warning, explained
        return {
            "tasks": f"Triển khai các nhiệm vụ được giao tại Kế hoạch:\n{assignment.duties}",
            "responsible": f"Thủ trưởng {unit} chịu trách nhiệm chung; bộ phận chuyên môn theo dõi, tổng hợp.",
            "timeline": "Quý I–II: ban hành kế hoạch; Quý II–III: tổ chức thực hiện; Quý IV: đánh giá, tổng kết.",
            "notes": "",
            "target": figures,
            "budget": budget,
            **({"acknowledged": notes} if notes else {}),
        }
    return {
        "results": f"{unit} đã tổ chức triển khai các nhiệm vụ được giao; "
                   "các chính sách hỗ trợ hộ nghèo, hộ cận nghèo được thực hiện kịp thời, đúng đối tượng.",
        "difficulties": "Nguồn vốn sự nghiệp phân bổ chậm; một số hộ nghèo thiếu đất sản xuất.",
        "proposals": "Đề nghị Sở Tài chính sớm phân bổ kinh phí sự nghiệp năm nay.",
        "next_steps": "Tiếp tục rà soát, hỗ trợ sinh kế cho hộ nghèo, hộ cận nghèo.",
        "figures": _results(deliverable, target),
        "budget": budget,
    }


#: Share of the year's work done by the end of a report's period (invented for the demo).
_PROGRESS = {DeliverableKind.SIX_MONTH: 0.55, DeliverableKind.ADHOC: 0.8, DeliverableKind.ANNUAL: 1.04}


def _results(deliverable, target):
    """A district's results for the period, consistent with its targets (invented, adding up)."""
    if target is None or target.poor_start is None:
        return {}
    progress = _PROGRESS[deliverable.kind]
    start = target.poor_start
    new, fell_back = max(1, start // 120), start // 400
    escaped = round(target.poor_reduction * progress) + new + fell_back
    households = target.households_start + round((target.households_end - target.households_start) * min(progress, 1))
    near_start = round(start * 0.85)
    near_escaped, near_new = round(near_start * 0.2 * progress), round(near_start * 0.08)
    return {"households_end": households, "poor_start": start, "poor_escaped": escaped, "poor_new": new,
            "poor_fell_back": fell_back, "poor_end": start - escaped + new + fell_back,
            "near_poor_start": near_start, "near_poor_escaped": near_escaped, "near_poor_new": near_new,
            "near_poor_fell_back": 0, "near_poor_end": near_start - near_escaped + near_new,
            "ethnic_poor_end": round((start - escaped + new + fell_back) * 0.6)}


#: Which program lines each demo unit manages: (catalog code, source cell, million VND per poor
#: household for districts or a fixed amount for departments). Invented for the demo.
_DISTRICT_LINES = [("DA1.TDA1", "central_investment", 9.0), ("DA3.TDA1", "central_recurrent", 2.4),
                   ("DA3.TDA1", "local_recurrent", 0.3), ("DA4.TDA3", "central_recurrent", 0.5),
                   ("DA5", "central_recurrent", 1.2), ("DA5", "other", 0.6)]
_DEPARTMENT_LINES = {"SLDTBXH": [("DA4.TDA1", "central_recurrent", 1850), ("DA7.TDA1", "central_recurrent", 620),
                                 ("DA7.TDA2", "local_recurrent", 180)],
                     "STTTT": [("DA6.TDA1", "central_recurrent", 540), ("DA6.TDA2", "central_recurrent", 310)],
                     "SYT": [("DA3.TDA2", "central_recurrent", 760)],
                     "SNNPTNT": [("DA2", "central_recurrent", 1240), ("DA2", "local_recurrent", 150)],
                     # The others carry what their duties cost: monitoring, capacity, communication.
                     "SKHDT": [("DA7.TDA2", "central_recurrent", 120)],
                     "STC": [("DA7.TDA2", "local_recurrent", 60)],
                     "SGDDT": [("DA7.TDA1", "central_recurrent", 90)],
                     "SXD": [("DA5", "local_recurrent", 250)],
                     "STP": [("DA6.TDA2", "local_recurrent", 40)],
                     "NHCSXH": [("DA6.TDA2", "other", 30)],
                     "CTK": [("DA7.TDA2", "central_recurrent", 150)],
                     "BHXH": [("DA6.TDA2", "local_recurrent", 50)],
                     "MTTQ": [("DA6.TDA2", "local_recurrent", 80)],
                     "HND": [("DA2", "other", 200)],
                     "HCCB": [("DA6.TDA2", "local_recurrent", 35)],
                     "DOAN-TN": [("DA6.TDA2", "local_recurrent", 45)],
                     "HLHPN": [("DA2", "other", 120)]}
_DISBURSED = {DeliverableKind.SIX_MONTH: 0.42, DeliverableKind.ADHOC: 0.7, DeliverableKind.ANNUAL: 0.91}


def _budget(deliverable, assignment, target):
    code = assignment.unit.code
    if code in _DEPARTMENT_LINES:
        lines = [(item, cell, Decimal(amount)) for item, cell, amount in _DEPARTMENT_LINES[code]]
    elif target is not None and target.poor_start:
        poor_district = target.poor_start > 4000
        lines = [(item, cell, Decimal(str(per)) * target.poor_start) for item, cell, per in _DISTRICT_LINES
                 if poor_district or not item.startswith("DA1")]
    else:
        return {}
    ids = dict(db.session.execute(db.select(BudgetItem.code, BudgetItem.id)
                                  .where(BudgetItem.programme_id == assignment.plan.programme_id)).all())
    budget = {}
    share = _DISBURSED.get(deliverable.kind)
    for item, cell, amount in lines:
        amount = amount.quantize(Decimal("0.1"))
        line = budget.setdefault(str(ids[item]), {})
        line.setdefault("allocated", {})[cell] = str(amount)
        if share is not None:
            line.setdefault("disbursed", {})[cell] = str((amount * Decimal(str(share))).quantize(Decimal("0.1")))
    return budget
