CREATE EXTENSION btree_gist;
CREATE TABLE public.booking (id int, room int, during tstzrange, note text,
  CONSTRAINT booking_old_excl EXCLUDE USING gist (room WITH =));
