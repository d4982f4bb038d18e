CREATE TABLE "file" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"object_key" text NOT NULL,
	"name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"scan_signature" text,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"uploaded_at" timestamp with time zone,
	"scanned_at" timestamp with time zone,
	CONSTRAINT "file_status_valid" CHECK ("file"."status" in ('pending', 'uploaded', 'clean', 'quarantined')),
	CONSTRAINT "file_size_positive" CHECK ("file"."size_bytes" > 0),
	CONSTRAINT "file_sha256_hex" CHECK ("file"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "file_name_length" CHECK (char_length("file"."name") between 1 and 255)
);
--> statement-breakpoint
ALTER TABLE "file" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "file" ADD CONSTRAINT "file_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "file_object_key_idx" ON "file" USING btree ("object_key");--> statement-breakpoint
CREATE INDEX "file_workspace_created_idx" ON "file" USING btree ("workspace_id","created_at","id");--> statement-breakpoint
CREATE INDEX "file_pending_created_idx" ON "file" USING btree ("created_at") WHERE status = 'pending';--> statement-breakpoint
CREATE POLICY "file_tenant" ON "file" AS PERMISSIVE FOR ALL TO public USING (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid) WITH CHECK (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "file_pending_purge_read" ON "file" AS PERMISSIVE FOR SELECT TO public USING (status = 'pending' and created_at < nullif(current_setting('app.purge_before', true), '')::timestamptz);--> statement-breakpoint
CREATE POLICY "file_pending_purge_delete" ON "file" AS PERMISSIVE FOR DELETE TO public USING (status = 'pending' and created_at < nullif(current_setting('app.purge_before', true), '')::timestamptz);