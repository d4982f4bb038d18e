-- Billing tables are forced like every tenant table. A request reads its workspace's customer and
-- subscription and may record the customer it created; subscriptions are written only by the webhook's
-- job, as the owner (`subscription_system`). The Stripe event ledger is the owner's alone: no grant.
ALTER TABLE "billing_customer" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "subscription" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT ON "billing_customer" TO app_request;--> statement-breakpoint
GRANT SELECT ON "subscription" TO app_request;
