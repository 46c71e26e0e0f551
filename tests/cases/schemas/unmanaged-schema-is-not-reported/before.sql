CREATE SCHEMA other;
CREATE TABLE other.audit (id int);
CREATE TABLE public.t (id int);
