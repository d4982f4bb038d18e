-- The export purge deletes due audit exports as the request role, which RLS always binds; the
-- restrictive `audit_export_delete_only_due` policy keeps every other delete from reaching a row.
GRANT DELETE ON "audit_export" TO app_request;
