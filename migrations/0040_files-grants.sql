-- `file` is forced like every tenant table: the request role reaches a workspace's rows only with
-- that workspace in context (`file_tenant`), and the pending-upload purge, which runs with no
-- workspace, only the rows still pending before its cutoff (`file_pending_purge_*`).
ALTER TABLE "file" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "file" TO app_request;
