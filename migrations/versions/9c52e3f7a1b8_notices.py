"""Notices: one bell item per deliverable for its reminders; approvals and submissions
told by mail; the reviewers' daily digest (issue 14)

Revision ID: 9c52e3f7a1b8
Revises: 8b41d2e6f0a7
Create Date: 2026-11-30 20:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = "9c52e3f7a1b8"
down_revision = "8b41d2e6f0a7"
branch_labels = None
depends_on = None

REMINDER_ITEM = "kind IN ('before', 'due', 'overdue')"
OLD_MAIL_KINDS = ("reminder", "returned", "account")
NEW_MAIL_KINDS = (*OLD_MAIL_KINDS, "approved", "submitted", "digest")


def _mail_kinds(kinds):
    """The outbox's CHECK on its kind of mail, for these kinds."""
    if op.get_bind().dialect.name == "sqlite":
        # SQLite cannot alter a CHECK: the table is copied with the new one.
        with op.batch_alter_table("outbox", recreate="always") as batch_op:
            batch_op.drop_constraint(op.f("ck_outbox_mail_kind"), type_="check")
            batch_op.create_check_constraint(op.f("ck_outbox_mail_kind"), _in(kinds))
    else:
        op.drop_constraint(op.f("ck_outbox_mail_kind"), "outbox", type_="check")
        op.create_check_constraint(op.f("ck_outbox_mail_kind"), "outbox", _in(kinds))


def _in(kinds):
    return "kind IN (" + ", ".join(f"'{k}'" for k in kinds) + ")"


def upgrade():
    with op.batch_alter_table("notifications") as batch_op:
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("repeats", sa.Integer(), server_default="0", nullable=False))
    op.execute("UPDATE notifications SET updated_at = created_at")
    # The repeated reminders already in the bells become one item each: the latest, with
    # the count of the others.
    op.execute(f"""
        UPDATE notifications SET repeats = (
            SELECT count(*) - 1 FROM notifications AS other
            WHERE other.user_id = notifications.user_id AND other.deliverable_id = notifications.deliverable_id
              AND other.{REMINDER_ITEM})
        WHERE {REMINDER_ITEM}""")
    op.execute(f"""
        DELETE FROM notifications WHERE {REMINDER_ITEM} AND id <> (
            SELECT other.id FROM notifications AS other
            WHERE other.user_id = notifications.user_id AND other.deliverable_id = notifications.deliverable_id
              AND other.{REMINDER_ITEM}
            ORDER BY other.created_at DESC, other.id DESC LIMIT 1)""")
    with op.batch_alter_table("notifications") as batch_op:
        batch_op.alter_column("updated_at", existing_type=sa.DateTime(timezone=True), nullable=False)
        batch_op.create_index("uq_notifications_reminder_item", ["user_id", "deliverable_id"], unique=True,
                              sqlite_where=sa.text(REMINDER_ITEM), postgresql_where=sa.text(REMINDER_ITEM))

    op.create_table(
        "digests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("digest_on", sa.Date(), nullable=False),
        sa.Column("waiting", sa.Integer(), nullable=False),
        sa.Column("overdue", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_digests_user_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_digests")),
        sa.UniqueConstraint("user_id", "digest_on", name="uq_digests_identity"),
    )
    _mail_kinds(NEW_MAIL_KINDS)


def downgrade():
    op.execute("DELETE FROM outbox WHERE kind IN ('approved', 'submitted', 'digest')")
    _mail_kinds(OLD_MAIL_KINDS)
    op.drop_table("digests")
    with op.batch_alter_table("notifications") as batch_op:
        batch_op.drop_index("uq_notifications_reminder_item")
        batch_op.drop_column("repeats")
        batch_op.drop_column("updated_at")
