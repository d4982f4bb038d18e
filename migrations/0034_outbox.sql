CREATE TABLE "event_receipt" (
	"handler" text NOT NULL,
	"event_id" uuid NOT NULL,
	"handled_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_receipt_handler_event_id_pk" PRIMARY KEY("handler","event_id")
);
--> statement-breakpoint
ALTER TABLE "event_receipt" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "outbox_event" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"type" text NOT NULL,
	"version" integer NOT NULL,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_until" timestamp with time zone,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "outbox_event" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "outbox_event" ADD CONSTRAINT "outbox_event_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_receipt_handled_idx" ON "event_receipt" USING btree ("handled_at");--> statement-breakpoint
CREATE INDEX "outbox_event_unsent_idx" ON "outbox_event" USING btree ("occurred_at") WHERE "outbox_event"."sent_at" is null;--> statement-breakpoint
CREATE POLICY "outbox_event_tenant_insert" ON "outbox_event" AS PERMISSIVE FOR INSERT TO public WITH CHECK (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "outbox_event_relay" ON "outbox_event" AS PERMISSIVE FOR ALL TO public USING (current_user <> 'app_request') WITH CHECK (current_user <> 'app_request');