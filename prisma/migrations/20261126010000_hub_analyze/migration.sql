-- The statistics keeper (platform/db/statistics-keeper.ts, decision 69) analyses tables that grow
-- faster than autovacuum analyses them. ANALYZE needs the owner of a table, and the runtime role
-- of the hub owns nothing (docs/threat-model.md): the owner lends it this one act, on the tables
-- of the hub only. ANALYZE reads a sample and writes planner statistics, never a row of data.
-- The runner splits the script on every semicolon, quoted or not, so the function body writes
-- each of its semicolons as the escape \073 (as in 20261123130000_protect_access_events).
CREATE FUNCTION "hub_analyze"(target regclass) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS E'BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.oid = target AND n.nspname = ''public'' AND c.relkind = ''r''
  ) THEN
    RAISE EXCEPTION ''hub_analyze: % is not a table of the hub'', target\073
  END IF\073
  EXECUTE format(''ANALYZE %s'', target)\073
END';

REVOKE ALL ON FUNCTION "hub_analyze"(regclass) FROM PUBLIC;
