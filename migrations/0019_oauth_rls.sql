-- Workspace SSO tables are tenant tables: forced, so even the owner role sees only what the policies allow.
ALTER TABLE "sso_connection" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sso_domain" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "sso_connection" TO app_request;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "sso_domain" TO app_request;--> statement-breakpoint
-- Linked identities: a person reads, links and unlinks their own (policies oauth_account_self*).
-- Sign-in through a provider runs as the owner role before anyone is signed in.
GRANT SELECT, INSERT, DELETE ON "oauth_account" TO app_request;
