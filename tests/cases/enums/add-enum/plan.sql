-- pgdrift plan: 1 statement for 1 change

BEGIN;
SET LOCAL search_path = "public";

-- public.mood: create enum public.mood (sad, ok, happy)
CREATE TYPE "public"."mood" AS ENUM ('sad', 'ok', 'happy');

COMMIT;
