-- `project_attachment` is forced like every tenant table; the request role lists, adds and removes a
-- workspace's links only with that workspace in context (`project_attachment_tenant`).
ALTER TABLE "project_attachment" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON "project_attachment" TO app_request;
