ALTER TABLE "personal_export" DROP CONSTRAINT "personal_export_status_valid";--> statement-breakpoint
ALTER TABLE "personal_export" DROP CONSTRAINT "personal_export_progress_range";--> statement-breakpoint
ALTER TABLE "audit_export" DROP CONSTRAINT "audit_export_status_valid";--> statement-breakpoint
ALTER TABLE "job" ALTER COLUMN "workspace_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "job" ADD COLUMN "user_id" uuid;--> statement-breakpoint
ALTER TABLE "job" ADD CONSTRAINT "job_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "job_user_created_idx" ON "job" USING btree ("user_id","created_at");--> statement-breakpoint
-- The exports move onto the `job` record (docs/decisions/056): each export row becomes its artefact
-- and its job (same id) carries status, progress and error. Every export without a job gets one,
-- from its own columns, before those columns go. Forced RLS would hide every row from these
-- owner-role statements, so it is lifted around them, inside the migration's transaction.
ALTER TABLE "job" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "audit_export" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
INSERT INTO "job" ("id", "workspace_id", "kind", "status", "progress", "total", "result", "error", "started_by", "created_at", "updated_at", "started_at", "finished_at")
SELECT e."id", e."workspace_id", 'audit-log.export',
       CASE e."status" WHEN 'pending' THEN 'queued' WHEN 'running' THEN 'running' WHEN 'done' THEN 'succeeded' ELSE 'failed' END,
       coalesce(e."row_count", 0), e."row_count",
       CASE WHEN e."status" = 'done' THEN jsonb_build_object('row_count', e."row_count") END,
       e."error", e."requested_by", e."created_at", coalesce(e."finished_at", e."created_at"),
       CASE WHEN e."status" <> 'pending' THEN e."created_at" END, e."finished_at"
  FROM "audit_export" e
 WHERE NOT EXISTS (SELECT 1 FROM "job" j WHERE j."id" = e."id");--> statement-breakpoint
INSERT INTO "job" ("id", "user_id", "kind", "status", "progress", "total", "result", "error", "started_by", "created_at", "updated_at", "started_at", "finished_at")
SELECT e."id", e."user_id", 'personal-data.export',
       CASE e."status" WHEN 'pending' THEN 'queued' WHEN 'running' THEN 'running' WHEN 'done' THEN 'succeeded' ELSE 'failed' END,
       e."progress", 100,
       CASE WHEN e."status" = 'done' THEN jsonb_build_object('size_bytes', e."size_bytes") END,
       e."error", e."user_id", e."created_at", coalesce(e."finished_at", e."created_at"),
       CASE WHEN e."status" <> 'pending' THEN e."created_at" END, e."finished_at"
  FROM "personal_export" e;--> statement-breakpoint
ALTER TABLE "audit_export" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "job" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "personal_export" DROP COLUMN "status";--> statement-breakpoint
ALTER TABLE "personal_export" DROP COLUMN "progress";--> statement-breakpoint
ALTER TABLE "personal_export" DROP COLUMN "error";--> statement-breakpoint
ALTER TABLE "personal_export" DROP COLUMN "finished_at";--> statement-breakpoint
ALTER TABLE "audit_export" DROP COLUMN "status";--> statement-breakpoint
ALTER TABLE "audit_export" DROP COLUMN "error";--> statement-breakpoint
ALTER TABLE "audit_export" DROP COLUMN "finished_at";--> statement-breakpoint
ALTER TABLE "job" ADD CONSTRAINT "job_one_owner" CHECK (("job"."workspace_id" is null) <> ("job"."user_id" is null));--> statement-breakpoint
CREATE POLICY "job_self" ON "job" AS PERMISSIVE FOR ALL TO public USING (workspace_id is null and user_id = nullif(current_setting('app.user_id', true), '')::uuid) WITH CHECK (workspace_id is null and user_id = nullif(current_setting('app.user_id', true), '')::uuid);