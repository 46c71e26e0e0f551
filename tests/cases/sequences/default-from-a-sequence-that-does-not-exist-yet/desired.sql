CREATE SEQUENCE public.counter;
CREATE TABLE public.t (n bigint DEFAULT nextval('counter'));
