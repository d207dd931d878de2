"""Write a generated world into a database built by the migrations.

PostgreSQL: one COPY per table in one transaction, foreign-key triggers off while
copying (the generator writes parents first and only real ids), then sequences moved
past the ids used and statistics refreshed. Anything else (SQLite in the tests): Core
INSERTs in one transaction.
"""
import json
import time

import sqlalchemy as sa

from .dataset import generate

#: Tables whose ids come from a sequence on PostgreSQL.
_SEQUENCED = ("units", "unit_contacts", "users", "memberships", "plans", "schedule_items", "assignments", "plan_targets",
              "deliverables", "documents", "document_versions", "transition_log", "reminders")


def load(engine, spec, now, echo=print):
    """Load ``spec``'s world as of ``now``; return {table: rows} and the seconds taken."""
    started = time.perf_counter()
    counts = {}
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
            raw = conn.connection.driver_connection
            with raw.cursor() as cursor:
                for table, columns, rows in generate(spec, now):
                    counts[table] = _copy(cursor, table, columns, rows)
                    echo(f"  {table}: {counts[table]:,} rows ({time.perf_counter() - started:.0f} s)")
            for table in _SEQUENCED:
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 0) + 1, false) "
                    f"FROM {table}")
        else:
            meta = sa.MetaData()
            meta.reflect(conn)
            for table, columns, rows in generate(spec, now):
                rows = list(rows)
                if rows:
                    conn.execute(meta.tables[table].insert(), [dict(zip(columns, row, strict=True)) for row in rows])
                counts[table] = len(rows)
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")
    return counts, time.perf_counter() - started


def _copy(cursor, table, columns, rows):
    count = 0
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else v for v in row])
            count += 1
    return count
