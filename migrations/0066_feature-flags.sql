CREATE TABLE "flag_override" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"person_id" uuid,
	"flag" text NOT NULL,
	"enabled" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "flag_override_key" UNIQUE NULLS NOT DISTINCT("workspace_id","flag","person_id")
);
--> statement-breakpoint
ALTER TABLE "flag_override" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "flag_override" ADD CONSTRAINT "flag_override_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flag_override" ADD CONSTRAINT "flag_override_workspace_id_person_id_membership_workspace_id_user_id_fk" FOREIGN KEY ("workspace_id","person_id") REFERENCES "public"."membership"("workspace_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "workspace_operator_read" ON "workspace" AS PERMISSIVE FOR SELECT TO public USING (current_user <> 'app_request' and deleted_at is null and slug = nullif(current_setting('app.operator_slug', true), ''));--> statement-breakpoint
CREATE POLICY "flag_override_tenant" ON "flag_override" AS PERMISSIVE FOR ALL TO public USING (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid) WITH CHECK (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "flag_override_own" ON "flag_override" AS RESTRICTIVE FOR ALL TO public USING (person_id is null or current_user <> 'app_request' or person_id = nullif(current_setting('app.user_id', true), '')::uuid) WITH CHECK (person_id is null or current_user <> 'app_request' or person_id = nullif(current_setting('app.user_id', true), '')::uuid);