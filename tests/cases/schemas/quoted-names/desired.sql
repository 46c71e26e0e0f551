CREATE SCHEMA "My Schema";
CREATE TABLE "My Schema"."Order ""Lines""" ("Line No" int PRIMARY KEY, "semi;colon" text);
