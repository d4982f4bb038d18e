CREATE TABLE "project_attachment" (
	"workspace_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"attached_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_attachment_project_id_file_id_pk" PRIMARY KEY("project_id","file_id")
);
--> statement-breakpoint
ALTER TABLE "project_attachment" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "user" ADD COLUMN "avatar_workspace_id" uuid;--> statement-breakpoint
ALTER TABLE "user" ADD COLUMN "avatar_file_id" uuid;--> statement-breakpoint
ALTER TABLE "project_attachment" ADD CONSTRAINT "project_attachment_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_attachment" ADD CONSTRAINT "project_attachment_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_attachment_file_idx" ON "project_attachment" USING btree ("workspace_id","file_id");--> statement-breakpoint
CREATE UNIQUE INDEX "file_workspace_id_id_key" ON "file" USING btree ("workspace_id","id");--> statement-breakpoint
ALTER TABLE "user" ADD CONSTRAINT "user_avatar_both_or_neither" CHECK (("user"."avatar_workspace_id" is null) = ("user"."avatar_file_id" is null));--> statement-breakpoint
CREATE POLICY "file_own_avatar_read" ON "file" AS PERMISSIVE FOR SELECT TO public USING (exists (select 1 from "user" u where u.id = nullif(current_setting('app.user_id', true), '')::uuid and u.avatar_workspace_id = file.workspace_id and u.avatar_file_id = file.id));--> statement-breakpoint
CREATE POLICY "project_attachment_tenant" ON "project_attachment" AS PERMISSIVE FOR ALL TO public USING (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid) WITH CHECK (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid);