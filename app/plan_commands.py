"""``flask plans …``: set a plan up at the command line as its administrator would in the
pages — create, edit, assign, owe, adhoc, issue, copy, targets, budget, reminders, indicator
(add, change or delete one, and who reports it) — acting as a person (``--as EMAIL``) with
exactly their permissions, through the same readers and operations as the API
(``plans.inputs``, ``plans.operations``, ``plans.schedule``, ``reminders.operations``).
Options are put as the API's JSON would be, then read the same way: a mistake gives the
same message (the indicator command's named by its options), and nothing is written.
"""
import json
from contextlib import contextmanager
from pathlib import Path

import click
from flask_babel import gettext as _
from flask_babel import ngettext

from workflows import figures as figure_rules

from . import policy
from .commands import Commands, acting
from .errors import Invalid
from .extensions import db
from .formatting import vn_amount, vn_date
from .labels import item_label
from .plans import budget as plan_budget
from .plans import inputs, schedule
from .plans import operations as plan_ops
from .plans import indicators as indicator_ops
from .plans.indicators import definitions as indicator_definitions
from .plans.models import Plan
from .reminders import operations as reminder_ops
from .reminders.policy_form import read_policy
from .tables import TableError, read_rows, target_columns, translate_errors
from .web import MAX_ID

plans_cli = Commands("plans", help="Plans: set-up, targets, exports.")

DUE_HELP = ("A document the plan asks, and its due date: subplan, quarterly_1 … quarterly_4, six_month, "
            "nine_month, annual, five_year, each =YYYY-MM-DD or alone for its usual date. Repeat for each; "
            "without any, a new plan asks a sub-plan, a six-month and an annual report, and an edited plan "
            "keeps its schedule.")


def _plan(plan_id, user=None, admin=False, targets=False):
    plan = db.session.get(Plan, plan_id) if 0 < plan_id <= MAX_ID else None
    if plan is None:
        raise click.ClickException(_("No plan has the id %(id)d.", id=plan_id))
    if user is None:
        return plan
    allowed = (policy.can_admin_plan(user, plan) if admin else
               policy.can_edit_targets(user, plan) if targets else policy.can_view_plan(user, plan))
    if not allowed:
        raise click.ClickException(_("You do not have permission to change this plan."))
    return plan


def _due(entries):
    """--due values as the API's "schedule": {field name: ISO date or None}."""
    due = {}
    for entry in entries:
        name, _sep, day = entry.partition("=")
        name = name.strip().lower()
        due[name if name.endswith("_due_on") else f"{name}_due_on"] = day.strip() or None
    return due


def _item_refs(values):
    return [int(v) if v.strip().isdigit() else v.strip() for v in values]


def _show(plan):
    click.echo(f"{plan.id}\t{plan.reference}\t{plan.year}\t{plan.title}")
    for item in sorted(plan.schedule, key=lambda i: i.due_on):
        click.echo(f"  {item_label(item.kind, item.occurrence)}: {vn_date(item.due_on)}")
    for warning in schedule.warnings(plan.year, schedule.entries_of(plan)).values():
        click.echo(warning, err=True)


def _plan_options(required):
    """The plan form's fields as options (required ones only for a new plan)."""
    def add(fn):
        options = [
            click.option("--issuing", "issuing_unit_id", required=required, metavar="CODE",
                         help="The issuing unit's code (one you administer)."),
            click.option("--coordinating", "coordinating_unit_id", required=required, metavar="CODE",
                         help="The coordinating unit's code (the issuing unit or one below it)."),
            click.option("--programme", "programme_id", type=int, metavar="ID",
                         help="The programme (default: the one whose years cover the plan's year)."),
            click.option("--year", type=int, required=required),
            click.option("--title", required=required),
            click.option("--number"), click.option("--symbol"), click.option("--place"),
            click.option("--issued-on", "issued_on", metavar="YYYY-MM-DD", help="Empty (\"\") clears it."),
            click.option("--legal-bases", "legal_bases", help="One per line."),
            click.option("--goals"),
            click.option("--due", "dues", multiple=True, metavar="DOCUMENT[=YYYY-MM-DD]", help=DUE_HELP),
        ]
        for option in reversed(options):
            fn = option(fn)
        return fn
    return add


def _plan_data(dues, options):
    data = {name: value for name, value in options.items() if value is not None}
    if "issued_on" in data and not data["issued_on"].strip():
        data["issued_on"] = None  # as the API's null: no issue date (yet)
    if dues:
        data["schedule"] = _due(dues)
    return data


@plans_cli.command("create")
@_plan_options(required=True)
@acting
def create_command(user, dues, **options):
    """Create a plan and its schedule."""
    if not policy.can_create_plan(user):
        raise click.ClickException(_("You can only create plans for units you administer."))
    with _options_named(PLAN_OPTIONS):
        issuing, coordinating, values = inputs.read_plan(_plan_data(dues, options))
        plan = plan_ops.create_plan(user, issuing, coordinating, **values)
    _show(plan)


@plans_cli.command("edit")
@click.argument("plan_id", type=int)
@_plan_options(required=False)
@acting
def edit_command(user, plan_id, dues, **options):
    """Change a plan's fields and schedule (only those given); its units' deliverables follow."""
    plan = _plan(plan_id, user, admin=True)
    with _options_named(PLAN_OPTIONS):
        _issuing, _coordinating, values = inputs.read_plan(_plan_data(dues, options), plan)
        plan = plan_ops.update_plan(user, plan, **values)
    _show(plan)


@plans_cli.command("assign")
@click.argument("plan_id", type=int)
@click.option("--unit", "units", multiple=True, required=True, metavar="CODE", help="Repeat for each unit.")
@click.option("--duties", default="")
@click.option("--requested", is_flag=True, help="A partner asked rather than instructed (đề nghị).")
@click.option("--owes", multiple=True, metavar="DOCUMENT",
              help="What these units owe (annual, six_month…, or an item id); repeat. Default: everything.")
@acting
def assign_command(user, plan_id, units, duties, requested, owes):
    """Assign units to a plan."""
    plan = _plan(plan_id, user, admin=True)
    data = {"unit_ids": list(units), "duties": duties, "requested": requested}
    if owes:
        data["item_ids"] = _item_refs(owes)
    with _options_named(ASSIGN_OPTIONS):
        created = plan_ops.assign_units(user, plan, *inputs.read_assignment(user, plan, data))
    click.echo(ngettext("%(num)d unit assigned; it now owes the documents chosen.",
                        "%(num)d units assigned; each now owes the documents chosen.", len(created)))


@plans_cli.command("owe")
@click.argument("plan_id", type=int)
@click.option("--unit", required=True, metavar="CODE", help="The assigned unit.")
@click.option("--owes", multiple=True, required=True, metavar="DOCUMENT",
              help="What it owes (annual, six_month…, or an item id); repeat.")
@acting
def owe_command(user, plan_id, unit, owes):
    """Set what one assigned unit owes of the plan's schedule."""
    plan = _plan(plan_id, user, admin=True)
    assignment = inputs.find_assignment(plan, unit)
    if assignment is None:
        raise click.ClickException(_("%(unit)s is not assigned to this plan.", unit=unit))
    schedule.set_owed(user, assignment, inputs.read_owed(plan, {"item_ids": _item_refs(owes)}))
    click.echo(_("%(unit)s now owes the documents chosen.", unit=assignment.unit.name))


@plans_cli.command("adhoc")
@click.argument("plan_id", type=int)
@click.option("--title", required=True)
@click.option("--from", "period_start_on", required=True, metavar="YYYY-MM-DD", help="The period's first day.")
@click.option("--to", "period_end_on", required=True, metavar="YYYY-MM-DD", help="The period's last day.")
@click.option("--due-on", "due_on", required=True, metavar="YYYY-MM-DD")
@click.option("--unit", "units", multiple=True, required=True, metavar="CODE", help="Repeat for each unit.")
@acting
def adhoc_command(user, plan_id, title, period_start_on, period_end_on, due_on, units):
    """Ask some assigned units for an ad-hoc report."""
    plan = _plan(plan_id, user, admin=True)
    with _options_named(ADHOC_OPTIONS):
        values = inputs.read_adhoc(user, plan, {"title": title, "period_start_on": period_start_on,
                                                "period_end_on": period_end_on, "due_on": due_on,
                                                "unit_ids": list(units)})
        plan_ops.add_adhoc_report(user, plan, **values)
    click.echo(_("Ad-hoc report requested."))


@plans_cli.command("issue")
@click.argument("plan_id", type=int)
@acting
def issue_command(user, plan_id):
    """Issue a plan: its units see what they owe."""
    plan_ops.publish_plan(user, _plan(plan_id, user, admin=True))
    click.echo(_("Plan issued: its units now see what they owe."))


@plans_cli.command("copy")
@click.argument("plan_id", type=int)
@acting
def copy_command(user, plan_id):
    """Copy a plan to next year as a draft."""
    copy = plan_ops.copy_to_next_year(user, _plan(plan_id, user, admin=True))
    click.echo(_("Draft plan for %(year)d created: fill in its number, targets and dates, then issue it.",
                 year=copy.year))
    _show(copy)


@plans_cli.command("targets")
@click.argument("plan_id", type=int)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@acting
def targets_command(user, plan_id, file):
    """Import a plan's target table from .xlsx or .csv (all rows or none)."""
    _import_targets(user, _plan(plan_id, user, targets=True), file)


@plans_cli.command("import-targets")
@click.argument("plan_id", type=int)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_targets_command(plan_id, file):
    """Import a plan's per-unit target table as the operator (no permission asked)."""
    _import_targets(None, _plan(plan_id), file)


def _import_targets(user, plan, file):
    columns, optional, aliases = target_columns(indicator_definitions(plan))  # the plan's indicators as columns
    try:
        rows = read_rows(file.name, file.read_bytes(), columns, optional=optional, aliases=aliases)
    except TableError as exc:
        raise click.ClickException(str(exc)) from exc
    table = plan_ops.import_targets(user, plan, rows)
    for row, column, message in translate_errors(table.warnings, columns):
        click.echo(f"warning: row {row}, {column}: {message}", err=True)
    if not table.ok:
        for row, column, message in translate_errors(table.errors, columns):
            click.echo(f"row {row}, {column}: {message}", err=True)
        raise click.ClickException(f"{len(table.errors)} problem(s); nothing was imported.")
    click.echo(f"{table.created} created, {table.updated} updated, {table.unchanged} unchanged.")
    if table.indicator_targets:
        click.echo(f"{table.indicator_targets} indicator targets set.")


@plans_cli.command("budget")
@click.argument("plan_id", type=int)
@click.option("--file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help='The whole budget as the API takes it: a JSON file {"lines": {project code or id, or '
                   '"total": {column: amount}}}.')
@click.option("--set", "cells", multiple=True, metavar="LINE.COLUMN=AMOUNT",
              help="One amount in million VND (1.234,5), the other cells kept: LINE a project's code (DA1, "
                   "DA1.TDA1) or \"total\", COLUMN one of " + ", ".join(figure_rules.COLUMNS) +
                   "; nothing after = clears the cell. Repeat.")
@click.option("--clear", is_flag=True, help="Start from an empty budget (alone: clear it).")
@acting
def budget_command(user, plan_id, file, cells, clear):
    """Show a plan's own budget (section V), or set it: the whole of it from --file, or some
    cells with --set; checked as its page checks it (sources adding up to their line,
    sub-projects to their project, lines to the total), all or nothing."""
    plan = _plan(plan_id, user, admin=bool(file or cells or clear))
    if file is not None and (cells or clear):
        raise click.UsageError("--file is the whole budget: give it without --set or --clear.")
    if file is not None:
        data = _json_file(file)
    elif cells or clear:
        data = {"lines": _budget_with(plan, {} if clear else _budget_by_code(plan), cells)}
    else:
        return _show_budget(plan)
    lines, named = inputs.read_budget(plan, data)
    try:
        plan_budget.set_budget(user, plan, lines)
    except Invalid as exc:
        raise inputs.budget_refusal(exc, named) from None
    click.echo(_("Budget saved."))
    _show_budget(plan)


def _json_file(file):
    try:
        return json.loads(file.read_text(encoding="utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise click.ClickException(_("%(file)s is not a JSON file: %(reason)s", file=file.name, reason=exc)) from exc


def _budget_by_code(plan):
    """The stored budget as --set edits it: {line code or "total": {column: amount text}}."""
    codes = {str(row.id): row.code for row in plan_budget.items_for(plan, plan_budget.lines_of(plan))}
    return {codes.get(key, key): {c: str(v) for c, v in cells.items()}
            for key, cells in plan_budget.lines_of(plan).items()}


def _budget_with(plan, lines, cells):
    """``lines`` with each --set cell written in (a line named by code or id, any case)."""
    rows = plan_budget.items_for(plan, plan_budget.lines_of(plan))
    names = {row.code.lower(): row.code for row in rows} | {str(row.id): row.code for row in rows}
    names[figure_rules.TOTAL_ROW] = figure_rules.TOTAL_ROW
    for entry in cells:
        target, equals, amount = entry.partition("=")
        line, _dot, column = target.strip().rpartition(".")
        if not equals or not line or not column:
            raise click.UsageError(f"--set {entry}: write LINE.COLUMN=AMOUNT, e.g. DA1.central_investment=1.234,5.")
        line = names.get(line.lower(), line)
        row = lines.setdefault(line, {})
        if amount.strip():
            row[column] = amount.strip()
        else:
            row.pop(column, None)
    return {line: row for line, row in lines.items() if row}


def _show_budget(plan):
    view = plan_budget.view(plan)
    if view is None:
        click.echo(_("The plan has no budget yet."))
        return
    def cells(amounts):
        return "  ".join(f"{c}={vn_amount(amounts[c])}" for c in figure_rules.COLUMNS if amounts.get(c) is not None)
    for row, amounts in view["rows"]:
        click.echo(f"{row.code}\t{row.name}\n    {cells(amounts)}")
    click.echo(_("Total") + f"\n    {cells(view['total'])}")


@plans_cli.command("reminders")
@click.argument("plan_id", type=int)
@click.option("--enabled/--disabled", default=None, help="Send reminders for this plan, or not.")
@click.option("--days-before", "days_before", metavar="7,3,1,0", help="Days before the due date.")
@click.option("--first-overdue-after", "first_overdue_after", type=int, metavar="DAYS")
@click.option("--overdue-every", "overdue_every", type=int, metavar="DAYS")
@click.option("--send-hour", "send_hour", type=int, metavar="HOUR", help="0–23, Vietnam time.")
@click.option("--grace-days", "grace_days", type=int, metavar="DAYS")
@click.option("--escalate/--no-escalate", "escalate_overdue", default=None,
              help="Copy overdue notices to the unit head and the reviewers.")
@acting
def reminders_command(user, plan_id, **options):
    """Change a plan's reminder policy (only the options given)."""
    plan = _plan(plan_id, user, admin=True)
    row = reminder_ops.set_policy(user, plan, **read_policy(plan, {k: v for k, v in options.items() if v is not None}))
    click.echo(_("Reminder policy saved. Reminders not yet sent follow it."))
    click.echo(f"  enabled={row.enabled} days_before={row.days_before} first_overdue_after={row.first_overdue_after} "
               f"overdue_every={row.overdue_every} send_hour={row.send_hour} grace_days={row.grace_days} "
               f"escalate_overdue={row.escalate_overdue}")


@plans_cli.command("indicator")
@click.argument("plan_id", type=int)
@click.option("--code", required=True, help="The indicator's code (a new one adds it; an existing one changes).")
@click.option("--name")
@click.option("--kind", type=click.Choice(["count", "ratio", "value"]))
@click.option("--unit", "unit_of_measure", help="households, people, houses, models, percent, million_vnd, yes_no, "
                                                "score.")
@click.option("--direction", type=click.Choice(["at_least", "at_most", "exactly"]))
@click.option("--numerator", help="A ratio's numerator: the code of a count (the plan's or a built-in).")
@click.option("--denominator", help="A ratio's denominator: the code of a count.")
@click.option("--target", help="The plan's target, typed the Vietnamese way (97,5; 1.234).")
@click.option("--required/--optional", "required", default=None,
              help="Units must give it to submit (the default), or need not.")
@click.option("--reporter", "reporters", multiple=True, metavar="CODE[=TARGET]",
              help="A unit that reports it, with its own target if any; repeat. Given: the whole list.")
@click.option("--no-reporters", is_flag=True, help="No unit reports it any more (what they gave stays).")
@click.option("--delete", is_flag=True, help="Delete it (only while no report gives it and no ratio is computed "
                                             "from it; else stop asking for it: --no-reporters).")
@acting
def indicator_command(user, plan_id, code, delete, reporters, no_reporters, **options):
    """Add, change or delete one of a plan's own indicators, and say who reports it."""
    plan = _plan(plan_id, user, admin=True)
    existing = next((i for i in plan.indicators if i.code.lower() == code.strip().lower()), None)
    if delete:
        return _delete_indicator(user, existing, code, reporters or no_reporters or any(
            v is not None for v in options.values()))
    if reporters and no_reporters:
        raise click.UsageError("--no-reporters and --reporter: give one or the other.")
    given = {"code": code, "name": options["name"], "kind": options["kind"], "unit": options["unit_of_measure"],
             "direction": options["direction"], "numerator_code": options["numerator"],
             "denominator_code": options["denominator"], "target": options["target"],
             "is_required": options["required"]}
    with _options_named(INDICATOR_OPTIONS):
        values = inputs.read_indicator(plan, {k: v for k, v in given.items() if v is not None}, existing)
        indicator = (indicator_ops.update_indicator(user, existing, **values) if existing is not None
                     else indicator_ops.add_indicator(user, plan, **values))
    if reporters or no_reporters:
        _set_reporters(user, plan, indicator, reporters)
    click.echo(ngettext("Indicator %(code)s saved; %(num)d unit reports it.",
                        "Indicator %(code)s saved; %(num)d units report it.", len(indicator.reporters),
                        code=indicator.code))


#: The indicator command's options by the names of the fields they set, for its refusals.
#: The API's fields as the command line's options, for its refusals.
PLAN_OPTIONS = {"issuing_unit_id": "--issuing", "coordinating_unit_id": "--coordinating", "programme_id": "--programme",
                "year": "--year", "title": "--title", "number": "--number", "symbol": "--symbol", "place": "--place",
                "issued_on": "--issued-on", "legal_bases": "--legal-bases", "goals": "--goals", "schedule": "--due",
                **{name: f"--due {name.removesuffix('_due_on')}" for name in schedule.FIELDS}}
ASSIGN_OPTIONS = {"unit_ids": "--unit", "duties": "--duties", "requested": "--requested", "item_ids": "--owes"}
ADHOC_OPTIONS = {"title": "--title", "period_start_on": "--from", "period_end_on": "--to", "due_on": "--due-on",
                 "unit_ids": "--unit", "assignment_ids": "--unit"}
INDICATOR_OPTIONS = {"code": "--code", "name": "--name", "kind": "--kind", "unit": "--unit",
                     "direction": "--direction", "numerator_code": "--numerator",
                     "denominator_code": "--denominator", "target": "--target",
                     "is_required": "--required/--optional"}


@contextmanager
def _options_named(names):
    """Within it, a refusal names the command's options rather than the API's fields
    (``names``: {field: option}); a field not in ``names`` keeps its name."""
    def named(key):  # "unit_ids.1" is the second --unit; "schedule.annual_due_on" --due annual
        head, _dot, rest = key.partition(".")
        if key in names or head not in names:
            return names.get(key, key)
        return f"{names[head]} #{int(rest) + 1}" if rest.isdigit() else names.get(rest, names[head])

    try:
        yield
    except Invalid as exc:
        raise Invalid(exc.message, {named(k): v for k, v in exc.errors.items()}) from None


def _set_reporters(user, plan, indicator, reporters):
    """--reporter CODE[=TARGET] … (none: nobody reports it), read as the API's "units" list;
    a refusal names the --reporter it is about."""
    units, names = [], {}
    for i, entry in enumerate(reporters):
        unit_code, _sep, own = entry.partition("=")
        units.append({"unit": unit_code.strip(), **({"target": own.strip()} if own.strip() else {})})
        names[f"units.{i}.unit"] = names[f"units.{i}.target"] = f"--reporter {entry}"
        assignment = inputs.find_assignment(plan, unit_code.strip())
        if assignment is not None:
            names[f"target-{assignment.id}"] = f"--reporter {entry}"  # the operation's name for its target
    with _options_named(names):
        indicator_ops.set_reporters(user, indicator, inputs.read_reporters(user, plan, indicator, {"units": units}))


def _delete_indicator(user, indicator, code, with_changes):
    """--delete: as the page's button and the API's DELETE (refused while a report gives it
    or a ratio is computed from it). Alone: a deletion changes nothing else."""
    if with_changes:
        raise click.UsageError("--delete deletes the indicator: give it with --code alone.")
    if indicator is None:
        raise click.ClickException(_("The plan has no indicator with the code %(code)s.", code=code))
    try:
        indicator_ops.delete_indicator(user, indicator)
    except Invalid as exc:
        if indicator_ops.is_in_use(indicator):
            hint = _("To stop asking every unit for it: --no-reporters.")
            raise Invalid(f"{exc.message} {hint}", exc.errors) from None
        raise
    click.echo(_("Indicator %(code)s deleted.", code=indicator.code))
