-- Storing a response replaces an expired row under the same key (INSERT … ON CONFLICT DO UPDATE),
-- which needs UPDATE; the tenant policy still limits it to the current workspace.
GRANT UPDATE ON "idempotency_key" TO app_request;
