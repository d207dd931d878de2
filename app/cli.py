"""Flask commands: ``flask --app wsgi demo``, ``units import``, ``users import|create``.

The command line acts as the system operator: no permission checks, same row checks.
"""
from pathlib import Path

import click
from flask.cli import AppGroup

from .extensions import db

units_cli = AppGroup("units", help="Manage units.")
users_cli = AppGroup("users", help="Manage users.")


def _report(result, columns):
    from .admin.importing import translate_errors

    if not result.ok:
        for row, column, message in translate_errors(result.errors, columns):
            click.echo(f"row {row}, {column}: {message}", err=True)
        raise click.ClickException(f"{len(result.errors)} problem(s); nothing was imported.")
    click.echo(f"{result.created} created, {result.updated} updated, {result.unchanged} unchanged.")


def _read(path, columns):
    from .admin.tables import TableError, read_rows

    try:
        return read_rows(path.name, path.read_bytes(), columns)
    except TableError as exc:
        raise click.ClickException(str(exc)) from exc


@units_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_units_command(file):
    """Create or update units from an .xlsx or .csv file (see the template)."""
    from .admin.importing import import_units
    from .admin.tables import UNIT_COLUMNS

    _report(import_units(None, _read(file, UNIT_COLUMNS)), UNIT_COLUMNS)


@users_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_users_command(file):
    """Create or update users and their roles from an .xlsx or .csv file."""
    from .admin.importing import import_users
    from .admin.tables import USER_COLUMNS
    from .auth.tokens import set_password_url

    result = import_users(None, _read(file, USER_COLUMNS))
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
    from .admin.importing import import_users
    from .admin.tables import USER_COLUMNS
    from .auth.models import User
    from .auth.tokens import set_password_url

    row = {"row": 1, "email": email, "full_name": full_name, "unit_code": unit_code, "role": role}
    existing = db.session.scalar(db.select(User).where(User.email == email.strip().lower()))
    rows = [row]
    if existing is not None:  # keep the roles they have: this command only adds
        rows += [{"row": 1, "email": email, "full_name": full_name, "unit_code": m.unit.code, "role": m.role.value}
                 for m in existing.memberships if (m.unit.code.upper(), m.role.value) != (unit_code.upper(), role)]
    result = import_users(None, rows)
    _report(result, USER_COLUMNS)
    user = db.session.scalar(db.select(User).where(User.email == email.strip().lower()))
    if user.password_hash is None:
        click.echo(f"Set-password link: {set_password_url(user)}")


def register(app):
    app.cli.add_command(units_cli)
    app.cli.add_command(users_cli)

    @app.cli.command("demo")
    def demo():
        """Load the Đắk Nông demo data (safe to run twice)."""
        from .demo.loader import DEMO_PASSWORD, load

        plan = load()
        click.echo(f"Demo plan {plan.reference} ({plan.year}) ready in {db.engine.url.render_as_string()}")
        click.echo(f"Every demo account's password: {DEMO_PASSWORD}")
