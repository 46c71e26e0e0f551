CREATE SEQUENCE public.old_counter;
