"""Programmes: the project catalog belongs to a programme, and a plan chooses its programme

Revision ID: d2b1e4f6a8c0
Revises: e0c4a7b9d2f1
Create Date: 2026-11-30 21:30:00

The catalog was one list of items tagged with a program's name ("QĐ 90/QĐ-TTg"). Now a
programme is a row — code, name, the decision that approved it, its years — and every
item and every plan points to one:

- the 2021–2025 National Target Programme for Sustainable Poverty Reduction (QĐ 90/QĐ-TTg)
  is created, owns the items tagged "QĐ 90/QĐ-TTg", and every existing plan is attached
  to it (their documents' budget lines are its items);
- any other name an administrator had typed becomes a programme of its own, with the
  years its name gives ("... 2026-2035") or, failing that, 2021–2025, to be corrected on
  the catalog page.

Going down puts the name back on the items (the programme's decision reference, or its
code when it has none or shares it with another) and forgets the programmes.

SQLite changes a column's NOT NULL, a foreign key or a unique constraint only by
rebuilding the table (Alembic's batch mode). Rows point to ``plans`` (assignments,
targets, reminders...), and with foreign keys on, dropping the old table would count
them as broken; so there the rebuild runs with foreign keys off, and checks afterwards
(``PRAGMA foreign_key_check``) that every reference still finds its row.
"""
import contextlib
import re

import sqlalchemy as sa
from alembic import op

revision = "d2b1e4f6a8c0"
down_revision = "e0c4a7b9d2f1"
branch_labels = None
depends_on = None

#: The name the catalog's items carried for the 2021–2025 programme.
QD90 = "QĐ 90/QĐ-TTg"
#: The programme created for it, as of this revision (administrators may rename it later).
QD90_PROGRAMME = {"code": "GNBV-2021-2025",
                  "name": "Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021 - 2025",
                  "decision": QD90, "start_year": 2021, "end_year": 2025, "is_active": True}

programmes = sa.table("programmes", sa.column("id", sa.Integer), sa.column("code", sa.String),
                      sa.column("name", sa.String), sa.column("decision", sa.String),
                      sa.column("start_year", sa.Integer), sa.column("end_year", sa.Integer),
                      sa.column("is_active", sa.Boolean))
items = sa.table("budget_items", sa.column("id", sa.Integer), sa.column("program", sa.String),
                 sa.column("programme_id", sa.Integer))
plans = sa.table("plans", sa.column("id", sa.Integer), sa.column("programme_id", sa.Integer))

#: The plans' partial unique index: rebuilt by hand in a batch (see 86298e05afc2).
PLAN_NUMBER_INDEX = ("uq_plans_issuer_year_number", ["issuing_unit_id", "year", "number"])


@contextlib.contextmanager
def _rebuilding_tables():
    """The tables rebuilt here on SQLite keep the rows referring to them: env.py turns the
    foreign keys off for the whole migration run and checks every reference after it."""
    yield


def _years(name):
    found = [int(y) for y in re.findall(r"(?<!\d)(20\d\d)(?!\d)", name)]
    if len(found) >= 2 and found[0] <= found[1]:
        return found[0], found[1]
    return QD90_PROGRAMME["start_year"], QD90_PROGRAMME["end_year"]


def _create_programmes(conn):
    """{program name on the items: programme id}; QĐ 90/QĐ-TTg's is always made."""
    conn.execute(programmes.insert().values(**QD90_PROGRAMME))
    ids = {QD90: conn.execute(sa.select(programmes.c.id).where(programmes.c.code == QD90_PROGRAMME["code"]))
           .scalar_one()}
    names = conn.execute(sa.select(items.c.program).distinct().where(items.c.program != QD90)).scalars().all()
    for number, name in enumerate(sorted(names), start=2):
        start, end = _years(name)
        code = f"CT{number}"
        conn.execute(programmes.insert().values(code=code, name=name, decision=name[:100], start_year=start,
                                                end_year=end, is_active=True))
        ids[name] = conn.execute(sa.select(programmes.c.id).where(programmes.c.code == code)).scalar_one()
    return ids


def upgrade():
    op.create_table(
        "programmes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=400), nullable=False),
        sa.Column("decision", sa.String(length=100), server_default="", nullable=False),
        sa.Column("start_year", sa.Integer(), nullable=False),
        sa.Column("end_year", sa.Integer(), nullable=False),
        sa.Column("is_active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.CheckConstraint("start_year BETWEEN 2000 AND 2100 AND end_year BETWEEN 2000 AND 2100",
                           name=op.f("ck_programmes_years_range")),
        sa.CheckConstraint("start_year <= end_year", name=op.f("ck_programmes_years_in_order")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programmes")),
        sa.UniqueConstraint("code", name=op.f("uq_programmes_code")),
    )
    conn = op.get_bind()
    ids = _create_programmes(conn)

    with _rebuilding_tables():
        with op.batch_alter_table("budget_items") as batch:
            batch.add_column(sa.Column("programme_id", sa.Integer(), nullable=True))
        for name, programme_id in ids.items():
            conn.execute(items.update().where(items.c.program == name).values(programme_id=programme_id))
        with op.batch_alter_table("budget_items") as batch:
            batch.alter_column("programme_id", existing_type=sa.Integer(), nullable=False)
            batch.drop_constraint("uq_budget_items_program_code", type_="unique")
            batch.drop_column("program")
            batch.create_unique_constraint(batch.f("uq_budget_items_programme_id_code"), ["programme_id", "code"])
            batch.create_index(batch.f("ix_budget_items_programme_id"), ["programme_id"], unique=False)
            batch.create_foreign_key(batch.f("fk_budget_items_programme_id_programmes"), "programmes",
                                     ["programme_id"], ["id"])

        with op.batch_alter_table("plans") as batch:
            batch.add_column(sa.Column("programme_id", sa.Integer(), nullable=True))
        conn.execute(plans.update().values(programme_id=ids[QD90]))
        with op.batch_alter_table("plans") as batch:
            batch.alter_column("programme_id", existing_type=sa.Integer(), nullable=False)
            batch.create_index(batch.f("ix_plans_programme_id"), ["programme_id"], unique=False)
            batch.create_foreign_key(batch.f("fk_plans_programme_id_programmes"), "programmes",
                                     ["programme_id"], ["id"])
            _keep_plan_number_index(batch)


def _keep_plan_number_index(batch):
    # Reflection on SQLite may lose the index's WHERE: drafts share the empty number.
    name, columns = PLAN_NUMBER_INDEX
    batch.drop_index(name)
    batch.create_index(name, columns, unique=True, sqlite_where=sa.text("number <> ''"),
                       postgresql_where=sa.text("number <> ''"))


def downgrade():
    conn = op.get_bind()
    with _rebuilding_tables():
        with op.batch_alter_table("plans") as batch:
            batch.drop_constraint(batch.f("fk_plans_programme_id_programmes"), type_="foreignkey")
            batch.drop_index(batch.f("ix_plans_programme_id"))
            batch.drop_column("programme_id")
            _keep_plan_number_index(batch)

        with op.batch_alter_table("budget_items") as batch:
            batch.add_column(sa.Column("program", sa.String(length=60), nullable=True))
        rows = conn.execute(sa.select(programmes.c.id, programmes.c.decision, programmes.c.code)).all()
        decisions = [(decision or "")[:60] for _id, decision, _code in rows]
        for programme_id, decision, code in rows:
            # Its decision as the name, unless another programme shares it: (name, code) is unique.
            name = (decision or "")[:60]
            conn.execute(items.update().where(items.c.programme_id == programme_id)
                         .values(program=name if name and decisions.count(name) == 1 else code))
        with op.batch_alter_table("budget_items") as batch:
            batch.alter_column("program", existing_type=sa.String(length=60), nullable=False)
            batch.drop_constraint(batch.f("fk_budget_items_programme_id_programmes"), type_="foreignkey")
            batch.drop_index(batch.f("ix_budget_items_programme_id"))
            batch.drop_constraint(batch.f("uq_budget_items_programme_id_code"), type_="unique")
            batch.drop_column("programme_id")
            batch.create_unique_constraint(batch.f("uq_budget_items_program_code"), ["program", "code"])
    op.drop_table("programmes")
