-- An API key never outlives the authority of the person who made it (docs/decisions/029).
--
-- Keys without a maker cannot be attributed to anyone: an API key used to be able to create keys,
-- and those rows have created_by NULL. They stop working with this migration (deleted here, so the
-- next migration can make created_by NOT NULL); the audit log keeps their history. Forced RLS
-- would hide every row from this owner-role statement, so it is lifted around it, inside the
-- migration's transaction.
ALTER TABLE "api_key" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
DELETE FROM "api_key" WHERE "created_by" IS NULL;--> statement-breakpoint
ALTER TABLE "api_key" FORCE ROW LEVEL SECURITY;--> statement-breakpoint

-- Credential resolution, as in 0021_tokens_rls, with one rule changed for 'api_key': the key
-- resolves only while its maker is a live person and a member of the key's workspace, and its
-- role is the lower of the key's own role and the maker's current membership role
-- (owner > admin > member > viewer). No maker, a deleted maker or a maker who is no longer a member:
-- nothing (401, like any unknown key). A disabled maker: UD002 (ACCOUNT_DISABLED), as before.
-- The result's user_id is now the key's maker for an API key (it was NULL); admit_write (0024)
-- compares coalesce(api_key_id, user_id), so a key is still admitted as itself.
-- Still one statement: the maker's membership is read inside the same call.
CREATE OR REPLACE FUNCTION app_private.resolve_credential(
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
  v_credential_id uuid;
  v_disabled_at timestamptz;
  v_key_id uuid;
  v_key_workspace uuid;
  v_key_role text;
  v_key_creator uuid;
  v_creator_deleted boolean;
  v_creator_disabled boolean;
  v_maker_role text;
  v_role_order text[] := ARRAY['viewer', 'member', 'admin', 'owner'];
  v_ws_id uuid;
  v_ws_slug text;
  v_role text;
  v_deleted_at timestamptz;
  v_suspended_at timestamptz;
BEGIN
  IF p_kind IN ('session', 'access_token', 'pat') THEN
    IF p_kind = 'session' THEN
      SELECT s.id, s.id, s.user_id, u.disabled_at INTO v_session_id, v_credential_id, v_user_id, v_disabled_at
        FROM public.session s
        JOIN public."user" u ON u.id = s.user_id
       WHERE s.token_hash = p_token_hash
         AND s.revoked_at IS NULL
         AND s.expires_at > now()
         AND u.deleted_at IS NULL;
    ELSIF p_kind = 'access_token' THEN
      SELECT f.id, f.user_id, u.disabled_at INTO v_credential_id, v_user_id, v_disabled_at
        FROM public.token_family f
        JOIN public."user" u ON u.id = f.user_id
       WHERE f.id = p_token_hash::uuid
         AND f.revoked_at IS NULL
         AND f.expires_at > now()
         AND u.deleted_at IS NULL;
    ELSE
      SELECT p.id, p.user_id, u.disabled_at INTO v_credential_id, v_user_id, v_disabled_at
        FROM public.personal_access_token p
        JOIN public."user" u ON u.id = p.user_id
       WHERE p.token_hash = p_token_hash
         AND p.revoked_at IS NULL
         AND p.expires_at > now()
         AND u.deleted_at IS NULL;
    END IF;
    IF v_credential_id IS NULL THEN
      RETURN;
    END IF;
    IF v_disabled_at IS NOT NULL THEN
      RAISE EXCEPTION 'account disabled' USING ERRCODE = 'UD001';
    END IF;
    PERFORM set_config('app.user_id', v_user_id::text, true);
    IF p_kind = 'session' THEN
      UPDATE public.session SET last_seen_at = now()
       WHERE id = v_session_id AND last_seen_at < now() - interval '5 minutes';
    ELSIF p_kind = 'pat' THEN
      UPDATE public.personal_access_token SET last_used_at = now()
       WHERE id = v_credential_id AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute');
    END IF;
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
    SELECT k.id, k.workspace_id, k.role, k.created_by INTO v_key_id, v_key_workspace, v_key_role, v_key_creator
      FROM public.api_key k
     WHERE k.key_hash = p_token_hash AND k.revoked_at IS NULL;
    PERFORM set_config('app.api_key_hash', '', true);
    IF v_key_id IS NULL OR v_key_creator IS NULL THEN
      RETURN;
    END IF;
    -- A key acts for its maker in its workspace, never beyond them: the maker must still be a
    -- person (not deleted, not disabled) and a member of the key's workspace, and the key's role is
    -- the lower of its own and the maker's current one.
    SELECT u.deleted_at IS NOT NULL, u.disabled_at IS NOT NULL INTO v_creator_deleted, v_creator_disabled
      FROM public."user" u
     WHERE u.id = v_key_creator;
    IF v_creator_deleted IS DISTINCT FROM false THEN
      RETURN;
    END IF;
    IF v_creator_disabled THEN
      RAISE EXCEPTION 'api key creator disabled' USING ERRCODE = 'UD002';
    END IF;
    PERFORM set_config('app.workspace_id', v_key_workspace::text, true);
    SELECT m.role INTO v_maker_role
      FROM public.membership m
     WHERE m.workspace_id = v_key_workspace AND m.user_id = v_key_creator;
    IF v_maker_role IS NULL THEN
      PERFORM set_config('app.workspace_id', '', true);
      RETURN;
    END IF;
    IF array_position(v_role_order, v_maker_role) < array_position(v_role_order, v_key_role) THEN
      v_key_role := v_maker_role;
    END IF;
    -- The maker is returned as user_id (the person the key acts for, recorded on what it creates);
    -- app.user_id stays unset, so the key never reaches the maker's own account rows.
    v_user_id := v_key_creator;
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
