"""Each plan chooses what it asks of its units: a schedule of sub-plan and reports, and waivers

Revision ID: e0c4a7b9d2f1
Revises: cf85d6a0e1f2
Create Date: 2026-11-30 21:40:00

The three due dates a plan carried (sub-plan, six-month and annual report) become three
items of its schedule; every periodic deliverable is linked to its item. Quarterly
reports, the Q3 review and the five-year review become possible kinds. The values are
written out as they are on this day (a migration describes its revision's schema).
"""
import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "e0c4a7b9d2f1"
down_revision = "cf85d6a0e1f2"
branch_labels = None
depends_on = None

OLD_KINDS = ("subplan", "six_month", "annual", "adhoc")
NEW_KINDS = ("subplan", "quarterly", "six_month", "nine_month", "annual", "five_year", "adhoc")
SCHEDULED = tuple(k for k in NEW_KINDS if k != "adhoc")
OLD_SCHEDULED = ("subplan", "six_month", "annual")
SCHEDULED_INDEX = "schedule_item_id IS NOT NULL"


def _in(column, values):
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def _period(kind, year):
    """The periods of the three kinds plans had (the statutory ones, Decree 09/2019/NĐ-CP)."""
    if kind == "subplan":
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    return dt.date(year - 1, 12, 15), dt.date(year, 6 if kind == "six_month" else 12, 14)


def _delete(conn, table, where):
    """DELETE FROM ``table`` WHERE ``where``, with what the foreign keys would do to the rows
    referring to them: on SQLite they are off while migrating (env.py), so it is done here."""
    if conn.dialect.name != "sqlite":
        op.execute(f"DELETE FROM {table} WHERE {where}")
        return
    inspector = sa.inspect(conn)
    for child in inspector.get_table_names():
        for fk in inspector.get_foreign_keys(child):
            if fk["referred_table"] != table:
                continue
            column, = fk["constrained_columns"]
            doomed = f"{column} IN (SELECT {fk['referred_columns'][0]} FROM {table} WHERE {where})"
            action = (fk.get("options") or {}).get("ondelete", "").upper()
            if action == "CASCADE":
                _delete(conn, child, doomed)
            elif action == "SET NULL":
                op.execute(f"UPDATE {child} SET {column} = NULL WHERE {doomed}")
    op.execute(f"DELETE FROM {table} WHERE {where}")


def upgrade():
    op.create_table(
        "schedule_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Enum(*SCHEDULED, name="schedule_kind", native_enum=False, create_constraint=True,
                                  length=20), nullable=False),
        sa.Column("occurrence", sa.Integer(), server_default="1", nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("period_start_on", sa.Date(), nullable=False),
        sa.Column("period_end_on", sa.Date(), nullable=False),
        sa.CheckConstraint("kind <> 'adhoc'", name=op.f("ck_schedule_items_not_adhoc")),
        sa.CheckConstraint("occurrence BETWEEN 1 AND 4", name=op.f("ck_schedule_items_occurrence_range")),
        sa.CheckConstraint("period_start_on <= period_end_on", name=op.f("ck_schedule_items_period_ordered")),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], name=op.f("fk_schedule_items_plan_id_plans"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schedule_items")),
        sa.UniqueConstraint("plan_id", "kind", "occurrence", name=op.f("uq_schedule_items_plan_id_kind_occurrence")),
    )
    op.create_index(op.f("ix_schedule_items_plan_id"), "schedule_items", ["plan_id"])
    op.create_table(
        "waivers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("schedule_item_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["assignment_id"], ["assignments.id"],
                                name=op.f("fk_waivers_assignment_id_assignments"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["schedule_item_id"], ["schedule_items.id"],
                                name=op.f("fk_waivers_schedule_item_id_schedule_items"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_waivers")),
        sa.UniqueConstraint("assignment_id", "schedule_item_id", name=op.f("uq_waivers_assignment_id_schedule_item_id")),
    )
    op.create_index(op.f("ix_waivers_assignment_id"), "waivers", ["assignment_id"])

    conn = op.get_bind()
    items = sa.table("schedule_items", sa.column("id", sa.Integer), sa.column("plan_id", sa.Integer),
                     sa.column("kind", sa.String), sa.column("occurrence", sa.Integer), sa.column("due_on", sa.Date),
                     sa.column("period_start_on", sa.Date), sa.column("period_end_on", sa.Date))
    plans = conn.execute(sa.text("SELECT id, year, subplan_due_on, six_month_due_on, annual_due_on FROM plans")).all()
    for plan_id, year, *dues in plans:
        for kind, due in zip(OLD_SCHEDULED, dues):
            due = due if isinstance(due, dt.date) else dt.date.fromisoformat(str(due)[:10])  # SQLite: text
            start, end = _period(kind, year)
            conn.execute(items.insert().values(plan_id=plan_id, kind=kind, occurrence=1, due_on=due,
                                               period_start_on=start, period_end_on=end))

    with op.batch_alter_table("deliverables") as batch_op:
        batch_op.drop_index("uq_deliverables_periodic")
        batch_op.add_column(sa.Column("schedule_item_id", sa.Integer(), nullable=True))
    op.execute("""
        UPDATE deliverables SET schedule_item_id = (
            SELECT schedule_items.id FROM schedule_items JOIN assignments ON assignments.plan_id = schedule_items.plan_id
            WHERE assignments.id = deliverables.assignment_id AND schedule_items.kind = deliverables.kind)
        WHERE kind <> 'adhoc'""")
    if conn.dialect.name == "sqlite":
        # A CHECK and a foreign key are added by copying the table (see env.py: foreign keys
        # are off meanwhile, so the rows referring to deliverables stay as they are).
        with op.batch_alter_table("deliverables", recreate="always") as batch_op:
            batch_op.drop_constraint(op.f("ck_deliverables_deliverable_kind"), type_="check")
            batch_op.create_check_constraint(op.f("ck_deliverables_deliverable_kind"), _in("kind", NEW_KINDS))
            batch_op.create_check_constraint(op.f("ck_deliverables_scheduled_has_item"),
                                             "(kind = 'adhoc') = (schedule_item_id IS NULL)")
            batch_op.create_foreign_key(op.f("fk_deliverables_schedule_item_id_schedule_items"), "schedule_items",
                                        ["schedule_item_id"], ["id"], ondelete="CASCADE")
    else:
        op.drop_constraint(op.f("ck_deliverables_deliverable_kind"), "deliverables", type_="check")
        op.create_check_constraint(op.f("ck_deliverables_deliverable_kind"), "deliverables", _in("kind", NEW_KINDS))
        op.create_check_constraint(op.f("ck_deliverables_scheduled_has_item"), "deliverables",
                                   "(kind = 'adhoc') = (schedule_item_id IS NULL)")
        op.create_foreign_key(op.f("fk_deliverables_schedule_item_id_schedule_items"), "deliverables",
                              "schedule_items", ["schedule_item_id"], ["id"], ondelete="CASCADE")
    op.create_index(op.f("ix_deliverables_schedule_item_id"), "deliverables", ["schedule_item_id"])
    op.create_index("uq_deliverables_scheduled", "deliverables", ["assignment_id", "schedule_item_id"], unique=True,
                    sqlite_where=sa.text(SCHEDULED_INDEX), postgresql_where=sa.text(SCHEDULED_INDEX))

    with op.batch_alter_table("plans") as batch_op:
        batch_op.drop_column("subplan_due_on")
        batch_op.drop_column("six_month_due_on")
        batch_op.drop_column("annual_due_on")


def downgrade():
    conn = op.get_bind()
    with op.batch_alter_table("plans") as batch_op:
        batch_op.add_column(sa.Column("subplan_due_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("six_month_due_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("annual_due_on", sa.Date(), nullable=True))
    for kind in OLD_SCHEDULED:
        op.execute(f"""
            UPDATE plans SET {kind}_due_on = (
                SELECT due_on FROM schedule_items WHERE schedule_items.plan_id = plans.id
                AND schedule_items.kind = '{kind}' AND schedule_items.occurrence = 1)""")
        month_day = {"subplan": "03-31", "six_month": "06-15", "annual": "12-15"}[kind]
        if conn.dialect.name == "sqlite":
            op.execute(f"UPDATE plans SET {kind}_due_on = printf('%04d-{month_day}', year) WHERE {kind}_due_on IS NULL")
        else:
            op.execute(f"UPDATE plans SET {kind}_due_on = make_date(year, {int(month_day[:2])}, "
                       f"{int(month_day[3:])}) WHERE {kind}_due_on IS NULL")
    with op.batch_alter_table("plans") as batch_op:
        for kind in OLD_SCHEDULED:
            batch_op.alter_column(f"{kind}_due_on", existing_type=sa.Date(), nullable=False)
    # What the old schema cannot hold goes: the new kinds' deliverables and any second item of a kind.
    _delete(conn, "deliverables", f"NOT ({_in('kind', OLD_KINDS)})")
    op.drop_index("uq_deliverables_scheduled", table_name="deliverables")
    op.drop_index(op.f("ix_deliverables_schedule_item_id"), table_name="deliverables")
    if conn.dialect.name == "sqlite":
        with op.batch_alter_table("deliverables", recreate="always") as batch_op:
            batch_op.drop_constraint(op.f("fk_deliverables_schedule_item_id_schedule_items"), type_="foreignkey")
            batch_op.drop_constraint(op.f("ck_deliverables_scheduled_has_item"), type_="check")
            batch_op.drop_constraint(op.f("ck_deliverables_deliverable_kind"), type_="check")
            batch_op.create_check_constraint(op.f("ck_deliverables_deliverable_kind"), _in("kind", OLD_KINDS))
            batch_op.drop_column("schedule_item_id")
    else:
        op.drop_constraint(op.f("fk_deliverables_schedule_item_id_schedule_items"), "deliverables",
                           type_="foreignkey")
        op.drop_constraint(op.f("ck_deliverables_scheduled_has_item"), "deliverables", type_="check")
        op.drop_constraint(op.f("ck_deliverables_deliverable_kind"), "deliverables", type_="check")
        op.create_check_constraint(op.f("ck_deliverables_deliverable_kind"), "deliverables", _in("kind", OLD_KINDS))
        op.drop_column("deliverables", "schedule_item_id")
    op.create_index("uq_deliverables_periodic", "deliverables", ["assignment_id", "kind"], unique=True,
                    sqlite_where=sa.text("kind <> 'adhoc'"), postgresql_where=sa.text("kind <> 'adhoc'"))
    op.drop_index(op.f("ix_waivers_assignment_id"), table_name="waivers")
    op.drop_table("waivers")
    op.drop_index(op.f("ix_schedule_items_plan_id"), table_name="schedule_items")
    op.drop_table("schedule_items")
