"""subscription terms kept by triggers; pages of burst announcements

``subscription_terms`` holds each distinct (kind, value) subscribed to with its count, kept by triggers
on ``subscriptions`` (statement-level with transition tables on PostgreSQL, so a bulk load costs one
aggregate; row-level on SQLite), so planning reads a few thousand terms rather than every subscription.
``burst_notices`` records the notices of each page announced as one list to chats owed many of them.
The outbox loses its foreign keys: checking them was three quarters of the cost of writing a page's
rows, and the dispatcher already cancels a row whose chat or notice is gone.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PG = (
    """
    CREATE OR REPLACE FUNCTION subscription_terms_added() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO subscription_terms (kind, value, chats)
        SELECT kind, value, count(*) FROM added GROUP BY kind, value
        ON CONFLICT (kind, value) DO UPDATE SET chats = subscription_terms.chats + excluded.chats;
        RETURN NULL;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION subscription_terms_removed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE subscription_terms t SET chats = t.chats - r.n
        FROM (SELECT kind, value, count(*) AS n FROM removed GROUP BY kind, value) r
        WHERE t.kind = r.kind AND t.value = r.value;
        DELETE FROM subscription_terms t USING removed r
        WHERE t.kind = r.kind AND t.value = r.value AND t.chats <= 0;
        RETURN NULL;
    END $$
    """,
    "CREATE TRIGGER subscription_terms_insert AFTER INSERT ON subscriptions "
    "REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION subscription_terms_added()",
    "CREATE TRIGGER subscription_terms_delete AFTER DELETE ON subscriptions "
    "REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION subscription_terms_removed()",
    "CREATE TRIGGER subscription_terms_update_old AFTER UPDATE ON subscriptions "
    "REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION subscription_terms_removed()",
    "CREATE TRIGGER subscription_terms_update_new AFTER UPDATE ON subscriptions "
    "REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION subscription_terms_added()",
)
_SQLITE_ADD = (
    "INSERT INTO subscription_terms (kind, value, chats) VALUES (NEW.kind, NEW.value, 1) "
    "ON CONFLICT (kind, value) DO UPDATE SET chats = chats + 1;"
)
_SQLITE_REMOVE = (
    "UPDATE subscription_terms SET chats = chats - 1 WHERE kind = OLD.kind AND value = OLD.value; "
    "DELETE FROM subscription_terms WHERE kind = OLD.kind AND value = OLD.value AND chats <= 0;"
)
_SQLITE = (
    f"CREATE TRIGGER subscription_terms_insert AFTER INSERT ON subscriptions BEGIN {_SQLITE_ADD} END",
    f"CREATE TRIGGER subscription_terms_delete AFTER DELETE ON subscriptions BEGIN {_SQLITE_REMOVE} END",
    "CREATE TRIGGER subscription_terms_update AFTER UPDATE OF kind, value ON subscriptions "
    f"BEGIN {_SQLITE_REMOVE} {_SQLITE_ADD} END",
)


def upgrade() -> None:
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.drop_constraint("fk_reminders_chat_id_chats", type_="foreignkey")
        batch_op.drop_constraint("fk_reminders_notice_id_notices", type_="foreignkey")
    op.create_table(
        "subscription_terms",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("chats", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "value", name=op.f("pk_subscription_terms")),
    )
    op.execute(
        "INSERT INTO subscription_terms (kind, value, chats) "
        "SELECT kind, value, count(*) FROM subscriptions GROUP BY kind, value"
    )
    postgresql = op.get_bind().dialect.name == "postgresql"
    for statement in _PG if postgresql else _SQLITE:
        op.execute(statement)
    op.create_table(
        "burst_notices",
        sa.Column("page", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("notice_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("anchor", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["notice_id"],
            ["notices.id"],
            name=op.f("fk_burst_notices_notice_id_notices"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("page", "notice_id", name=op.f("pk_burst_notices")),
    )
    op.create_index("ix_burst_notices_notice", "burst_notices", ["notice_id", "page", "anchor"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_burst_notices_notice", table_name="burst_notices")
    op.drop_table("burst_notices")
    if op.get_bind().dialect.name == "postgresql":
        for name in ("insert", "delete", "update_old", "update_new"):
            op.execute(f"DROP TRIGGER IF EXISTS subscription_terms_{name} ON subscriptions")
        op.execute("DROP FUNCTION IF EXISTS subscription_terms_added()")
        op.execute("DROP FUNCTION IF EXISTS subscription_terms_removed()")
    else:
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS subscription_terms_{name}")
    op.drop_table("subscription_terms")
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.create_foreign_key(
            "fk_reminders_notice_id_notices", "notices", ["notice_id"], ["id"], ondelete="CASCADE"
        )
        batch_op.create_foreign_key(
            "fk_reminders_chat_id_chats", "chats", ["chat_id"], ["id"], ondelete="CASCADE"
        )
