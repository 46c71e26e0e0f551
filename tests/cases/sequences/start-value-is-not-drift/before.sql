CREATE SEQUENCE public.invoice_no START 1;
