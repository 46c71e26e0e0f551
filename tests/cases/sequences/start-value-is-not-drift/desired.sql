CREATE SEQUENCE public.invoice_no START 7;
