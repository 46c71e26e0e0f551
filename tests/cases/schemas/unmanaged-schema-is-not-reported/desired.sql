CREATE SCHEMA other;
CREATE TABLE other.audit (x text);
CREATE TABLE public.t (id int);
