CREATE TABLE public.p (id int PRIMARY KEY, code text UNIQUE);
CREATE TABLE public.c (id int, p_id int REFERENCES public.p, role text CHECK (role = ANY (ARRAY['a', 'b'])), UNIQUE (role, p_id));
