-- pgdrift plan: 3 statements for 3 changes

BEGIN;
SET LOCAL search_path = "public";

-- public.booking.booking_room_during_excl: add exclusion constraint USING gist (room WITH =, during WITH &&) WHERE id > 0
--   hazard may-fail-on-existing-rows: May fail if existing rows violate it; nothing is changed if it does.
--   hazard blocks-writes: Blocks writes to the table while it runs (an index build or a validation scan).
ALTER TABLE "public"."booking" ADD CONSTRAINT "booking_room_during_excl" EXCLUDE USING "gist" ("room" WITH =, "during" WITH &&) WHERE (id > 0);

-- public.booking.booking_note_excl: add exclusion constraint USING gist ((lower(note)) COLLATE "default" WITH =) INCLUDE (id) DEFERRABLE
--   hazard may-fail-on-existing-rows: May fail if existing rows violate it; nothing is changed if it does.
--   hazard blocks-writes: Blocks writes to the table while it runs (an index build or a validation scan).
ALTER TABLE "public"."booking" ADD CONSTRAINT "booking_note_excl" EXCLUDE USING "gist" ((lower(note)) COLLATE "default" WITH =) INCLUDE ("id") DEFERRABLE;

-- public.booking.booking_old_excl: drop exclusion constraint booking_old_excl USING gist (room WITH =)
ALTER TABLE "public"."booking" DROP CONSTRAINT "booking_old_excl";

COMMIT;
