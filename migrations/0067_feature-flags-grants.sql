-- Feature flag overrides are a tenant table held by forced RLS (policies in 0066). The request role
-- reads the workspace's overrides and the signed-in person's own; the operator's script writes them
-- as the owner, with the workspace in context.
ALTER TABLE "flag_override" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT ON "flag_override" TO app_request;
