CREATE TABLE "workspace_slug_alias" (
	"workspace_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workspace_slug_alias_workspace_id_slug_pk" PRIMARY KEY("workspace_id","slug")
);
--> statement-breakpoint
ALTER TABLE "workspace_slug_alias" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "workspace" ADD COLUMN "suspended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "workspace" ADD COLUMN "logo_file_id" uuid;--> statement-breakpoint
ALTER TABLE "workspace_slug_alias" ADD CONSTRAINT "workspace_slug_alias_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "workspace_slug_alias_slug_idx" ON "workspace_slug_alias" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "workspace_deleted_idx" ON "workspace" USING btree ("deleted_at") WHERE deleted_at is not null;--> statement-breakpoint
CREATE POLICY "audit_log_system_insert" ON "audit_log" AS PERMISSIVE FOR INSERT TO public WITH CHECK (workspace_id is null and actor_type = 'system' and current_user <> 'app_request');--> statement-breakpoint
CREATE POLICY "workspace_purge_due_read" ON "workspace" AS PERMISSIVE FOR SELECT TO public USING (deleted_at < nullif(current_setting('app.purge_before', true), '')::timestamptz);--> statement-breakpoint
CREATE POLICY "workspace_purge_due_delete" ON "workspace" AS PERMISSIVE FOR DELETE TO public USING (deleted_at < nullif(current_setting('app.purge_before', true), '')::timestamptz);--> statement-breakpoint
CREATE POLICY "workspace_slug_alias_tenant" ON "workspace_slug_alias" AS PERMISSIVE FOR ALL TO public USING (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid) WITH CHECK (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "workspace_slug_alias_member_read" ON "workspace_slug_alias" AS PERMISSIVE FOR SELECT TO public USING (exists (select 1 from membership m where m.workspace_id = workspace_slug_alias.workspace_id and m.user_id = nullif(current_setting('app.user_id', true), '')::uuid));