-- Forced like every tenant table. The consumer stores failures as the owner with the workspace set;
-- a request reads its workspace's failures and may only mark one as retried.
ALTER TABLE "job_failure" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT ON "job_failure" TO app_request;--> statement-breakpoint
GRANT UPDATE ("retried_at", "retried_by") ON "job_failure" TO app_request;
