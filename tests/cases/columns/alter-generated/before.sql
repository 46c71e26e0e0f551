CREATE TABLE public.t (price int, total int GENERATED ALWAYS AS (price * 2) STORED, plain int);
