"""SQL for the audit log's append-only guarantee, per database vendor."""

AUDIT_TABLE = "moderation_auditentry"

SQLITE_APPEND_ONLY = [
    """CREATE TRIGGER IF NOT EXISTS moderation_auditentry_no_update BEFORE UPDATE ON moderation_auditentry
       BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;""",
    """CREATE TRIGGER IF NOT EXISTS moderation_auditentry_no_delete BEFORE DELETE ON moderation_auditentry
       BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;""",
]
SQLITE_DROP_APPEND_ONLY = [
    "DROP TRIGGER IF EXISTS moderation_auditentry_no_update;",
    "DROP TRIGGER IF EXISTS moderation_auditentry_no_delete;",
]
POSTGRES_APPEND_ONLY = [
    """CREATE OR REPLACE FUNCTION moderation_auditentry_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit log is append-only' USING ERRCODE = 'integrity_constraint_violation'; END;
       $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER moderation_auditentry_append_only BEFORE UPDATE OR DELETE ON moderation_auditentry
       FOR EACH ROW EXECUTE FUNCTION moderation_auditentry_append_only();""",
]
POSTGRES_DROP_APPEND_ONLY = [
    "DROP TRIGGER IF EXISTS moderation_auditentry_append_only ON moderation_auditentry;",
    "DROP FUNCTION IF EXISTS moderation_auditentry_append_only();",
]
