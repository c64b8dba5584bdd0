"""Django's SQLite backend, with one change: `flush` (which empties every
table, e.g. between tests) lifts the audit log's append-only trigger for
that statement batch only. PostgreSQL's flush uses TRUNCATE, which row
triggers do not see, so it needs no such change."""
from django.db.backends.sqlite3 import base, operations

from majlis.moderation.triggers import AUDIT_TABLE, SQLITE_APPEND_ONLY, SQLITE_DROP_APPEND_ONLY


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        sql = super().sql_flush(style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        if AUDIT_TABLE in tables:
            sql = [*SQLITE_DROP_APPEND_ONLY, *sql, *SQLITE_APPEND_ONLY]
        return sql


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
