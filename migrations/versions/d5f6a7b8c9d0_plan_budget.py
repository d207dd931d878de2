"""A plan's own budget: what it allocates per project of its programme and source

Revision ID: d5f6a7b8c9d0
Revises: d3c2f5a7b9d1
Create Date: 2026-12-01 09:00:00

A new table, one row per line of section V of a plan (kinh phí): a project or sub-project
of the plan's programme, or (no item) the total as the plan prints it; the cells are the
documents' budget cells. Existing plans start with no budget. Going down drops the table
and its lines.
"""
import sqlalchemy as sa
from alembic import op

revision = "d5f6a7b8c9d0"
down_revision = "d3c2f5a7b9d1"
branch_labels = None
depends_on = None

CELLS = ("central_investment", "central_recurrent", "local_investment", "local_recurrent", "other", "total")
TOTAL_LINE = "budget_item_id IS NULL"


def upgrade():
    op.create_table(
        "plan_budget_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("budget_item_id", sa.Integer(), nullable=True),
        *(sa.Column(c, sa.Numeric(15, 3), nullable=True) for c in CELLS),
        sa.CheckConstraint(" AND ".join(f"({c} IS NULL OR {c} >= 0)" for c in CELLS),
                           name=op.f("ck_plan_budget_lines_amounts_non_negative")),
        sa.CheckConstraint(" OR ".join(f"{c} IS NOT NULL" for c in CELLS), name=op.f("ck_plan_budget_lines_not_empty")),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], name=op.f("fk_plan_budget_lines_plan_id_plans"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["budget_item_id"], ["budget_items.id"],
                                name=op.f("fk_plan_budget_lines_budget_item_id_budget_items")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_budget_lines")),
        sa.UniqueConstraint("plan_id", "budget_item_id", name=op.f("uq_plan_budget_lines_plan_id_budget_item_id")),
    )
    op.create_index(op.f("ix_plan_budget_lines_plan_id"), "plan_budget_lines", ["plan_id"])
    op.create_index(op.f("ix_plan_budget_lines_budget_item_id"), "plan_budget_lines", ["budget_item_id"])
    op.create_index("uq_plan_budget_lines_total", "plan_budget_lines", ["plan_id"], unique=True,
                    sqlite_where=sa.text(TOTAL_LINE), postgresql_where=sa.text(TOTAL_LINE))


def downgrade():
    op.drop_index("uq_plan_budget_lines_total", table_name="plan_budget_lines")
    op.drop_index(op.f("ix_plan_budget_lines_budget_item_id"), table_name="plan_budget_lines")
    op.drop_index(op.f("ix_plan_budget_lines_plan_id"), table_name="plan_budget_lines")
    op.drop_table("plan_budget_lines")
