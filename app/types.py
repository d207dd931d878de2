"""Column types shared by the models."""
import datetime as dt

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.types import TypeDecorator


def enum_column_type(enum_cls, name):
    """An enum stored as its string value, kept honest by a CHECK constraint on both databases."""
    return sa.Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=20,
        values_callable=lambda cls: [m.value for m in cls],
        validate_strings=True,
    )


class UTCDateTime(TypeDecorator):
    """Aware datetimes in, aware UTC datetimes out, whatever the database keeps."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(dt.timezone.utc)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:  # SQLite forgets the zone
            return value.replace(tzinfo=dt.timezone.utc)
        return value.astimezone(dt.timezone.utc)


def one_of(column, enum_cls, name, blank=False):
    """A CHECK that ``column`` holds a value of ``enum_cls`` (or "" when ``blank``)."""
    values = ([""] if blank else []) + [m.value for m in enum_cls]
    return sa.CheckConstraint(f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")", name=name)


def insert_for(session):
    """The INSERT construct of the session's database, which knows ON CONFLICT (both do)."""
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
