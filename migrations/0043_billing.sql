CREATE TABLE "billing_customer" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"payment_provider" text NOT NULL,
	"provider_customer_id" text NOT NULL,
	"email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_customer_provider_valid" CHECK ("billing_customer"."payment_provider" in ('stripe', 'manual'))
);
--> statement-breakpoint
ALTER TABLE "billing_customer" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "stripe_event" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"provider_created" timestamp with time zone NOT NULL,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"outcome" text
);
--> statement-breakpoint
ALTER TABLE "stripe_event" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "subscription" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"payment_provider" text NOT NULL,
	"plan" text NOT NULL,
	"billing_interval" text,
	"status" text NOT NULL,
	"current_period_end" timestamp with time zone,
	"cancel_at" timestamp with time zone,
	"cancel_at_period_end" boolean DEFAULT false NOT NULL,
	"seats" integer DEFAULT 1 NOT NULL,
	"provider_customer_id" text,
	"provider_subscription_id" text,
	"provider_price_id" text,
	"provider_created" timestamp with time zone,
	"provider_updated" timestamp with time zone,
	"provider_event_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subscription_provider_valid" CHECK ("subscription"."payment_provider" in ('stripe', 'manual')),
	CONSTRAINT "subscription_plan_valid" CHECK ("subscription"."plan" in ('free', 'pro', 'team')),
	CONSTRAINT "subscription_status_valid" CHECK ("subscription"."status" in ('trialing', 'active', 'past_due', 'canceled', 'unpaid')),
	CONSTRAINT "subscription_seats_positive" CHECK ("subscription"."seats" > 0)
);
--> statement-breakpoint
ALTER TABLE "subscription" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "workspace_trial" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"plan" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"extended_at" timestamp with time zone,
	CONSTRAINT "workspace_trial_plan_valid" CHECK ("workspace_trial"."plan" in ('pro', 'team'))
);
--> statement-breakpoint
ALTER TABLE "workspace_trial" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "billing_customer" ADD CONSTRAINT "billing_customer_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription" ADD CONSTRAINT "subscription_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_trial" ADD CONSTRAINT "workspace_trial_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "billing_customer_provider_idx" ON "billing_customer" USING btree ("payment_provider","provider_customer_id");--> statement-breakpoint
CREATE INDEX "stripe_event_unprocessed_idx" ON "stripe_event" USING btree ("received_at") WHERE "stripe_event"."processed_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "subscription_provider_idx" ON "subscription" USING btree ("payment_provider","provider_subscription_id");--> statement-breakpoint
CREATE INDEX "subscription_workspace_idx" ON "subscription" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE POLICY "billing_customer_tenant" ON "billing_customer" AS PERMISSIVE FOR ALL TO public USING (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid) WITH CHECK (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "billing_customer_system" ON "billing_customer" AS PERMISSIVE FOR ALL TO public USING (current_user <> 'app_request') WITH CHECK (current_user <> 'app_request');--> statement-breakpoint
CREATE POLICY "subscription_tenant" ON "subscription" AS PERMISSIVE FOR ALL TO public USING (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid) WITH CHECK (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "subscription_system" ON "subscription" AS PERMISSIVE FOR ALL TO public USING (current_user <> 'app_request') WITH CHECK (current_user <> 'app_request');--> statement-breakpoint
CREATE POLICY "workspace_trial_tenant" ON "workspace_trial" AS PERMISSIVE FOR ALL TO public USING (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid) WITH CHECK (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "workspace_trial_system" ON "workspace_trial" AS PERMISSIVE FOR ALL TO public USING (current_user <> 'app_request') WITH CHECK (current_user <> 'app_request');