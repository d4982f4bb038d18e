-- `project_attachment` is forced like every tenant table; the request role lists, adds and removes a
-- workspace's links only with that workspace in context (`project_attachment_tenant`). The file is
-- referenced with its workspace, so a link can only name a file of its own workspace; it goes with
-- the file. (The `file` table is the files module's, hence here rather than in the table's schema.)
ALTER TABLE "project_attachment" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "project_attachment" ADD CONSTRAINT "project_attachment_file_fk" FOREIGN KEY ("workspace_id", "file_id") REFERENCES "public"."file"("workspace_id", "id") ON DELETE CASCADE;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON "project_attachment" TO app_request;
