CREATE TABLE "job_dead_letter" (
	"id" uuid PRIMARY KEY NOT NULL,
	"message_id" text NOT NULL,
	"job" text,
	"version" integer,
	"payload" jsonb,
	"reason" text NOT NULL,
	"error" text NOT NULL,
	"attempts" integer NOT NULL,
	"failed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "job_dead_letter_reason_valid" CHECK ("job_dead_letter"."reason" in ('invalid', 'exhausted', 'undeliverable'))
);
--> statement-breakpoint
ALTER TABLE "job_dead_letter" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "job_run" (
	"id" uuid PRIMARY KEY NOT NULL,
	"job" text NOT NULL,
	"source" text NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"error" text,
	"detail" jsonb,
	CONSTRAINT "job_run_source_valid" CHECK ("job_run"."source" in ('queue', 'cron')),
	CONSTRAINT "job_run_status_valid" CHECK ("job_run"."status" in ('running', 'succeeded', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "job_run" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE UNIQUE INDEX "job_dead_letter_message_key" ON "job_dead_letter" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "job_dead_letter_failed_idx" ON "job_dead_letter" USING btree ("failed_at");--> statement-breakpoint
CREATE INDEX "job_run_job_started_idx" ON "job_run" USING btree ("job","started_at");