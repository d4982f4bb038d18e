CREATE TABLE "notification" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"event_id" uuid NOT NULL,
	"in_app" boolean DEFAULT true NOT NULL,
	"digest_pending" boolean DEFAULT false NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notification" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "notification_preference" (
	"workspace_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"enabled" boolean NOT NULL,
	"digest" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_preference_workspace_id_person_id_kind_channel_pk" PRIMARY KEY("workspace_id","person_id","kind","channel"),
	CONSTRAINT "notification_preference_channel_valid" CHECK ("notification_preference"."channel" in ('in_app', 'email')),
	CONSTRAINT "notification_preference_digest_valid" CHECK ("notification_preference"."digest" is null or "notification_preference"."digest" in ('hourly', 'daily'))
);
--> statement-breakpoint
ALTER TABLE "notification_preference" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "notification" ADD CONSTRAINT "notification_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification" ADD CONSTRAINT "notification_workspace_id_person_id_membership_workspace_id_user_id_fk" FOREIGN KEY ("workspace_id","person_id") REFERENCES "public"."membership"("workspace_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preference" ADD CONSTRAINT "notification_preference_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preference" ADD CONSTRAINT "notification_preference_workspace_id_person_id_membership_workspace_id_user_id_fk" FOREIGN KEY ("workspace_id","person_id") REFERENCES "public"."membership"("workspace_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notification_inbox_idx" ON "notification" USING btree ("workspace_id","person_id","created_at","id");--> statement-breakpoint
CREATE INDEX "notification_digest_idx" ON "notification" USING btree ("created_at") WHERE digest_pending;--> statement-breakpoint
CREATE UNIQUE INDEX "notification_event_person_kind_key" ON "notification" USING btree ("event_id","person_id","kind");--> statement-breakpoint
CREATE POLICY "notification_tenant" ON "notification" AS PERMISSIVE FOR ALL TO public USING (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid) WITH CHECK (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "notification_own" ON "notification" AS RESTRICTIVE FOR ALL TO public USING (current_user <> 'app_request' or person_id = nullif(current_setting('app.user_id', true), '')::uuid) WITH CHECK (current_user <> 'app_request' or person_id = nullif(current_setting('app.user_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "notification_digest_due" ON "notification" AS PERMISSIVE FOR SELECT TO public USING (digest_pending and read_at is null and created_at < nullif(current_setting('app.digest_before', true), '')::timestamptz);--> statement-breakpoint
CREATE POLICY "notification_preference_tenant" ON "notification_preference" AS PERMISSIVE FOR ALL TO public USING (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid) WITH CHECK (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "notification_preference_own" ON "notification_preference" AS RESTRICTIVE FOR ALL TO public USING (current_user <> 'app_request' or person_id = nullif(current_setting('app.user_id', true), '')::uuid) WITH CHECK (current_user <> 'app_request' or person_id = nullif(current_setting('app.user_id', true), '')::uuid);