CREATE TABLE public.t (id int);
CREATE TABLE public.schema_migrations (version text);
CREATE TABLE public.knex_lock (x int);
CREATE TABLE public.knex_migrations (x int);
CREATE TABLE public.leftover (x int);
