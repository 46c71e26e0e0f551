CREATE TABLE public.p (id int PRIMARY KEY, code text UNIQUE);
CREATE TABLE public.c (id int, p_id int, role text, CONSTRAINT whatever_fk FOREIGN KEY (p_id) REFERENCES public.p, CONSTRAINT role_ok CHECK (role IN ('a', 'b')), CONSTRAINT odd_name UNIQUE (role, p_id));
