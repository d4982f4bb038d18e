CREATE TABLE "dunning_step" (
	"workspace_id" uuid NOT NULL,
	"invoice_id" text NOT NULL,
	"step" text NOT NULL,
	"attempt" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reversed_at" timestamp with time zone,
	CONSTRAINT "dunning_step_workspace_id_invoice_id_step_attempt_pk" PRIMARY KEY("workspace_id","invoice_id","step","attempt"),
	CONSTRAINT "dunning_step_valid" CHECK ("dunning_step"."step" in ('payment_failed', 'downgraded', 'suspended', 'deletion_scheduled'))
);
--> statement-breakpoint
ALTER TABLE "dunning_step" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "usage_record" (
	"workspace_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"period" text NOT NULL,
	"quantity" bigint DEFAULT 0 NOT NULL,
	"reported_quantity" bigint DEFAULT 0 NOT NULL,
	"limit_reached" boolean DEFAULT false NOT NULL,
	"unlock_plan" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "usage_record_workspace_id_metric_period_pk" PRIMARY KEY("workspace_id","metric","period"),
	CONSTRAINT "usage_record_metric_valid" CHECK ("usage_record"."metric" in ('api_requests')),
	CONSTRAINT "usage_record_period_valid" CHECK ("usage_record"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "usage_record_quantities" CHECK ("usage_record"."quantity" >= 0 and "usage_record"."reported_quantity" >= 0 and "usage_record"."reported_quantity" <= "usage_record"."quantity")
);
--> statement-breakpoint
ALTER TABLE "usage_record" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "dunning_step" ADD CONSTRAINT "dunning_step_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_record" ADD CONSTRAINT "usage_record_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dunning_step_open_idx" ON "dunning_step" USING btree ("workspace_id") WHERE "dunning_step"."reversed_at" is null;--> statement-breakpoint
CREATE POLICY "dunning_step_tenant" ON "dunning_step" AS PERMISSIVE FOR ALL TO public USING (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid) WITH CHECK (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "dunning_step_system" ON "dunning_step" AS PERMISSIVE FOR ALL TO public USING (current_user <> 'app_request') WITH CHECK (current_user <> 'app_request');--> statement-breakpoint
CREATE POLICY "usage_record_tenant" ON "usage_record" AS PERMISSIVE FOR ALL TO public USING (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid) WITH CHECK (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "usage_record_system" ON "usage_record" AS PERMISSIVE FOR ALL TO public USING (current_user <> 'app_request') WITH CHECK (current_user <> 'app_request');