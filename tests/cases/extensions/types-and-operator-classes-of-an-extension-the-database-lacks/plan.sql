-- pgdrift plan: 7 statements for 6 changes

BEGIN;
SET LOCAL search_path = "public";

-- btree_gist: create extension btree_gist
CREATE EXTENSION "btree_gist" SCHEMA "public";

-- citext: create extension citext
CREATE EXTENSION "citext" SCHEMA "public";

-- public.t.email: add column email public.citext DEFAULT 'x'::public.citext
ALTER TABLE "public"."t" ADD COLUMN "email" public.citext DEFAULT 'x'::public.citext;

-- public.t.t_email_check: add check (email OPERATOR(public.<>) 'NOBODY'::public.citext)
ALTER TABLE "public"."t" ADD CONSTRAINT "t_email_check" CHECK (email OPERATOR(public.<>) 'NOBODY'::public.citext) NOT VALID;
--   hazard may-fail-on-existing-rows: May fail if existing rows violate it; nothing is changed if it does.
ALTER TABLE "public"."t" VALIDATE CONSTRAINT "t_email_check";

-- public.t.t_id_gist: create index t_id_gist gist (id)
--   hazard blocks-writes: Blocks writes to the table while it runs (an index build or a validation scan).
CREATE INDEX "t_id_gist" ON "public"."t" USING "gist" ("id");

-- public.emails: create view public.emails
CREATE VIEW "public"."emails" AS
SELECT email FROM t WHERE email = 'A';

COMMIT;
