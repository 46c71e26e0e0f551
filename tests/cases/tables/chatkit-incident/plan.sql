-- pgdrift plan: 5 statements for 3 changes

BEGIN;
SET LOCAL search_path = "public";

-- public.messages: create table public.messages (7 columns, 1 index, 1 foreign key, 1 check)
CREATE TABLE "public"."messages" (
  "id" character varying(36) NOT NULL,
  "session_id" character varying(36),
  "role" character varying(20) NOT NULL,
  "content" text NOT NULL,
  "timestamp" timestamp without time zone DEFAULT now(),
  "citations" jsonb DEFAULT '[]'::jsonb,
  "selected_text" text DEFAULT ''::text,
  PRIMARY KEY ("id"),
  CHECK (role::text = ANY (ARRAY['user'::character varying, 'assistant'::character varying, 'system'::character varying]::text[]))
);

-- public.conversations.updated_at: add column updated_at timestamp without time zone DEFAULT now()
ALTER TABLE "public"."conversations" ADD COLUMN "updated_at" timestamp without time zone DEFAULT now();

-- public.conversations.metadata: add column metadata jsonb DEFAULT '{}'::jsonb
ALTER TABLE "public"."conversations" ADD COLUMN "metadata" jsonb DEFAULT '{}'::jsonb;

-- public.messages: create table public.messages (7 columns, 1 index, 1 foreign key, 1 check)
CREATE INDEX "idx_messages_session_id" ON "public"."messages" ("session_id");
ALTER TABLE "public"."messages" ADD FOREIGN KEY ("session_id") REFERENCES "public"."conversations" ("id") ON DELETE CASCADE;

COMMIT;
