CREATE SCHEMA app;
CREATE TABLE app.t (id int, note text);
COMMENT ON COLUMN app.t.note IS 'old';
COMMENT ON TABLE app.t IS 'gone';
CREATE TYPE app.mood AS ENUM ('a');
CREATE SEQUENCE app.s;
CREATE VIEW app.v AS SELECT 1 AS one;
