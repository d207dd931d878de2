"""What the demo's units write in their sub-plans and reports: texts, figures consistent
with the plan's targets, budget lines, and the plan's indicators (invented, adding up).

Each function takes the province's seed module (``dak_nong``, ``ninh_thuan``): its
``DEPARTMENT_BUDGET``, ``POOR_DISTRICTS``, ``SHORT_OF_TARGET`` and, for a plan with
indicators, ``INDICATOR_VALUES`` and ``SHORTFALLS``.
"""
from decimal import ROUND_HALF_UP, Decimal

from workflows.enums import DeliverableKind

from ..budget.models import BudgetItem
from ..documents import indicators as doc_indicators
from ..documents.content import INDICATORS_KEY, ack_key
from ..extensions import db


def content(seed, deliverable, assignment, target):
    """The content a unit's staff saves in ``deliverable``."""
    unit = assignment.unit.name
    budget = _budget(seed, deliverable, assignment, target)
    if deliverable.kind is DeliverableKind.SUBPLAN:
        figures, notes = {}, {}
        if target is not None:
            figures = {f: getattr(target, f) for f in ("households_start", "poor_start", "poor_reduction",
                                                       "households_end", "poor_end")}
            if assignment.unit.code in seed.SHORT_OF_TARGET:
                short, why = seed.SHORT_OF_TARGET[assignment.unit.code]
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
    report = {
        "results": f"{unit} đã tổ chức triển khai các nhiệm vụ được giao; "
                   "các chính sách hỗ trợ hộ nghèo, hộ cận nghèo được thực hiện kịp thời, đúng đối tượng.",
        "difficulties": "Nguồn vốn sự nghiệp phân bổ chậm; một số hộ nghèo thiếu đất sản xuất.",
        "proposals": "Đề nghị Sở Tài chính sớm phân bổ kinh phí sự nghiệp năm nay.",
        "next_steps": "Tiếp tục rà soát, hỗ trợ sinh kế cho hộ nghèo, hộ cận nghèo.",
        "figures": _results(deliverable, target),
        "budget": budget,
    }
    _add_indicators(seed, deliverable, assignment, report)
    return report


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


#: Which program lines each district manages: (catalog code, source cell, million VND per
#: poor household); a poor district's projects (Dự án 1) only there. Invented for the demo.
_DISTRICT_LINES = [("DA1.TDA1", "central_investment", 9.0), ("DA3.TDA1", "central_recurrent", 2.4),
                   ("DA3.TDA1", "local_recurrent", 0.3), ("DA4.TDA3", "central_recurrent", 0.5),
                   ("DA5", "central_recurrent", 1.2), ("DA5", "other", 0.6)]
_DISBURSED = {DeliverableKind.SIX_MONTH: 0.42, DeliverableKind.ADHOC: 0.7, DeliverableKind.ANNUAL: 0.91}


def _budget(seed, deliverable, assignment, target):
    code = assignment.unit.code
    if code in seed.DEPARTMENT_BUDGET:
        lines = [(item, cell, Decimal(amount)) for item, cell, amount in seed.DEPARTMENT_BUDGET[code]]
    elif target is not None and target.poor_start:
        poor_district = code in seed.POOR_DISTRICTS
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


#: Where a report's figures hold the built-in counts an indicator's value may be a share of.
_BUILTIN_FIGURES = {"poor": "poor_end", "near_poor": "near_poor_end", "households": "households_end"}


def _add_indicators(seed, deliverable, assignment, report):
    """The plan's indicators the unit owes, from the seed's ``INDICATOR_VALUES``: half-way
    values in a six-month report, the year's in the others, short where ``SHORTFALLS`` says
    (and explained there, as a unit explains a missed target before submitting)."""
    owing = doc_indicators.owed(deliverable)
    if not owing.inputs:
        return
    at_end = deliverable.kind is not DeliverableKind.SIX_MONTH
    code = assignment.unit.code
    known = {name: report["figures"].get(field) for name, field in _BUILTIN_FIGURES.items()}
    values = {}
    for d in owing.inputs:
        spec = seed.INDICATOR_VALUES[d.code]
        if spec[0] == "per_unit":
            value = spec[1][code][1 if at_end else 0]
        else:
            _of, base, mid, end = spec
            share = end if at_end else mid
            if at_end and (code, d.code) in seed.SHORTFALLS:
                share = seed.SHORTFALLS[(code, d.code)][0]
            value = None if share is None or known.get(base) is None else (
                (Decimal(known[base]) * share).to_integral_value(ROUND_HALF_UP))
        known[d.code] = value
        if value is not None:
            values[d.key] = str(int(value))
    report[INDICATORS_KEY] = values
    why = {count: note for (unit, count), (_share, note) in seed.SHORTFALLS.items() if unit == code}
    notes = {}
    for finding in doc_indicators.findings(deliverable, report):
        ratio = next((d for d in owing.definitions if d.field == finding.field), None)
        if not finding.is_error and ratio is not None and ratio.numerator in why:
            notes[ack_key(finding)] = why[ratio.numerator]
    if notes:
        report["acknowledged"] = notes
