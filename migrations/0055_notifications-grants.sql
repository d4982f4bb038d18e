-- Notifications and their preferences are tenant tables held by forced RLS (policies in 0054). The
-- request role reads its person's own rows and may only mark them read; the rows are written by the
-- event consumers and the digest, as the owner with the workspace in context. Preferences are the
-- person's own to read and change (also through a signed unsubscribe link, as the request role).
ALTER TABLE "notification" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "notification_preference" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT ON "notification" TO app_request;--> statement-breakpoint
GRANT UPDATE (read_at) ON "notification" TO app_request;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "notification_preference" TO app_request;
