-- audit_export is a tenant table: forced, so even the owner role sees only what the policy allows,
-- and the request role gets what the export routes and job need (no DELETE: exports are kept as a record).
ALTER TABLE "audit_export" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "audit_export" TO app_request;
