-- The audit log is append-only for every role, the owner and superusers included: grants already
-- keep UPDATE and DELETE from the request role; these triggers refuse them (and TRUNCATE) to
-- anyone else too. Only DDL (a migration dropping the trigger) can change a written entry.
--
-- One delete stays possible: the cascade of a workspace row that is being deleted, which is how the
-- `workspaces.purge` job removes a workspace 30 days after its deletion (audit_log.workspace_id
-- references workspace ON DELETE CASCADE). The cascade runs inside the foreign key's own trigger
-- (pg_trigger_depth() > 1) after the workspace row is gone, with the table owner's rights and RLS
-- not forced, so the check below sees that the workspace no longer exists
-- (docs/decisions/030-bounded-jobs-and-outages.md).
CREATE FUNCTION app_private.audit_log_append_only()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
BEGIN
  IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN
    IF OLD.workspace_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM public.workspace w WHERE w.id = OLD.workspace_id) THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % is refused', TG_OP USING ERRCODE = 'UA001';
END;
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION app_private.audit_log_append_only() FROM PUBLIC;--> statement-breakpoint
CREATE TRIGGER audit_log_no_update_or_delete
  BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION app_private.audit_log_append_only();--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION app_private.audit_log_append_only();
