CREATE TABLE "cron_run" (
	"id" uuid PRIMARY KEY NOT NULL,
	"job" text NOT NULL,
	"cron" text NOT NULL,
	"scheduled_time" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"message_id" uuid NOT NULL,
	"enqueued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"duration_ms" integer,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	CONSTRAINT "cron_run_status_valid" CHECK ("cron_run"."status" in ('enqueued', 'running', 'succeeded', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "cron_run" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE UNIQUE INDEX "cron_run_job_period_uq" ON "cron_run" USING btree ("job","scheduled_time");--> statement-breakpoint
CREATE UNIQUE INDEX "cron_run_message_uq" ON "cron_run" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "cron_run_scheduled_idx" ON "cron_run" USING btree ("scheduled_time");