CREATE EXTENSION btree_gist;
CREATE TABLE public.booking (id int, room int, during tstzrange, note text,
  EXCLUDE USING gist (room WITH =, during WITH &&) WHERE (id > 0),
  CONSTRAINT booking_note_excl EXCLUDE USING gist (lower(note) WITH =) INCLUDE (id) DEFERRABLE);
