-- pgdrift plan: 2 statements for 2 changes

BEGIN;
SET LOCAL search_path = "app", "public";

-- app: create schema app
CREATE SCHEMA "app";

-- app.users: create table app.users (1 column)
CREATE TABLE "app"."users" (
  "id" integer
);

COMMIT;
