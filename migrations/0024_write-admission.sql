-- A write sent as one non-interactive transaction (worker/db/tenant.ts, `tenantWriteBatch`) was
-- decided on a credential check made one round trip earlier. This re-runs that check at the head
-- of the write's own transaction and aborts it unless the credential still resolves to the same
-- actor, with the same role, in the same live, unsuspended workspace: the decision then holds for
-- the data it writes. It also leaves the transaction's RLS context set, as resolve_credential does.
CREATE FUNCTION app_private.admit_write(
  p_kind text,
  p_token_hash text,
  p_workspace_id uuid,
  p_actor_id uuid,
  p_role text
)
RETURNS void
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
DECLARE
  r record;
BEGIN
  SELECT * INTO r FROM app_private.resolve_credential(p_kind, p_token_hash, p_workspace_id, NULL);
  IF NOT FOUND
     OR r.workspace_id IS DISTINCT FROM p_workspace_id
     OR coalesce(r.api_key_id, r.user_id) IS DISTINCT FROM p_actor_id
     OR r.role IS DISTINCT FROM p_role
     OR r.workspace_deleted_at IS NOT NULL
     OR r.workspace_suspended_at IS NOT NULL THEN
    RAISE EXCEPTION 'the credential, its role or its workspace changed since it was checked' USING ERRCODE = 'UW001';
  END IF;
END;
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION app_private.admit_write(text, text, uuid, uuid, text) FROM PUBLIC;
