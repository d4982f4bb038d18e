-- The realtime hub's interest in a workspace's events (docs/decisions/049-workspace-realtime-hub.md,
-- docs/decisions/054-events-by-workspace-interest.md): held while someone may be connected, that is
-- until an expiry a ticket sets and the client's heartbeat pushes on. Nobody counts it down (a browser
-- tab closes without a word), so it lapses on its own, and the credential check ignores a lapsed one.

-- Credential resolution, as in 0048_event-interest-credential, with lapsed interests left out.
CREATE OR REPLACE FUNCTION app_private.resolve_credential(p_kind text, p_token_hash text, p_workspace_id uuid, p_workspace_slug text)
 RETURNS TABLE(user_id uuid, session_id uuid, api_key_id uuid, workspace_id uuid, workspace_slug text, role text, workspace_deleted_at timestamp with time zone, workspace_suspended_at timestamp with time zone, plan text, billing_state text, trial_ends_at timestamp with time zone, trial_extended boolean, usage_limit_reached text, usage_unlock_plan text, event_consumers text[])
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public'
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
  v_plan text;
  v_billing_state text;
  v_trial_ends_at timestamptz;
  v_trial_extended boolean;
  v_usage_limit_reached text;
  v_usage_unlock_plan text;
  v_event_consumers text[] := ARRAY[]::text[];
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
    SELECT b.plan, b.billing_state, b.trial_ends_at, b.trial_extended, b.usage_limit_reached, b.usage_unlock_plan
      INTO v_plan, v_billing_state, v_trial_ends_at, v_trial_extended, v_usage_limit_reached, v_usage_unlock_plan
      FROM app_private.workspace_billing(v_ws_id) b;
    -- The interest-bound consumers the workspace's events are wanted by (webhooks: an endpoint that
    -- is not disabled; the realtime hub: someone connected lately), so that a request queues an
    -- event only where someone consumes it. An interest past its expiry is no interest.
    SELECT coalesce(array_agg(i.consumer ORDER BY i.consumer), ARRAY[]::text[]) INTO v_event_consumers
      FROM public.event_interest i
     WHERE i.workspace_id = v_ws_id AND i.holders > 0 AND (i.expires_at IS NULL OR i.expires_at > now());
  END IF;
  RETURN QUERY SELECT v_user_id, v_session_id, v_key_id, v_ws_id, v_ws_slug, v_role, v_deleted_at, v_suspended_at,
    v_plan, v_billing_state, v_trial_ends_at, v_trial_extended, v_usage_limit_reached, v_usage_unlock_plan, v_event_consumers;
END;
$$;--> statement-breakpoint

-- Holds (or renews) the realtime consumer's interest in the request's own workspace for p_seconds
-- (at most 10 minutes). Runs as the owner, since only owner-run functions write event_interest; the
-- workspace is the one the credential check put in context, never one the caller names. A renewal
-- that would move the expiry by less than a minute writes nothing, so tickets and heartbeats from many
-- tabs of one workspace do not queue on the row's lock.
CREATE FUNCTION app_private.hold_realtime_interest(p_seconds integer)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public'
AS $$
DECLARE
  v_workspace uuid := nullif(current_setting('app.workspace_id', true), '')::uuid;
  v_until timestamptz := now() + make_interval(secs => least(greatest(p_seconds, 1), 600));
BEGIN
  IF v_workspace IS NULL THEN
    RAISE EXCEPTION 'no workspace in context' USING ERRCODE = '42501';
  END IF;
  -- Held for long enough already (another tab's ticket or heartbeat): a read, no row lock.
  IF EXISTS (SELECT 1 FROM public.event_interest i
              WHERE i.workspace_id = v_workspace AND i.consumer = 'realtime.broadcast'
                AND i.holders > 0 AND i.expires_at > v_until - interval '60 seconds') THEN
    RETURN;
  END IF;
  INSERT INTO public.event_interest AS i (workspace_id, consumer, holders, expires_at)
  VALUES (v_workspace, 'realtime.broadcast', 1, v_until)
  ON CONFLICT (workspace_id, consumer) DO UPDATE SET holders = 1, expires_at = excluded.expires_at
   WHERE i.expires_at IS NULL OR i.expires_at < excluded.expires_at - interval '30 seconds';
END;
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION app_private.hold_realtime_interest(integer) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_private.hold_realtime_interest(integer) TO app_request;
