-- The role for pgdrift's pull request check (and for `pgdrift check` / `plan` anywhere): it may
-- read the catalog and make temporary objects, which pgdrift creates in a transaction it always
-- rolls back, and nothing else. Run as the database owner; replace the password, and the database
-- name `app` if yours differs. Keep the owner role for the migrate (apply) job.
CREATE ROLE pgdrift_check LOGIN PASSWORD 'change-me';
GRANT CONNECT, TEMPORARY ON DATABASE app TO pgdrift_check;
-- Types the spec's columns use (enums, domains) are resolved by name: the role needs to see the
-- schemas that hold them. USAGE lets it name objects there, not read or change any row.
GRANT USAGE ON SCHEMA public TO pgdrift_check;
