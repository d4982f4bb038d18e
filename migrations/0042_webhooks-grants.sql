-- Webhook endpoints and their deliveries are tenant tables like any other: RLS forced, the standard
-- tenant policy (in 0036), and the request role may manage its own workspace's rows. The delivery job
-- works as the request role with the workspace in context; the event consumer as the owner, also
-- held by the forced policy.
ALTER TABLE "webhook_endpoint" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "webhook_delivery" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "webhook_endpoint" TO app_request;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "webhook_delivery" TO app_request;
