CREATE TABLE "event_interest" (
	"workspace_id" uuid NOT NULL,
	"consumer" text NOT NULL,
	"holders" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "event_interest_workspace_id_consumer_pk" PRIMARY KEY("workspace_id","consumer")
);
--> statement-breakpoint
ALTER TABLE "event_interest" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "event_interest" ADD CONSTRAINT "event_interest_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "event_interest_tenant_read" ON "event_interest" AS PERMISSIVE FOR SELECT TO public USING (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "event_interest_system" ON "event_interest" AS PERMISSIVE FOR ALL TO public USING (current_user <> 'app_request') WITH CHECK (current_user <> 'app_request');