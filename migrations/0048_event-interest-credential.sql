-- Events queued only where someone consumes them (docs/decisions/054-events-by-workspace-interest.md).
--
-- The request role reads its own workspace's interest (the outbox insert asks it when the credential
-- check's answer is not at hand); only the functions below, running as the owner, write it.
ALTER TABLE "event_interest" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT ON "event_interest" TO app_request;--> statement-breakpoint

-- The webhooks module's interest: one holder per endpoint that is not disabled, counted in the
-- transaction that creates, disables, enables or deletes it, whoever does it (a request, the delivery
-- job disabling an endpoint, a purge's cascade). Counting up and down under the row's lock stays
-- right when two transactions change endpoints of one workspace at once.
CREATE FUNCTION app_private.webhook_endpoint_interest()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public'
AS $$
DECLARE
  v_delta integer := 0;
  v_workspace uuid;
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status <> 'disabled' THEN
    v_delta := v_delta + 1;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status <> 'disabled' THEN
    v_delta := v_delta - 1;
  END IF;
  IF TG_OP = 'DELETE' THEN
    v_workspace := OLD.workspace_id;
  ELSE
    v_workspace := NEW.workspace_id;
  END IF;
  IF v_delta > 0 THEN
    INSERT INTO public.event_interest AS i (workspace_id, consumer, holders)
    VALUES (v_workspace, 'webhooks.fan-out', v_delta)
    ON CONFLICT (workspace_id, consumer) DO UPDATE SET holders = i.holders + excluded.holders;
  ELSIF v_delta < 0 THEN
    UPDATE public.event_interest
       SET holders = holders + v_delta
     WHERE workspace_id = v_workspace AND consumer = 'webhooks.fan-out';
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION app_private.webhook_endpoint_interest() FROM PUBLIC;--> statement-breakpoint
CREATE TRIGGER webhook_endpoint_interest AFTER INSERT OR DELETE OR UPDATE OF status ON public.webhook_endpoint
  FOR EACH ROW EXECUTE FUNCTION app_private.webhook_endpoint_interest();--> statement-breakpoint

-- The endpoints that exist already. Forced RLS would hide them from an owner that is not a superuser
-- (as on Neon), so it is lifted for this one statement, inside the migration's transaction.
ALTER TABLE "webhook_endpoint" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
INSERT INTO "event_interest" (workspace_id, consumer, holders)
  SELECT workspace_id, 'webhooks.fan-out', count(*) FROM "webhook_endpoint" WHERE status <> 'disabled' GROUP BY workspace_id;--> statement-breakpoint
ALTER TABLE "webhook_endpoint" FORCE ROW LEVEL SECURITY;--> statement-breakpoint

-- Credential resolution, as in 0045_billing-entitlements, with the workspace's interest-bound
-- consumers added to its answer (event_consumers). The return type changes, so the function is
-- dropped and created again (admit_write calls it by name, not by type).
DROP FUNCTION app_private.resolve_credential(text, text, uuid, text);--> statement-breakpoint
CREATE FUNCTION app_private.resolve_credential(p_kind text, p_token_hash text, p_workspace_id uuid, p_workspace_slug text)
 RETURNS TABLE(user_id uuid, session_id uuid, api_key_id uuid, workspace_id uuid, workspace_slug text, role text, workspace_deleted_at timestamp with time zone, workspace_suspended_at timestamp with time zone, plan text, billing_state text, trial_ends_at timestamp with time zone, trial_extended boolean, event_consumers text[])
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
  v_trial_plan text;
  v_trial_ends_at timestamptz;
  v_trial_extended boolean;
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
    -- The plan in force: a running subscription's; else, in a workspace that never subscribed, the
    -- trial's while it runs; else free. A trial that ended in a workspace that never subscribed
    -- leaves it read-only (trial_ended).
    SELECT s.plan INTO v_plan
      FROM public.subscription s
     WHERE s.workspace_id = v_ws_id AND s.status IN ('trialing', 'active', 'past_due')
     ORDER BY s.updated_at DESC
     LIMIT 1;
    SELECT t.plan, t.ends_at, t.extended_at IS NOT NULL INTO v_trial_plan, v_trial_ends_at, v_trial_extended
      FROM public.workspace_trial t
     WHERE t.workspace_id = v_ws_id;
    IF v_plan IS NOT NULL THEN
      v_billing_state := 'subscribed';
    ELSIF EXISTS (SELECT 1 FROM public.subscription s WHERE s.workspace_id = v_ws_id) THEN
      -- Subscribed once, not any more: the trial is over for good, the free plan applies.
      v_plan := 'free';
      v_billing_state := 'free';
    ELSIF v_trial_ends_at > now() THEN
      v_plan := v_trial_plan;
      v_billing_state := 'trialing';
    ELSIF v_trial_ends_at IS NOT NULL THEN
      v_plan := 'free';
      v_billing_state := 'trial_ended';
    ELSE
      v_plan := 'free';
      v_billing_state := 'free';
    END IF;
    -- The interest-bound consumers the workspace's events are wanted by (webhooks: an endpoint that
    -- is not disabled), so that a request queues an event only where someone consumes it.
    SELECT coalesce(array_agg(i.consumer ORDER BY i.consumer), ARRAY[]::text[]) INTO v_event_consumers
      FROM public.event_interest i
     WHERE i.workspace_id = v_ws_id AND i.holders > 0;
  END IF;
  RETURN QUERY SELECT v_user_id, v_session_id, v_key_id, v_ws_id, v_ws_slug, v_role, v_deleted_at, v_suspended_at,
    v_plan, v_billing_state, v_trial_ends_at, v_trial_extended, v_event_consumers;
END;
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION app_private.resolve_credential(text, text, uuid, text) FROM PUBLIC;--> statement-breakpoint

-- A remembered admission no longer holds once the workspace's interest-bound consumers changed (an
-- endpoint added, disabled or deleted since): the write is decided afresh, so that its events are
-- relayed right away where they are now wanted. As in 0045, with that one condition and its argument
-- added (the signature changes, so the function is dropped and created again).
DROP FUNCTION app_private.admit_write(text, text, uuid, uuid, text);--> statement-breakpoint
CREATE FUNCTION app_private.admit_write(p_kind text, p_token_hash text, p_workspace_id uuid, p_actor_id uuid, p_role text, p_event_consumers text[])
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public'
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
     OR r.workspace_suspended_at IS NOT NULL
     OR r.billing_state = 'trial_ended'
     OR r.event_consumers IS DISTINCT FROM p_event_consumers THEN
    RAISE EXCEPTION 'the credential, its role or its workspace changed since it was checked' USING ERRCODE = 'UW001';
  END IF;
END;
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION app_private.admit_write(text, text, uuid, uuid, text, text[]) FROM PUBLIC;
