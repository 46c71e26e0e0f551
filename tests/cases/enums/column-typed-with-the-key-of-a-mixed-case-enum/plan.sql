-- pgdrift plan: 2 statements for 2 changes

-- New enum values that later statements use: PostgreSQL lets a value be used only once
-- the transaction that adds it has committed, so these commit first.
BEGIN;

-- public."Role": add value 'admin' to enum public."Role" after 'user'
--   hazard enum-value-usable-after-commit: A new enum value cannot be used until the transaction that adds it commits.
ALTER TYPE "public"."Role" ADD VALUE 'admin' AFTER 'user';

COMMIT;

BEGIN;
SET LOCAL search_path = "public";

-- public.b: create table public.b (2 columns)
CREATE TABLE "public"."b" (
  "r" public."Role" DEFAULT 'admin'::public."Role",
  "rs" public."Role"[]
);

COMMIT;
