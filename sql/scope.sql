-- The schemas one introspection reads. Every catalog query below is run as
--   WITH scope AS (<this query>) <the query>
-- The setting pgdrift.scope is set (transaction-locally) by the caller to one of
--   {"temp": true}              the session's own temporary schema (spec canonicalisation)
--   {"schemas": ["public", …]}  exactly these schemas
--   {}                          every schema but the system ones
-- with "open": true when the read runs inside apply's transaction (see columns.sql). Reading the
-- temporary schema also reads the stored expression trees (temp), which the spec's canonical
-- form is compared by where PostgreSQL prints two equal expressions differently (src/db/reprint.ts).
SELECT n.oid, n.nspname, cfg.s ? 'open' AS open, cfg.s ? 'temp' AS temp
FROM pg_catalog.pg_namespace n
CROSS JOIN (SELECT pg_catalog.current_setting('pgdrift.scope')::jsonb AS s) cfg
WHERE CASE
  WHEN cfg.s ? 'temp' THEN n.oid = pg_catalog.pg_my_temp_schema()
  WHEN cfg.s ? 'schemas' THEN n.nspname IN (SELECT pg_catalog.jsonb_array_elements_text(cfg.s -> 'schemas'))
  ELSE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
    AND n.nspname !~ '^pg_(toast_)?temp_'
END
