-- pgdrift plan: 2 statements for 2 changes

BEGIN;
SET LOCAL search_path = "My Schema", "public";

-- "My Schema": create schema "My Schema"
CREATE SCHEMA "My Schema";

-- "My Schema"."Order ""Lines""": create table "My Schema"."Order ""Lines""" (2 columns)
CREATE TABLE "My Schema"."Order ""Lines""" (
  "Line No" integer NOT NULL,
  "semi;colon" text,
  PRIMARY KEY ("Line No")
);

COMMIT;
