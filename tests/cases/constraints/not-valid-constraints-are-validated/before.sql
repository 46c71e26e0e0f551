CREATE TABLE public.p (id int PRIMARY KEY);
CREATE TABLE public.c (id int, p_id int, n int);
INSERT INTO public.p VALUES (1);
INSERT INTO public.c VALUES (1, 1, 5);
ALTER TABLE public.c ADD CONSTRAINT c_p_id_fkey FOREIGN KEY (p_id) REFERENCES public.p (id) NOT VALID;
ALTER TABLE public.c ADD CONSTRAINT c_n_check CHECK (n > 0) NOT VALID;
ALTER TABLE public.c ADD CONSTRAINT small CHECK (n < 10) NOT VALID;
