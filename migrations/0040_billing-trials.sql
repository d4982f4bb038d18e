CREATE TABLE "workspace_trial" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"plan" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"extended_at" timestamp with time zone,
	CONSTRAINT "workspace_trial_plan_valid" CHECK ("workspace_trial"."plan" in ('pro', 'team'))
);
--> statement-breakpoint
ALTER TABLE "workspace_trial" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "workspace_trial" ADD CONSTRAINT "workspace_trial_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "workspace_trial_tenant" ON "workspace_trial" AS PERMISSIVE FOR ALL TO public USING (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid) WITH CHECK (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "workspace_trial_system" ON "workspace_trial" AS PERMISSIVE FOR ALL TO public USING (current_user <> 'app_request') WITH CHECK (current_user <> 'app_request');