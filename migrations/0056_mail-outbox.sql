CREATE TABLE "mail_suppression" (
	"address" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"refusal" text NOT NULL,
	"detail" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mail_suppression" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "outbound_mail" (
	"id" uuid PRIMARY KEY NOT NULL,
	"template" text NOT NULL,
	"recipient" text NOT NULL,
	"sealed_params" text,
	"security" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"claimed_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp with time zone,
	"provider_message_id" text,
	"last_error" text,
	CONSTRAINT "outbound_mail_status" CHECK ("outbound_mail"."status" in ('pending', 'sent', 'suppressed', 'refused', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "outbound_mail" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE INDEX "outbound_mail_pending_idx" ON "outbound_mail" USING btree ("created_at") WHERE "outbound_mail"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "outbound_mail_recipient_idx" ON "outbound_mail" USING btree ("recipient");--> statement-breakpoint
CREATE POLICY "outbound_mail_request_insert" ON "outbound_mail" AS PERMISSIVE FOR INSERT TO public WITH CHECK ("outbound_mail"."status" = 'pending');