CREATE TABLE "oauth_account" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"subject" text NOT NULL,
	"email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "oauth_account" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "sso_connection" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"issuer" text NOT NULL,
	"client_id" text NOT NULL,
	"client_secret_sealed" text NOT NULL,
	"default_role" text DEFAULT 'member' NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sso_connection_default_role_valid" CHECK ("sso_connection"."default_role" in ('admin', 'member', 'viewer'))
);
--> statement-breakpoint
ALTER TABLE "sso_connection" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "sso_domain" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"domain" text NOT NULL,
	"verification_token" text NOT NULL,
	"verified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sso_domain_lowercase" CHECK ("sso_domain"."domain" = lower("sso_domain"."domain"))
);
--> statement-breakpoint
ALTER TABLE "sso_domain" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "user" ALTER COLUMN "password_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "oauth_account" ADD CONSTRAINT "oauth_account_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_connection" ADD CONSTRAINT "sso_connection_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_connection" ADD CONSTRAINT "sso_connection_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_domain" ADD CONSTRAINT "sso_domain_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_domain" ADD CONSTRAINT "sso_domain_connection_id_sso_connection_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."sso_connection"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "oauth_account_provider_subject_key" ON "oauth_account" USING btree ("provider","subject");--> statement-breakpoint
CREATE UNIQUE INDEX "oauth_account_user_provider_key" ON "oauth_account" USING btree ("user_id","provider");--> statement-breakpoint
CREATE UNIQUE INDEX "sso_connection_workspace_key" ON "sso_connection" USING btree ("workspace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sso_domain_workspace_domain_key" ON "sso_domain" USING btree ("workspace_id","domain");--> statement-breakpoint
CREATE UNIQUE INDEX "sso_domain_verified_key" ON "sso_domain" USING btree ("domain") WHERE verified_at is not null;--> statement-breakpoint
CREATE POLICY "oauth_account_self" ON "oauth_account" AS PERMISSIVE FOR SELECT TO public USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "oauth_account_self_link" ON "oauth_account" AS PERMISSIVE FOR INSERT TO public WITH CHECK (user_id = nullif(current_setting('app.user_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "oauth_account_self_unlink" ON "oauth_account" AS PERMISSIVE FOR DELETE TO public USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "sso_connection_tenant" ON "sso_connection" AS PERMISSIVE FOR ALL TO public USING (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid) WITH CHECK (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "sso_domain_tenant" ON "sso_domain" AS PERMISSIVE FOR ALL TO public USING (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid) WITH CHECK (workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "sso_domain_lookup_verified" ON "sso_domain" AS PERMISSIVE FOR SELECT TO public USING (verified_at is not null and domain = nullif(current_setting('app.sso_domain', true), ''));