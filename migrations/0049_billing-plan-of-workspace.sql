-- The plan in force in a workspace, out of the credential check (docs/decisions/043-trials-and-entitlements.md),
-- so that paths without a credential for the workspace (SSO sign-in, jobs) ask the same question the
-- same way: a running subscription's plan; else, in a workspace that never subscribed, the trial's
-- while it runs; else free. A trial that ended in a workspace that never subscribed leaves it
-- read-only (trial_ended); a workspace with neither trial nor subscription (made before billing
-- existed) is on free, writable (docs/decisions/043). A running subscription whose payment failed
-- is `past_due`, on free once dunning downgraded it (058).
CREATE FUNCTION app_private.workspace_billing(p_workspace_id uuid)
 RETURNS TABLE(plan text, billing_state text, trial_ends_at timestamp with time zone, trial_extended boolean, usage_limit_reached text, usage_unlock_plan text)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public'
AS $$
DECLARE
  v_plan text;
  v_trial_plan text;
  v_trial_ends_at timestamptz;
  v_trial_extended boolean;
  v_limit_reached text;
  v_unlock_plan text;
  v_status text;
BEGIN
  -- A metered limit the roll-up found reached this month (usage_record, migration 0050; PL/pgSQL
  -- resolves the table when the function runs).
  SELECT u.metric, u.unlock_plan INTO v_limit_reached, v_unlock_plan
    FROM public.usage_record u
   WHERE u.workspace_id = p_workspace_id AND u.period = to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM') AND u.limit_reached
   ORDER BY u.metric
   LIMIT 1;
  SELECT t.plan, t.ends_at, t.extended_at IS NOT NULL INTO v_trial_plan, v_trial_ends_at, v_trial_extended
    FROM public.workspace_trial t
   WHERE t.workspace_id = p_workspace_id;
  SELECT s.plan, s.status INTO v_plan, v_status
    FROM public.subscription s
   WHERE s.workspace_id = p_workspace_id AND s.status IN ('trialing', 'active', 'past_due')
   ORDER BY s.updated_at DESC
   LIMIT 1;
  -- Dunning (docs/decisions/058-dunning.md): after the third failed payment the workspace is on free
  -- until an invoice is paid; `past_due` tells the app to show the dunning banner.
  IF v_plan IS NOT NULL AND EXISTS (SELECT 1 FROM public.dunning_step d
                                     WHERE d.workspace_id = p_workspace_id AND d.step = 'downgraded' AND d.reversed_at IS NULL) THEN
    RETURN QUERY SELECT 'free'::text, 'past_due'::text, v_trial_ends_at, v_trial_extended, v_limit_reached, v_unlock_plan;
    RETURN;
  END IF;
  IF v_plan IS NOT NULL THEN
    RETURN QUERY SELECT v_plan, CASE WHEN v_status = 'past_due' THEN 'past_due' ELSE 'subscribed' END, v_trial_ends_at, v_trial_extended, v_limit_reached, v_unlock_plan;
  ELSIF EXISTS (SELECT 1 FROM public.subscription s WHERE s.workspace_id = p_workspace_id) THEN
    -- Subscribed once, not any more: the trial is over for good, the free plan applies.
    RETURN QUERY SELECT 'free'::text, 'free'::text, v_trial_ends_at, v_trial_extended, v_limit_reached, v_unlock_plan;
  ELSIF v_trial_ends_at > now() THEN
    RETURN QUERY SELECT v_trial_plan, 'trialing'::text, v_trial_ends_at, v_trial_extended, v_limit_reached, v_unlock_plan;
  ELSIF v_trial_ends_at IS NOT NULL THEN
    RETURN QUERY SELECT 'free'::text, 'trial_ended'::text, v_trial_ends_at, v_trial_extended, v_limit_reached, v_unlock_plan;
  ELSE
    RETURN QUERY SELECT 'free'::text, 'free'::text, v_trial_ends_at, v_trial_extended, v_limit_reached, v_unlock_plan;
  END IF;
END;
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION app_private.workspace_billing(uuid) FROM PUBLIC;--> statement-breakpoint

-- Credential resolution as in 0048_event-interest-credential, its plan block now the function above,
-- and the metered limit reached (if any) added to its answer. The return type changes, so the function
-- is dropped and created again (admit_write calls it by name, not by type).
DROP FUNCTION app_private.resolve_credential(text, text, uuid, text);--> statement-breakpoint
CREATE FUNCTION app_private.resolve_credential(p_kind text, p_token_hash text, p_workspace_id uuid, p_workspace_slug text)
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
    -- is not disabled), so that a request queues an event only where someone consumes it.
    SELECT coalesce(array_agg(i.consumer ORDER BY i.consumer), ARRAY[]::text[]) INTO v_event_consumers
      FROM public.event_interest i
     WHERE i.workspace_id = v_ws_id AND i.holders > 0;
  END IF;
  RETURN QUERY SELECT v_user_id, v_session_id, v_key_id, v_ws_id, v_ws_slug, v_role, v_deleted_at, v_suspended_at,
    v_plan, v_billing_state, v_trial_ends_at, v_trial_extended, v_usage_limit_reached, v_usage_unlock_plan, v_event_consumers;
END;
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION app_private.resolve_credential(text, text, uuid, text) FROM PUBLIC;
