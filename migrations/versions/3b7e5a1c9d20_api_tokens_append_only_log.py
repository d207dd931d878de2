"""API tokens; the transition log refuses UPDATE and DELETE in the database itself

Revision ID: 3b7e5a1c9d20
Revises: 88d34d455462
Create Date: 2026-11-21 22:20:00
"""
import sqlalchemy as sa
from alembic import op

revision = "3b7e5a1c9d20"
down_revision = "88d34d455462"
branch_labels = None
depends_on = None

# The history of who moved which document is evidence: the application never changes
# it (a before_flush guard), and on PostgreSQL the database refuses to as well.
APPEND_ONLY = """
CREATE FUNCTION transition_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'transition_log is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER transition_log_no_update_or_delete
    BEFORE UPDATE OR DELETE ON transition_log
    FOR EACH ROW EXECUTE FUNCTION transition_log_append_only();
CREATE TRIGGER transition_log_no_truncate
    BEFORE TRUNCATE ON transition_log
    FOR EACH STATEMENT EXECUTE FUNCTION transition_log_append_only();
"""
SQLITE_APPEND_ONLY = [
    """CREATE TRIGGER transition_log_no_update BEFORE UPDATE ON transition_log
       BEGIN SELECT RAISE(ABORT, 'transition_log is append-only (UPDATE refused)'); END""",
    """CREATE TRIGGER transition_log_no_delete BEFORE DELETE ON transition_log
       BEGIN SELECT RAISE(ABORT, 'transition_log is append-only (DELETE refused)'); END""",
]


def upgrade():
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("prefix", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_api_tokens_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
    )
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_api_tokens_user_id"), ["user_id"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(APPEND_ONLY)
    else:  # SQLite: the same refusal (no TRUNCATE there)
        for statement in SQLITE_APPEND_ONLY:
            op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER transition_log_no_truncate ON transition_log")
        op.execute("DROP TRIGGER transition_log_no_update_or_delete ON transition_log")
        op.execute("DROP FUNCTION transition_log_append_only()")
    else:
        op.execute("DROP TRIGGER transition_log_no_update")
        op.execute("DROP TRIGGER transition_log_no_delete")
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_tokens_user_id"))
    op.drop_table("api_tokens")
