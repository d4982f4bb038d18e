CREATE TABLE "personal_export" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"object_key" text,
	"size_bytes" integer,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	CONSTRAINT "personal_export_status_valid" CHECK ("personal_export"."status" in ('pending', 'running', 'done', 'failed')),
	CONSTRAINT "personal_export_progress_range" CHECK ("personal_export"."progress" between 0 and 100)
);
--> statement-breakpoint
ALTER TABLE "personal_export" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "workspace" ADD COLUMN "activated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "workspace" ADD COLUMN "is_demo" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "personal_export" ADD CONSTRAINT "personal_export_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "personal_export_user_created_idx" ON "personal_export" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE POLICY "personal_export_self" ON "personal_export" AS PERMISSIVE FOR ALL TO public USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid) WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid);