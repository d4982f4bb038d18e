ALTER TABLE "workspace_slug_alias" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- Renaming records the old slug (INSERT) and drops it again when the workspace takes it back (DELETE).
GRANT SELECT, INSERT, DELETE ON "workspace_slug_alias" TO app_request;--> statement-breakpoint

-- The return type grows (workspace_deleted_at, workspace_suspended_at), which CREATE OR REPLACE cannot
-- do. Changes to the body of 0001, and nothing else:
--  * a deleted workspace still resolves for its members and keys (the caller learns its state and
--    the app answers WORKSPACE_DELETED; only restoring is allowed), instead of reading as missing;
--  * a path slug that is no workspace's current slug for the caller falls back to the slugs the
--    caller's workspaces had before a rename (workspace_slug_alias);
--  * when a person belongs to a live and a deleted workspace with the same slug, the live one wins.
DROP FUNCTION app_private.resolve_credential(text, text, uuid, text);--> statement-breakpoint
CREATE FUNCTION app_private.resolve_credential(
  p_kind text,
  p_token_hash text,
  p_workspace_id uuid,
  p_workspace_slug text
)
RETURNS TABLE (
  user_id uuid,
  session_id uuid,
  api_key_id uuid,
  workspace_id uuid,
  workspace_slug text,
  role text,
  workspace_deleted_at timestamptz,
  workspace_suspended_at timestamptz
)
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
DECLARE
  v_user_id uuid;
  v_session_id uuid;
  v_key_id uuid;
  v_key_workspace uuid;
  v_key_role text;
  v_ws_id uuid;
  v_ws_slug text;
  v_role text;
  v_deleted_at timestamptz;
  v_suspended_at timestamptz;
BEGIN
  IF p_kind = 'session' THEN
    SELECT s.id, s.user_id INTO v_session_id, v_user_id
      FROM public.session s
      JOIN public."user" u ON u.id = s.user_id
     WHERE s.token_hash = p_token_hash
       AND s.revoked_at IS NULL
       AND s.expires_at > now()
       AND u.deleted_at IS NULL;
    IF v_session_id IS NULL THEN
      RETURN;
    END IF;
    PERFORM set_config('app.user_id', v_user_id::text, true);
    UPDATE public.session SET last_seen_at = now()
     WHERE id = v_session_id AND last_seen_at < now() - interval '5 minutes';
    IF p_workspace_id IS NOT NULL OR p_workspace_slug IS NOT NULL THEN
      SELECT w.id, w.slug, m.role, w.deleted_at, w.suspended_at
        INTO v_ws_id, v_ws_slug, v_role, v_deleted_at, v_suspended_at
        FROM public.workspace w
        JOIN public.membership m ON m.workspace_id = w.id AND m.user_id = v_user_id
       WHERE (w.id = p_workspace_id OR w.slug = p_workspace_slug)
       ORDER BY w.deleted_at IS NULL DESC, w.deleted_at DESC
       LIMIT 1;
      IF v_ws_id IS NULL AND p_workspace_slug IS NOT NULL THEN
        SELECT w.id, w.slug, m.role, w.deleted_at, w.suspended_at
          INTO v_ws_id, v_ws_slug, v_role, v_deleted_at, v_suspended_at
          FROM public.workspace_slug_alias a
          JOIN public.workspace w ON w.id = a.workspace_id
          JOIN public.membership m ON m.workspace_id = w.id AND m.user_id = v_user_id
         WHERE a.slug = p_workspace_slug
         ORDER BY w.deleted_at IS NULL DESC, a.created_at DESC
         LIMIT 1;
      END IF;
    END IF;
  ELSIF p_kind = 'api_key' THEN
    PERFORM set_config('app.api_key_hash', p_token_hash, true);
    SELECT k.id, k.workspace_id, k.role INTO v_key_id, v_key_workspace, v_key_role
      FROM public.api_key k
     WHERE k.key_hash = p_token_hash AND k.revoked_at IS NULL;
    PERFORM set_config('app.api_key_hash', '', true);
    IF v_key_id IS NULL THEN
      RETURN;
    END IF;
    PERFORM set_config('app.workspace_id', v_key_workspace::text, true);
    UPDATE public.api_key SET last_used_at = now()
     WHERE id = v_key_id AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute');
    SELECT w.id, w.slug, v_key_role, w.deleted_at, w.suspended_at
      INTO v_ws_id, v_ws_slug, v_role, v_deleted_at, v_suspended_at
      FROM public.workspace w
     WHERE w.id = v_key_workspace
       AND (w.id = p_workspace_id OR w.slug = p_workspace_slug
            OR EXISTS (SELECT 1 FROM public.workspace_slug_alias a
                        WHERE a.workspace_id = w.id AND a.slug = p_workspace_slug));
    PERFORM set_config('app.workspace_id', '', true);
  ELSE
    RETURN;
  END IF;

  IF v_ws_id IS NOT NULL THEN
    PERFORM set_config('app.workspace_id', v_ws_id::text, true);
  END IF;
  RETURN QUERY SELECT v_user_id, v_session_id, v_key_id, v_ws_id, v_ws_slug, v_role, v_deleted_at, v_suspended_at;
END;
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION app_private.resolve_credential(text, text, uuid, text) FROM PUBLIC;
