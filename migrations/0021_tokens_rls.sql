-- Personal access tokens are listed, created and revoked by their person under the request role;
-- as with sessions, its only write after creation is revoked_at (the policies forbid un-revoking).
-- Token families and refresh tokens are written only by the owner role (the token grants).
GRANT SELECT, INSERT ON "personal_access_token" TO app_request;--> statement-breakpoint
GRANT UPDATE ("revoked_at") ON "personal_access_token" TO app_request;--> statement-breakpoint

-- Credential resolution learns two new kinds and one new rule (same signature and result as in
-- 0009_lifecycle_rls, whose workspace lifecycle and slug aliases it keeps):
-- * 'access_token': p_token_hash carries the token family id of an already verified JWT; the
--   family must be live, so revoking it (refresh reuse, disabling the person) ends its access
--   tokens at once, without waiting for their expiry.
-- * 'pat': a personal access token by hash; live and not expired; last_used_at kept (1 min grain).
-- * A disabled person (user.disabled_at) raises SQLSTATE UD001 for every credential of theirs, and
--   an API key whose creator is disabled raises UD002; a key whose creator was deleted resolves to
--   nothing. The app maps both codes to ACCOUNT_DISABLED.
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
    IF v_key_id IS NULL THEN
      RETURN;
    END IF;
    -- A key acts for its workspace, but no longer than its creator may act at all.
    SELECT u.deleted_at IS NOT NULL, u.disabled_at IS NOT NULL INTO v_creator_deleted, v_creator_disabled
      FROM public."user" u
     WHERE u.id = v_key_creator;
    IF v_creator_deleted THEN
      RETURN;
    END IF;
    IF v_creator_disabled THEN
      RAISE EXCEPTION 'api key creator disabled' USING ERRCODE = 'UD002';
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
--> statement-breakpoint

-- Every sign-in method ends through completeSignIn (worker/modules/auth/sign-in.ts), which calls
-- this in the batch that opens the session: a disabled person gets no new session, whatever the method.
CREATE FUNCTION app_private.assert_user_enabled(p_user_id uuid)
RETURNS void
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM public."user" u WHERE u.id = p_user_id AND u.disabled_at IS NOT NULL) THEN
    RAISE EXCEPTION 'account disabled' USING ERRCODE = 'UD001';
  END IF;
END;
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION app_private.assert_user_enabled(uuid) FROM PUBLIC;
