-- Access events are append-only. The application connects as the owner of the table, so
-- revoking UPDATE/DELETE is not enough: these triggers refuse them (and TRUNCATE) for every
-- role. A superuser can still bypass triggers (session_replication_role = replica, or by
-- disabling them), and the hash chain (npm run audit:verify) is what detects such a change.
-- The runner (the driver adapter) splits the script on every semicolon, quoted or not, so the
-- function body writes its one semicolon as the escape \073.
CREATE OR REPLACE FUNCTION access_event_append_only() RETURNS trigger
LANGUAGE plpgsql AS E'BEGIN
  RAISE EXCEPTION ''AccessEvent is append-only: % refused'', TG_OP
    USING ERRCODE = ''insufficient_privilege''\073
END';

CREATE TRIGGER "AccessEvent_no_update_or_delete"
  BEFORE UPDATE OR DELETE ON "AccessEvent"
  FOR EACH ROW EXECUTE FUNCTION access_event_append_only();

CREATE TRIGGER "AccessEvent_no_truncate"
  BEFORE TRUNCATE ON "AccessEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION access_event_append_only();

-- Where a separate, non-owner application role is used (production), it may only add and read.
REVOKE UPDATE, DELETE, TRUNCATE ON "AccessEvent" FROM PUBLIC;
