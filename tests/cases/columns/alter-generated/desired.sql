CREATE TABLE public.t (price int, total int GENERATED ALWAYS AS (price * 3) STORED, plain int GENERATED ALWAYS AS (price + 1) STORED);
