"""Flask commands: ``flask --app wsgi demo``, ``units import|create``, ``users import|create|token``,
``plans export`` (the other ``plans`` commands: ``plan_commands``; ``programmes …``:
``programme_commands``).

These commands act as the system operator: no permission checks, same row checks. The
``plans`` commands that set a plan up, and the ``programmes`` commands, act as a person
(``--as EMAIL``), with their permissions.
"""
import datetime as dt
import logging
from pathlib import Path

import click
from flask_babel import force_locale

from workflows.enums import Role

from .api.operations import create_token
from .auth import operations as user_ops
from .auth.models import User
from .auth.tokens import set_password_url
from .clock import VN_TZ, today
from .commands import Commands, refusal
from .errors import OperationError
from .exports.consolidated import csv_table, word, workbook
from .extensions import db
from .figures.completeness import completeness
from .figures.consolidation import consolidate, load_assignments
from .figures.indicators import indicator_matrix
from .plan_commands import import_targets_command, plans_cli  # noqa: F401  (the former's old home was here)
from .plans.models import Plan
from .programme_commands import programmes_cli
from .reminders.queries import preview
from .tables import UNIT_COLUMNS, USER_COLUMNS, TableError, read_rows, translate_errors
from .transaction import transactional
from .units import operations as unit_ops
from .units.models import Unit

units_cli = Commands("units", help="Manage units.")
users_cli = Commands("users", help="Manage users.")
reminders_cli = Commands("reminders", help="Deadline reminders.")


@plans_cli.command("export")
@click.argument("plan_id", type=int)
@click.option("--format", "fmt", type=click.Choice(["xlsx", "docx", "csv"]), required=True,
              help="xlsx: the consolidated tables; docx: the report in the Decree 30 format; "
                   "csv: targets and results by unit.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The file to write (replaced if it exists).")
def export_command(plan_id, fmt, output):
    """Export a plan's consolidated figures (approved documents only)."""
    plan = db.session.get(Plan, plan_id)
    if plan is None:
        raise click.ClickException(f"No plan {plan_id}.")
    assignments = load_assignments(plan)
    c = consolidate(plan, assignments)
    indicators = indicator_matrix(plan, assignments, c.parents)
    if fmt == "xlsx":
        data = workbook(c, indicators)
    elif fmt == "csv":
        data = csv_table(c)
    else:
        data = word(c, today(), completeness(plan, assignments=assignments), indicators)
    # Write beside the target, then rename: a reader never sees half a file.
    partial = output.with_name(output.name + ".part")
    try:
        partial.write_bytes(data)
        partial.replace(output)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise click.ClickException(f"Cannot write {output}: {exc.strerror}.") from exc
    click.echo(f"{output} written ({len(data):,} bytes).")


def _report(result, columns):
    if not result.ok:
        for row, column, message in translate_errors(result.errors, columns):
            click.echo(f"row {row}, {column}: {message}", err=True)
        raise click.ClickException(f"{len(result.errors)} problem(s); nothing was imported.")
    click.echo(f"{result.created} created, {result.updated} updated, {result.unchanged} unchanged.")


def _read(path, columns):
    try:
        return read_rows(path.name, path.read_bytes(), columns)
    except TableError as exc:
        raise click.ClickException(str(exc)) from exc


@units_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_units_command(file):
    """Create or update units from an .xlsx or .csv file (see the template)."""
    _report(unit_ops.import_units(None, _read(file, UNIT_COLUMNS)), UNIT_COLUMNS)


@units_cli.command("create")
@click.option("--code", required=True)
@click.option("--name", required=True)
@click.option("--kind", required=True, help="province, department, district, commune or organisation.")
@click.option("--parent", "parent_code", default="", metavar="CODE", help="The unit above it (none: top level).")
@click.option("--email", "emails", multiple=True, help="A contact email; repeat for several.")
def create_unit_command(code, name, kind, parent_code, emails):
    """Create one unit (the first one, a province, before anyone can log in)."""
    try:
        unit = unit_ops.save_unit(None, None, code, name, kind, parent_code, "\n".join(emails), True)
    except OperationError as exc:
        raise refusal(exc) from exc
    click.echo(f"{unit.code}\t{unit.name}")


@users_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_users_command(file):
    """Create or update users and their roles from an .xlsx or .csv file."""
    result = user_ops.import_users(None, _read(file, USER_COLUMNS))
    _report(result, USER_COLUMNS)
    for user in result.new_users:
        click.echo(f"{user.email}\t{set_password_url(user)}")


@users_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", "full_name", required=True)
@click.option("--unit", "unit_code", required=True, help="The unit's code.")
@click.option("--role", required=True, help="staff, head, reviewer, observer or admin.")
def create_user_command(email, full_name, unit_code, role):
    """Create a user (or add a role to an existing one) and print their set-password link."""
    existing = db.session.scalar(db.select(User).where(User.email == email.strip().lower()))
    try:
        if existing is None:
            user = user_ops.create_user(None, email, full_name, unit_code, role)
        else:  # keep the roles they have: this command only adds
            unit = db.session.scalar(db.select(Unit).where(db.func.upper(Unit.code) == unit_code.strip().upper()))
            if unit is None:
                raise click.ClickException(f"No unit has the code {unit_code}.")
            if role not in {r.value for r in Role}:
                raise click.ClickException(f"Unknown role: {role}.")
            user = existing
            user_ops.add_role(None, user, unit, role)
    except OperationError as exc:
        raise click.ClickException(" ".join([exc.message, *getattr(exc, "errors", {}).values()])) from exc
    click.echo(f"{user.email} has the role {role} in {unit_code}.")
    if user.password_hash is None:
        click.echo(f"Set-password link: {set_password_url(user)}")


@users_cli.command("token")
@click.argument("email")
@click.option("--name", default="Dòng lệnh", show_default=True, help="What the token is for.")
def token_command(email, name):
    """Create an API token for a user and print it (shown once; only its hash is kept)."""
    user = db.session.scalar(db.select(User).where(User.email == email.strip().lower()))
    if user is None or not user.is_active:
        raise click.ClickException(f"No active user {email}.")
    try:
        _token, secret = create_token(None, user, name)
    except OperationError as exc:
        raise click.ClickException(" ".join([exc.message, *getattr(exc, "errors", {}).values()])) from exc
    click.echo(secret)


def _moment(text):
    try:
        return dt.datetime.strptime(text.strip(), "%Y-%m-%d %H:%M").replace(tzinfo=VN_TZ)
    except ValueError as exc:
        raise click.BadParameter('expected "YYYY-MM-DD HH:MM" (Asia/Ho_Chi_Minh time)') from exc


@reminders_cli.command("preview")
@click.option("--at", "at_text", required=True, help='A moment, "YYYY-MM-DD HH:MM", Vietnam time.')
def preview_command(at_text):
    """Print the reminders due on that day by that time; sends nothing, changes nothing."""
    at = _moment(at_text)
    with force_locale("en"):  # the operator's console speaks English, like the other commands
        items = preview(at)
        if not items:
            click.echo(f"No reminders due on {at:%d/%m/%Y} by {at:%H:%M}.")
            return
        click.echo(f"{len(items)} reminder(s) due on {at:%d/%m/%Y} by {at:%H:%M}:")
        for item in items:
            click.echo("")
            click.echo(f"{item.unit.code}  {item.unit.name}")
            click.echo(f"  {item.what}, {item.plan.reference} ({item.plan.year}), "
                       f"due {item.deliverable.due_on:%d/%m/%Y}")
            click.echo(f"  {item.label}; goes out {item.reminder.send_on:%d/%m/%Y} {item.hour:02d}:00 [{item.status}]")
            click.echo(f"  To: {', '.join(item.to) or '-'}")
            if item.cc:
                click.echo(f"  Cc: {', '.join(item.cc)}")


def register(app):
    app.cli.add_command(units_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(reminders_cli)
    app.cli.add_command(plans_cli)
    app.cli.add_command(programmes_cli)

    @app.cli.command("scheduler")
    @click.option("--once", is_flag=True, help="One sweep and one delivery pass, then exit.")
    def scheduler_command(once):
        """Run the reminder sweep and mail delivery (its own process; never in web workers)."""
        # Only this command needs APScheduler and the jobs.
        from .scheduler import run_forever, run_once

        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        if once:
            swept, delivered = run_once(app)
            line = (f"sweep: {swept}; delivery: {delivered.sent} sent, {delivered.retrying} to retry, "
                    f"{delivered.failed} failed, {delivered.skipped} skipped")
            if delivered.held:
                line += f", {delivered.held} held (no SMTP server configured)"
            click.echo(line)
            return
        run_forever(app)

    @app.cli.command("demo")
    @transactional
    def demo():
        """Load the demo data: the Đắk Nông and Ninh Thuận plans (safe to run twice)."""
        # The demo's data (two provinces' plans, two thousand lines) is read by this command only.
        from .demo.loader import DEMO_PASSWORD, load

        for plan in load():
            click.echo(f"Demo plan {plan.reference} ({plan.year}, {plan.place}) ready in "
                       f"{db.engine.url.render_as_string()}")
        click.echo(f"Every demo account's password: {DEMO_PASSWORD}")
