CREATE TABLE "job_failure" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"message_id" text NOT NULL,
	"job" text NOT NULL,
	"version" integer NOT NULL,
	"payload" jsonb NOT NULL,
	"error" text NOT NULL,
	"attempts" integer NOT NULL,
	"failed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retried_at" timestamp with time zone,
	"retried_by" uuid
);
--> statement-breakpoint
ALTER TABLE "job_failure" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "job_failure" ADD CONSTRAINT "job_failure_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_failure" ADD CONSTRAINT "job_failure_retried_by_user_id_fk" FOREIGN KEY ("retried_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "job_failure_message_key" ON "job_failure" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "job_failure_workspace_failed_idx" ON "job_failure" USING btree ("workspace_id","failed_at");--> statement-breakpoint
CREATE POLICY "job_failure_tenant" ON "job_failure" AS PERMISSIVE FOR ALL TO public USING (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid) WITH CHECK (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid);