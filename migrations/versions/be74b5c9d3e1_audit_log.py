"""The audit log of every change but documents' moves; the database refuses UPDATE and DELETE on it

Revision ID: be74b5c9d3e1
Revises: ad63f4a8b2c9
Create Date: 2026-12-02 10:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = "be74b5c9d3e1"
down_revision = "ad63f4a8b2c9"
branch_labels = None
depends_on = None

# Who changed what is evidence, like the transition log: the application never changes an
# entry (a before_flush guard), and the database refuses to on both engines.
APPEND_ONLY = """
CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_log_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
"""
SQLITE_APPEND_ONLY = [
    """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only (UPDATE refused)'); END""",
    """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only (DELETE refused)'); END""",
]


def upgrade():
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_label", sa.String(length=255), nullable=False),
        sa.Column("object_type", sa.String(length=30), nullable=False),
        sa.Column("object_id", sa.Integer(), nullable=False),
        sa.Column("object_label", sa.String(length=255), nullable=False),
        sa.Column("action", sa.Enum("created", "changed", "deleted", name="audit_action", native_enum=False,
                                    create_constraint=True, length=20), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["users.id"], name=op.f("fk_audit_log_actor_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_plan_id"), ["plan_id"], unique=False)
        batch_op.create_index("ix_audit_log_unit_id_at", ["unit_id", "at"], unique=False)
        batch_op.create_index("ix_audit_log_object_type_object_id", ["object_type", "object_id"], unique=False)
        batch_op.create_index("ix_audit_log_at", ["at"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(APPEND_ONLY)
    else:  # SQLite: the same refusal (no TRUNCATE there)
        for statement in SQLITE_APPEND_ONLY:
            op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_log_no_truncate ON audit_log")
        op.execute("DROP TRIGGER audit_log_no_update_or_delete ON audit_log")
        op.execute("DROP FUNCTION audit_log_append_only()")
    else:
        op.execute("DROP TRIGGER audit_log_no_update")
        op.execute("DROP TRIGGER audit_log_no_delete")
    op.drop_index("ix_audit_log_at", table_name="audit_log")
    op.drop_index("ix_audit_log_object_type_object_id", table_name="audit_log")
    op.drop_index("ix_audit_log_unit_id_at", table_name="audit_log")
    op.drop_index(op.f("ix_audit_log_plan_id"), table_name="audit_log")
    op.drop_index(op.f("ix_audit_log_actor_id"), table_name="audit_log")
    op.drop_table("audit_log")
