CREATE TABLE public.t (price int, id bigint GENERATED ALWAYS AS IDENTITY, double int GENERATED ALWAYS AS (price * 2) STORED);
