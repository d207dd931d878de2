"""``flask programmes …``: keep the programmes and their catalog at the command line as a
top-level administrator would in the pages — add, edit, item, import — acting as a person
(``--as EMAIL``) with exactly their permissions (``policy.can_edit_catalog``, asked by the
operations), through the same readers and operations as the API (``budget.inputs``,
``budget.operations``). Options are put as the API's JSON would be, then read the same way:
a mistake gives the same message, and nothing is written.

``import`` reads a programme's projects and sub-projects from an .xlsx or .csv file of
(code, name) rows, "DA1.TDA2" a sub-project of "DA1": all rows or none (the command is one
unit of work), idempotent (a code already there with the same name is left as it is; with
another name it is renamed).
"""
from pathlib import Path

import click
from flask_babel import gettext as _

from workflows.programmes import parent_code

from .budget import inputs
from .budget import operations as budget_ops
from .commands import Commands, acting
from .tables import PROGRAMME_ITEM_COLUMNS, TableError, read_rows, translate_errors

programmes_cli = Commands("programmes", help="Programmes and their catalog of projects.")

#: Other headers a catalog file may have (besides "code", "name" and the template's).
ITEM_HEADERS = {"Mã": "code", "Tên": "name", "Tên dự án": "name"}


def _programme(ref):
    """The programme a command names by code (or id)."""
    found = inputs.find_programme(ref) or (inputs.find_programme(int(ref)) if ref.strip().isdigit() else None)
    if found is None:
        raise click.ClickException(_("No programme has the code %(code)s.", code=ref))
    return found


def _show(programme):
    state = "" if programme.is_active else " ({})".format(_("no longer offered to new plans"))
    click.echo(f"{programme.id}\t{programme.code}\t{programme.years}\t{programme.decision}\t{programme.name}{state}")
    for project in programme.projects:
        _show_item(project, "  ")
        for sub in project.children:
            _show_item(sub, "    ")


def _show_item(item, indent):
    state = "" if item.is_active else " ({})".format(_("retired"))
    click.echo(f"{indent}{item.code}\t{item.name}{state}")


def _programme_options(required):
    """The programme form's fields as options (required ones only for a new programme)."""
    def add(fn):
        options = [
            click.option("--code", required=required, help="Short and unique, e.g. GNBV-2026-2035."),
            click.option("--name", required=required),
            click.option("--decision", help="The decision that approved it, e.g. \"QĐ 90/QĐ-TTg\"."),
            click.option("--start-year", "start_year", type=int, required=required, metavar="YEAR"),
            click.option("--end-year", "end_year", type=int, required=required, metavar="YEAR"),
            click.option("--active/--inactive", "active", default=None,
                         help="Offered to new plans, or not (new: offered)."),
        ]
        for option in reversed(options):
            fn = option(fn)
        return fn
    return add


def _given(options):
    return {name: value for name, value in options.items() if value is not None}


@programmes_cli.command("add")
@_programme_options(required=True)
@acting
def add_command(user, **options):
    """Add a programme; its projects come next (item, import)."""
    budget_ops.check_editor(user)  # before reading: the refusal, not the mistakes
    values = inputs.read_programme(_given(options))
    programme = inputs.renamed(lambda: budget_ops.add_programme(user, **values))
    click.echo(_("Programme %(code)s added: now add its projects.", code=programme.code))
    _show(programme)


@programmes_cli.command("edit")
@click.argument("programme")
@_programme_options(required=False)
@acting
def edit_command(user, programme, **options):
    """Change a programme's particulars (only the options given); its plans keep it."""
    budget_ops.check_editor(user)  # before reading: the refusal, not the mistakes
    found = _programme(programme)
    values = inputs.read_programme(_given(options), found)
    _show(inputs.renamed(lambda: budget_ops.update_programme(user, found, **values)))


@programmes_cli.command("item")
@click.argument("programme")
@click.option("--code", required=True, help="The item's code: a new one adds it, an existing one changes.")
@click.option("--name")
@click.option("--parent", metavar="CODE",
              help="The project a new sub-project belongs to (default: as its code says, DA1 for DA1.TDA2; "
                   "none for a code without a dot).")
@click.option("--active/--inactive", "active", default=None,
              help="Offered in budget lines, or retired (it stays for the documents that used it).")
@acting
def item_command(user, programme, code, name, parent, active):
    """Add a project or sub-project to a programme, or rename or retire one."""
    budget_ops.check_editor(user)  # before reading: the refusal, not the mistakes
    found = _programme(programme)
    existing = inputs.find_item(found, code)
    if existing is not None:
        if parent is not None and (existing.parent.code if existing.parent else "").upper() != parent.strip().upper():
            raise click.ClickException(_("%(code)s is already in the programme: a project or sub-project does "
                                         "not move.", code=existing.code))
        values = inputs.read_item_change(existing, _given({"name": name, "active": active}))
        item = inputs.renamed(lambda: budget_ops.update_item(user, existing, *values))
        click.echo(_("Saved."))
    else:
        if active is not None:
            raise click.UsageError("--active/--inactive change an item already there; a new one is in use.")
        data = {"code": code, "name": name or ""}
        data["parent"] = parent if parent is not None else parent_code(code.strip().upper())
        values = inputs.read_item(found, data)
        item = inputs.renamed(lambda: budget_ops.add_item(user, found, *values))
        click.echo(_("Added %(code)s to %(programme)s.", code=item.code, programme=found.code))
    _show_item(item, "  ")


@programmes_cli.command("import")
@click.argument("programme")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@acting
def import_command(user, programme, file):
    """Add a programme's projects and sub-projects from an .xlsx or .csv file of (code, name)
    rows, "DA1.TDA2" a sub-project of "DA1": all rows or none. A code already in the
    programme keeps its place; with another name it is renamed."""
    budget_ops.check_editor(user)  # before reading: the refusal, not the mistakes
    found = _programme(programme)
    try:
        rows = read_rows(file.name, file.read_bytes(), PROGRAMME_ITEM_COLUMNS, aliases=ITEM_HEADERS)
    except TableError as exc:
        raise click.ClickException(str(exc)) from exc
    result = budget_ops.import_items(user, found, rows)
    if not result.ok:
        for row, column, message in translate_errors(result.errors, PROGRAMME_ITEM_COLUMNS):
            click.echo(f"row {row}, {column}: {message}", err=True)
        raise click.ClickException(f"{len(result.errors)} problem(s); nothing was imported.")
    click.echo(f"{result.created} created, {result.updated} updated, {result.unchanged} unchanged.")
    _show(found)
