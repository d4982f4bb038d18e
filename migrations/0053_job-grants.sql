-- Forced like every tenant table. A request starts a job (insert) and asks to cancel it (update of
-- `cancel_requested`); the job that does the work runs as the request role in the job's workspace
-- and advances it. Nobody deletes a job but the cascade of a purged workspace.
ALTER TABLE "job" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT ON "job" TO app_request;--> statement-breakpoint
GRANT UPDATE ("status", "progress", "total", "current", "result", "error", "cancel_requested", "updated_at", "started_at", "finished_at") ON "job" TO app_request;
