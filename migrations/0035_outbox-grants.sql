-- The outbox is forced like every tenant table: a request adds events of its own workspace and reads
-- none back; the relay, the sweep and the consumers run as the owner (`outbox_event_relay`).
ALTER TABLE "outbox_event" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT INSERT ON "outbox_event" TO app_request;
