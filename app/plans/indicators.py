"""The only place where a plan's own indicators, the units that report them and their
targets change. The rules are in ``workflows/indicators.py``; here they meet the rows.

Values given in reports live in the documents' versions (``content["indicators"]``, keyed
by the indicator's id), so that a returned report keeps what it said; an indicator that
any version or any history entry of the plan mentions is "in use": it keeps its kind and
unit, and cannot be deleted.
"""
import logging
from decimal import Decimal

from flask_babel import gettext as _

from workflows import indicators as rules
from workflows.checks import ERROR, Finding
from workflows.enums import IndicatorKind
from workflows.text import N_

from .. import policy
from ..documents.content import INDICATORS_KEY
from ..documents.models import Deliverable, Document, DocumentVersion, TransitionLog
from ..errors import Forbidden, Invalid
from ..extensions import db
from ..formatting import describe_finding
from .models import Assignment, Indicator, IndicatorAssignment

log = logging.getLogger(__name__)

#: What a definition is made of, as the pages, the API and the command line give it.
FIELDS = ("code", "name", "unit", "kind", "direction", "numerator_code", "denominator_code", "target",
          "is_required")


def definitions(plan):
    """The plan's own indicators as the rules see them, in the plan's order."""
    return [i.definition for i in plan.indicators]


def _check_admin(user, plan):
    if not policy.can_edit_indicators(user, plan):
        raise Forbidden(_("You do not have permission to change this plan's indicators."))


#: The rules' names of a definition's parts, where they differ from the fields'.
FIELD_NAMES = {"numerator": "numerator_code", "denominator": "denominator_code"}


def _refuse(findings):
    errors = {}
    for f in findings:
        field = FIELD_NAMES.get(f.field, f.field)
        errors[field] = "; ".join(filter(None, [errors.get(field), describe_finding(f)]))
    raise Invalid(_("Please correct the highlighted fields."), errors)


def _normalise(values):
    values = {name: values.get(name) for name in FIELDS}
    values["code"] = (values["code"] or "").strip()
    values["name"] = " ".join((values["name"] or "").split())
    for name in ("numerator_code", "denominator_code"):
        values[name] = (values[name] or "").strip() or None
    if values["kind"] is not IndicatorKind.RATIO:
        values["numerator_code"] = values["denominator_code"] = None
    values["is_required"] = bool(values["is_required"]) if values["is_required"] is not None else True
    if values["target"] is not None:
        values["target"] = Decimal(values["target"])
    return values


def _operand_codes(values, plan, exclude=None):
    """A ratio's operands as the plan spells them (a code typed in another case finds its count)."""
    spelled = {c.lower(): c for c in rules.BUILTIN_CODES}
    spelled.update({i.code.lower(): i.code for i in plan.indicators if i is not exclude})
    for name in ("numerator_code", "denominator_code"):
        if values[name]:
            values[name] = spelled.get(values[name].lower(), values[name])


def _definition(values):
    return rules.Definition(values["code"], values["name"], values["unit"], values["kind"], values["direction"],
                            values["numerator_code"], values["denominator_code"], values["target"],
                            values["is_required"])


def add_indicator(user, plan, **values):
    """Add an indicator of the plan's own (at the end of its list); nobody reports it yet."""
    _check_admin(user, plan)
    values = _normalise(values)
    _operand_codes(values, plan)
    found = rules.check_definition(_definition(values), definitions(plan))
    if found:
        _refuse(found)
    indicator = Indicator(**values, position=max((i.position for i in plan.indicators), default=0) + 1)
    plan.indicators.append(indicator)
    db.session.flush()
    log.info("plan %s: indicator %s added by %s", plan.id, indicator.code, user.email)
    return indicator


def update_indicator(user, indicator, **values):
    """Change an indicator's definition. One in use keeps its kind and unit (what the units
    gave would read otherwise); a new code follows into the ratios computed from it."""
    plan = indicator.plan
    _check_admin(user, plan)
    values = _normalise(values)
    _operand_codes(values, plan, exclude=indicator)
    others = [i for i in plan.indicators if i is not indicator]
    found = rules.check_definition(_definition(values), [i.definition for i in others])
    dependents = [i for i in others if indicator.code in (i.numerator_code, i.denominator_code)]
    if dependents and values["kind"] is not IndicatorKind.COUNT:
        found.append(Finding(ERROR, "kind_used", "kind", USED_AS_OPERAND,
                                   {"names": ", ".join(f"«{i.name}»" for i in dependents)}))
    if (values["kind"], values["unit"]) != (indicator.kind, indicator.unit) and is_in_use(indicator):
        found.append(Finding(ERROR, "kind_in_use", "kind", IN_USE_KIND))
    if found:
        _refuse(found)
    for other in dependents:
        for name in ("numerator_code", "denominator_code"):
            if getattr(other, name) == indicator.code:
                setattr(other, name, values["code"])
    for name, value in values.items():
        setattr(indicator, name, value)
    db.session.flush()
    log.info("plan %s: indicator %s changed by %s", plan.id, indicator.code, user.email)
    return indicator


USED_AS_OPERAND = N_("It stays a count: %(names)s are computed from it.")
IN_USE_KIND = N_("Reports already give this indicator: its kind and unit can no longer change.")


def delete_indicator(user, indicator):
    """Delete an indicator nobody has reported and no ratio is computed from."""
    plan = indicator.plan
    _check_admin(user, plan)
    dependents = [i for i in plan.indicators if indicator.code in (i.numerator_code, i.denominator_code)]
    if dependents:
        raise Invalid(_("%(names)s are computed from this indicator: change or delete them first.",
                        names=", ".join(f"«{i.name}»" for i in dependents)))
    if is_in_use(indicator):
        raise Invalid(_("Reports already give this indicator: it cannot be deleted. Stop asking units for it "
                        "instead (untick them all)."))
    plan.indicators.remove(indicator)
    db.session.flush()
    log.info("plan %s: indicator %s deleted by %s", plan.id, indicator.code, user.email)


def _plan_contents(plan_id):
    """Every content the plan's documents hold or held: their versions, and the history's copies."""
    documents = (db.select(Document.id).join(Deliverable, Document.deliverable_id == Deliverable.id)
                 .join(Assignment, Deliverable.assignment_id == Assignment.id).where(Assignment.plan_id == plan_id))
    yield from db.session.scalars(db.select(DocumentVersion.content).where(DocumentVersion.document_id.in_(documents)))
    yield from db.session.scalars(db.select(TransitionLog.content).where(TransitionLog.document_id.in_(documents),
                                                                         TransitionLog.content.is_not(None)))


def used_ids(plan):
    """Ids of the plan's indicators that some report gave a value for (now or in its history)."""
    found = set()
    for content in _plan_contents(plan.id):
        given = (content or {}).get(INDICATORS_KEY) if isinstance(content, dict) else None
        if isinstance(given, dict):
            found.update(k for k, v in given.items() if v not in (None, ""))
    return {i.id for i in plan.indicators if str(i.id) in found}


def is_in_use(indicator):
    return indicator.id is not None and indicator.id in used_ids(indicator.plan)


def set_reporters(user, indicator, targets):
    """Which assigned units report ``indicator``, each with its own target or None (the
    plan's applies): ``targets`` {assignment id: Decimal | None}; units left out stop
    reporting it (what they gave stays in their reports)."""
    plan = indicator.plan
    _check_admin(user, plan)
    by_id = {a.id: a for a in plan.assignments}
    strangers = [i for i in targets if i not in by_id]
    if strangers:
        raise Invalid(_("Only the units the plan assigns can report its indicators."))
    errors = {}
    for assignment_id, target in targets.items():
        for f in rules.check_target_value(indicator.definition, target, f"target-{assignment_id}"):
            errors[f.field] = describe_finding(f)
    if errors:
        raise Invalid(_("Please correct the highlighted fields."), errors)
    current = {r.assignment_id: r for r in indicator.reporters}
    for assignment_id, row in current.items():
        if assignment_id not in targets:
            indicator.reporters.remove(row)
    for assignment_id, target in targets.items():
        row = current.get(assignment_id)
        if row is None:
            indicator.reporters.append(IndicatorAssignment(assignment=by_id[assignment_id],
                                                           assignment_id=assignment_id, target=target))
        else:
            row.target = target
    db.session.flush()
    log.info("plan %s: indicator %s reported by %d units, set by %s", plan.id, indicator.code, len(targets),
             user.email)
    return indicator


def set_targets_from_table(plan, unit_rows, total):
    """The indicator columns of an imported target table (``workflows.targets``), already
    read and checked: each unit's cell is its own target (it reports the indicator from
    now on), the total row's the plan's. Cells left empty change nothing. Returns how many
    targets were set. The caller checks who may (``import_targets``)."""
    by_code = {i.code: i for i in plan.indicators}
    assignment_of = {a.unit_id: a for a in plan.assignments}
    count = 0
    for unit_id, targets in unit_rows:
        assignment = assignment_of[unit_id]
        for code, target in targets.items():
            indicator = by_code[code]
            row = next((r for r in indicator.reporters if r.assignment_id == assignment.id), None)
            if row is None:
                indicator.reporters.append(IndicatorAssignment(assignment=assignment, assignment_id=assignment.id,
                                                               target=target))
            else:
                row.target = target
            count += 1
    for code, target in total.items():
        by_code[code].target = target
        count += 1
    db.session.flush()
    return count


def copy_indicators(plan, copy, assignments):
    """Give ``copy`` (next year's plan) the indicators of ``plan`` and who reports them;
    ``assignments``: {unit id: the copy's assignment}. The plan's targets come along as a
    start; the units' own targets do not (a year's are set for that year, as the target
    table is)."""
    for old in plan.indicators:
        new = Indicator(code=old.code, name=old.name, unit=old.unit, kind=old.kind, direction=old.direction,
                        numerator_code=old.numerator_code, denominator_code=old.denominator_code,
                        target=old.target, is_required=old.is_required, position=old.position)
        copy.indicators.append(new)
        for reporter in old.reporters:
            assignment = assignments.get(reporter.assignment.unit_id)
            if assignment is not None:
                new.reporters.append(IndicatorAssignment(assignment=assignment))
