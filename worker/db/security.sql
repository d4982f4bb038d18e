-- Generated from the migrations by scripts/security-sql.ts: do not edit; change a migration.
-- The current definition of every function in app_private and every SECURITY DEFINER function,
-- every row-level security policy, which tables enable and force RLS, the triggers that guard
-- tables, and what the request role app_request may do.

-- ================================================================================================
-- Functions

-- app_private.admit_write(text,text,uuid,uuid,text,text[])
CREATE OR REPLACE FUNCTION app_private.admit_write(p_kind text, p_token_hash text, p_workspace_id uuid, p_actor_id uuid, p_role text, p_event_consumers text[])
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public'
AS $function$
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
$function$;

-- app_private.assert_user_enabled(uuid)
CREATE OR REPLACE FUNCTION app_private.assert_user_enabled(p_user_id uuid)
 RETURNS void
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public'
AS $function$
BEGIN
  IF EXISTS (SELECT 1 FROM public."user" u WHERE u.id = p_user_id AND u.disabled_at IS NOT NULL) THEN
    RAISE EXCEPTION 'account disabled' USING ERRCODE = 'UD001';
  END IF;
END;
$function$;

-- app_private.assert_within_limit(text,bigint,bigint,bigint)
CREATE OR REPLACE FUNCTION app_private.assert_within_limit(p_metric text, p_used bigint, p_adding bigint, p_limit bigint)
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'public'
AS $function$
BEGIN
  IF p_limit IS NOT NULL AND p_used + p_adding > p_limit THEN
    RAISE EXCEPTION 'plan limit reached: % (% in use, limit %)', p_metric, p_used, p_limit USING ERRCODE = 'UL001';
  END IF;
END;
$function$;

-- app_private.assert_within_limit(text,bigint,integer,integer)
CREATE OR REPLACE FUNCTION app_private.assert_within_limit(p_metric text, p_used bigint, p_adding integer, p_limit integer)
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'public'
AS $function$
BEGIN
  IF p_limit IS NOT NULL AND p_used + p_adding > p_limit THEN
    RAISE EXCEPTION 'plan limit reached: % (% in use, limit %)', p_metric, p_used, p_limit USING ERRCODE = 'UL001';
  END IF;
END;
$function$;

-- app_private.audit_log_append_only()
CREATE OR REPLACE FUNCTION app_private.audit_log_append_only()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'public'
AS $function$
BEGIN
  IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN
    IF OLD.workspace_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM public.workspace w WHERE w.id = OLD.workspace_id) THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % is refused', TG_OP USING ERRCODE = 'UA001';
END;
$function$;

-- app_private.hold_realtime_interest(integer)
CREATE OR REPLACE FUNCTION app_private.hold_realtime_interest(p_seconds integer)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public'
AS $function$
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
$function$;

-- app_private.resolve_credential(text,text,uuid,text)
CREATE OR REPLACE FUNCTION app_private.resolve_credential(p_kind text, p_token_hash text, p_workspace_id uuid, p_workspace_slug text)
 RETURNS TABLE(user_id uuid, session_id uuid, api_key_id uuid, workspace_id uuid, workspace_slug text, role text, workspace_deleted_at timestamp with time zone, workspace_suspended_at timestamp with time zone, plan text, billing_state text, trial_ends_at timestamp with time zone, trial_extended boolean, usage_limit_reached text, usage_unlock_plan text, event_consumers text[])
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public'
AS $function$
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
$function$;

-- app_private.webhook_endpoint_interest()
CREATE OR REPLACE FUNCTION app_private.webhook_endpoint_interest()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public'
AS $function$
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
$function$;

-- app_private.workspace_avatars()
CREATE OR REPLACE FUNCTION app_private.workspace_avatars()
 RETURNS TABLE(membership_id uuid, user_id uuid, workspace_id uuid, file_id uuid)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public'
AS $function$
  SELECT m.id, u.id, u.avatar_workspace_id, u.avatar_file_id
    FROM public."user" u
    JOIN public.membership m ON m.user_id = u.id
   WHERE m.workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid
     AND u.deleted_at IS NULL
     AND u.avatar_file_id IS NOT NULL
$function$;

-- app_private.workspace_billing(uuid)
CREATE OR REPLACE FUNCTION app_private.workspace_billing(p_workspace_id uuid)
 RETURNS TABLE(plan text, billing_state text, trial_ends_at timestamp with time zone, trial_extended boolean, usage_limit_reached text, usage_unlock_plan text)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public'
AS $function$
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
$function$;

-- app_private.workspace_directory()
CREATE OR REPLACE FUNCTION app_private.workspace_directory()
 RETURNS TABLE(user_id uuid, email text, name text)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public'
AS $function$
  SELECT u.id, u.email, u.name
    FROM public."user" u
    JOIN public.membership m ON m.user_id = u.id
   WHERE m.workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid
     AND u.deleted_at IS NULL
$function$;

-- audit_actor_name(text,text)
CREATE OR REPLACE FUNCTION public.audit_actor_name(p_actor_type text, p_actor_id text)
 RETURNS text
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'public'
AS $function$
DECLARE
  v_id uuid;
  v_name text;
  v_deleted timestamptz;
BEGIN
  IF p_actor_type IS DISTINCT FROM 'user' OR p_actor_id IS NULL
     OR p_actor_id !~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' THEN
    RETURN NULL;
  END IF;
  v_id := p_actor_id::uuid;
  SELECT u.name, u.deleted_at INTO v_name, v_deleted FROM public."user" u WHERE u.id = v_id;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  IF v_deleted IS NOT NULL THEN
    RETURN 'Deleted user';
  END IF;
  IF v_id = nullif(current_setting('app.user_id', true), '')::uuid
     OR EXISTS (
       SELECT 1 FROM public.membership m
        WHERE m.user_id = v_id
          AND m.workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid
     ) THEN
    RETURN v_name;
  END IF;
  RETURN NULL;
END;
$function$;

-- ================================================================================================
-- Row-level security

ALTER TABLE public.api_key ENABLE ROW LEVEL SECURITY; ALTER TABLE public.api_key FORCE ROW LEVEL SECURITY;

ALTER TABLE public.audit_export ENABLE ROW LEVEL SECURITY; ALTER TABLE public.audit_export FORCE ROW LEVEL SECURITY;

ALTER TABLE public.audit_log ENABLE ROW LEVEL SECURITY; ALTER TABLE public.audit_log FORCE ROW LEVEL SECURITY;

ALTER TABLE public.backup_code ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.billing_customer ENABLE ROW LEVEL SECURITY; ALTER TABLE public.billing_customer FORCE ROW LEVEL SECURITY;

ALTER TABLE public.cron_run ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.dunning_step ENABLE ROW LEVEL SECURITY; ALTER TABLE public.dunning_step FORCE ROW LEVEL SECURITY;

ALTER TABLE public.email_token ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.event_interest ENABLE ROW LEVEL SECURITY; ALTER TABLE public.event_interest FORCE ROW LEVEL SECURITY;

ALTER TABLE public.event_receipt ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.file ENABLE ROW LEVEL SECURITY; ALTER TABLE public.file FORCE ROW LEVEL SECURITY;

ALTER TABLE public.flag_override ENABLE ROW LEVEL SECURITY; ALTER TABLE public.flag_override FORCE ROW LEVEL SECURITY;

ALTER TABLE public.idempotency_key ENABLE ROW LEVEL SECURITY; ALTER TABLE public.idempotency_key FORCE ROW LEVEL SECURITY;

ALTER TABLE public.invite ENABLE ROW LEVEL SECURITY; ALTER TABLE public.invite FORCE ROW LEVEL SECURITY;

ALTER TABLE public.job ENABLE ROW LEVEL SECURITY; ALTER TABLE public.job FORCE ROW LEVEL SECURITY;

ALTER TABLE public.job_dead_letter ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.job_failure ENABLE ROW LEVEL SECURITY; ALTER TABLE public.job_failure FORCE ROW LEVEL SECURITY;

ALTER TABLE public.job_run ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.login_throttle ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.mail_suppression ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.membership ENABLE ROW LEVEL SECURITY; ALTER TABLE public.membership FORCE ROW LEVEL SECURITY;

ALTER TABLE public.notification ENABLE ROW LEVEL SECURITY; ALTER TABLE public.notification FORCE ROW LEVEL SECURITY;

ALTER TABLE public.notification_preference ENABLE ROW LEVEL SECURITY; ALTER TABLE public.notification_preference FORCE ROW LEVEL SECURITY;

ALTER TABLE public.oauth_account ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.outbound_mail ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.outbox_event ENABLE ROW LEVEL SECURITY; ALTER TABLE public.outbox_event FORCE ROW LEVEL SECURITY;

ALTER TABLE public.passkey ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.personal_access_token ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.personal_export ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.project ENABLE ROW LEVEL SECURITY; ALTER TABLE public.project FORCE ROW LEVEL SECURITY;

ALTER TABLE public.project_attachment ENABLE ROW LEVEL SECURITY; ALTER TABLE public.project_attachment FORCE ROW LEVEL SECURITY;

ALTER TABLE public.refresh_token ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.session ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.sign_in_challenge ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.sso_connection ENABLE ROW LEVEL SECURITY; ALTER TABLE public.sso_connection FORCE ROW LEVEL SECURITY;

ALTER TABLE public.sso_domain ENABLE ROW LEVEL SECURITY; ALTER TABLE public.sso_domain FORCE ROW LEVEL SECURITY;

ALTER TABLE public.stripe_event ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.subscription ENABLE ROW LEVEL SECURITY; ALTER TABLE public.subscription FORCE ROW LEVEL SECURITY;

ALTER TABLE public.team ENABLE ROW LEVEL SECURITY; ALTER TABLE public.team FORCE ROW LEVEL SECURITY;

ALTER TABLE public.team_member ENABLE ROW LEVEL SECURITY; ALTER TABLE public.team_member FORCE ROW LEVEL SECURITY;

ALTER TABLE public.token_family ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.totp_credential ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.usage_record ENABLE ROW LEVEL SECURITY; ALTER TABLE public.usage_record FORCE ROW LEVEL SECURITY;

ALTER TABLE public."user" ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.webauthn_challenge ENABLE ROW LEVEL SECURITY;

ALTER TABLE public.webhook_delivery ENABLE ROW LEVEL SECURITY; ALTER TABLE public.webhook_delivery FORCE ROW LEVEL SECURITY;

ALTER TABLE public.webhook_endpoint ENABLE ROW LEVEL SECURITY; ALTER TABLE public.webhook_endpoint FORCE ROW LEVEL SECURITY;

ALTER TABLE public.workspace ENABLE ROW LEVEL SECURITY; ALTER TABLE public.workspace FORCE ROW LEVEL SECURITY;

ALTER TABLE public.workspace_slug_alias ENABLE ROW LEVEL SECURITY; ALTER TABLE public.workspace_slug_alias FORCE ROW LEVEL SECURITY;

ALTER TABLE public.workspace_trial ENABLE ROW LEVEL SECURITY; ALTER TABLE public.workspace_trial FORCE ROW LEVEL SECURITY;

-- ================================================================================================
-- Policies

CREATE POLICY api_key_lookup_by_hash ON public.api_key AS PERMISSIVE FOR SELECT TO public
  USING ((key_hash = NULLIF(current_setting('app.api_key_hash'::text, true), ''::text)));

CREATE POLICY api_key_tenant ON public.api_key AS PERMISSIVE FOR ALL TO public
  USING ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid))
  WITH CHECK ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid));

CREATE POLICY audit_export_delete_only_due ON public.audit_export AS RESTRICTIVE FOR DELETE TO public
  USING ((COALESCE(expires_at, (created_at + '7 days'::interval)) < (NULLIF(current_setting('app.purge_before'::text, true), ''::text))::timestamp with time zone));

CREATE POLICY audit_export_purge_due_delete ON public.audit_export AS PERMISSIVE FOR DELETE TO public
  USING ((COALESCE(expires_at, (created_at + '7 days'::interval)) < (NULLIF(current_setting('app.purge_before'::text, true), ''::text))::timestamp with time zone));

CREATE POLICY audit_export_purge_due_read ON public.audit_export AS PERMISSIVE FOR SELECT TO public
  USING ((COALESCE(expires_at, (created_at + '7 days'::interval)) < (NULLIF(current_setting('app.purge_before'::text, true), ''::text))::timestamp with time zone));

CREATE POLICY audit_export_tenant ON public.audit_export AS PERMISSIVE FOR ALL TO public
  USING ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid))
  WITH CHECK ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid));

CREATE POLICY audit_log_account_insert ON public.audit_log AS PERMISSIVE FOR INSERT TO public
  WITH CHECK (((workspace_id IS NULL) AND ((actor_id IS NULL) OR (actor_id = ((NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid)::text))));

CREATE POLICY audit_log_account_read ON public.audit_log AS PERMISSIVE FOR SELECT TO public
  USING (((workspace_id IS NULL) AND (actor_type = 'user'::text) AND (actor_id = ((NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid)::text)));

CREATE POLICY audit_log_system_insert ON public.audit_log AS PERMISSIVE FOR INSERT TO public
  WITH CHECK (((workspace_id IS NULL) AND (actor_type = 'system'::text) AND (CURRENT_USER <> 'app_request'::name)));

CREATE POLICY audit_log_tenant_insert ON public.audit_log AS PERMISSIVE FOR INSERT TO public
  WITH CHECK ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid));

CREATE POLICY audit_log_tenant_read ON public.audit_log AS PERMISSIVE FOR SELECT TO public
  USING ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid));

CREATE POLICY backup_code_self ON public.backup_code AS PERMISSIVE FOR ALL TO public
  USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid))
  WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

CREATE POLICY billing_customer_system ON public.billing_customer AS PERMISSIVE FOR ALL TO public
  USING ((CURRENT_USER <> 'app_request'::name))
  WITH CHECK ((CURRENT_USER <> 'app_request'::name));

CREATE POLICY billing_customer_tenant ON public.billing_customer AS PERMISSIVE FOR ALL TO public
  USING ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid))
  WITH CHECK ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid));

CREATE POLICY dunning_step_system ON public.dunning_step AS PERMISSIVE FOR ALL TO public
  USING ((CURRENT_USER <> 'app_request'::name))
  WITH CHECK ((CURRENT_USER <> 'app_request'::name));

CREATE POLICY dunning_step_tenant ON public.dunning_step AS PERMISSIVE FOR ALL TO public
  USING ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid))
  WITH CHECK ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid));

CREATE POLICY event_interest_system ON public.event_interest AS PERMISSIVE FOR ALL TO public
  USING ((CURRENT_USER <> 'app_request'::name))
  WITH CHECK ((CURRENT_USER <> 'app_request'::name));

CREATE POLICY event_interest_tenant_read ON public.event_interest AS PERMISSIVE FOR SELECT TO public
  USING ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid));

CREATE POLICY file_own_avatar_read ON public.file AS PERMISSIVE FOR SELECT TO public
  USING (((NULLIF(current_setting('app.workspace_id'::text, true), ''::text) IS NULL) AND (EXISTS ( SELECT 1
   FROM "user" u
  WHERE ((u.id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid) AND (u.avatar_workspace_id = file.workspace_id) AND (u.avatar_file_id = file.id))))));

CREATE POLICY file_pending_purge_delete ON public.file AS PERMISSIVE FOR DELETE TO public
  USING (((status = 'pending'::text) AND (created_at < (NULLIF(current_setting('app.purge_before'::text, true), ''::text))::timestamp with time zone)));

CREATE POLICY file_pending_purge_read ON public.file AS PERMISSIVE FOR SELECT TO public
  USING (((status = 'pending'::text) AND (created_at < (NULLIF(current_setting('app.purge_before'::text, true), ''::text))::timestamp with time zone)));

CREATE POLICY file_tenant ON public.file AS PERMISSIVE FOR ALL TO public
  USING ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid))
  WITH CHECK ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid));

CREATE POLICY flag_override_own ON public.flag_override AS RESTRICTIVE FOR ALL TO public
  USING (((person_id IS NULL) OR (CURRENT_USER <> 'app_request'::name) OR (person_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid)))
  WITH CHECK (((person_id IS NULL) OR (CURRENT_USER <> 'app_request'::name) OR (person_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid)));

CREATE POLICY flag_override_tenant ON public.flag_override AS PERMISSIVE FOR ALL TO public
  USING ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid))
  WITH CHECK ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid));

CREATE POLICY idempotency_key_purge_expired ON public.idempotency_key AS PERMISSIVE FOR DELETE TO public
  USING ((expires_at < now()));

CREATE POLICY idempotency_key_tenant ON public.idempotency_key AS PERMISSIVE FOR ALL TO public
  USING ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid))
  WITH CHECK ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid));

CREATE POLICY invite_delete_only_long_expired ON public.invite AS RESTRICTIVE FOR DELETE TO public
  USING (((accepted_at IS NULL) AND (revoked_at IS NULL) AND (expires_at < (now() - '30 days'::interval))));

CREATE POLICY invite_lookup_by_token ON public.invite AS PERMISSIVE FOR SELECT TO public
  USING ((token_hash = NULLIF(current_setting('app.invite_token_hash'::text, true), ''::text)));

CREATE POLICY invite_purge_long_expired ON public.invite AS PERMISSIVE FOR DELETE TO public
  USING (((accepted_at IS NULL) AND (revoked_at IS NULL) AND (expires_at < (now() - '30 days'::interval))));

CREATE POLICY invite_tenant ON public.invite AS PERMISSIVE FOR ALL TO public
  USING ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid))
  WITH CHECK ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid));

CREATE POLICY job_self ON public.job AS PERMISSIVE FOR ALL TO public
  USING (((workspace_id IS NULL) AND (user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid)))
  WITH CHECK (((workspace_id IS NULL) AND (user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid)));

CREATE POLICY job_tenant ON public.job AS PERMISSIVE FOR ALL TO public
  USING ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid))
  WITH CHECK ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid));

CREATE POLICY job_failure_tenant ON public.job_failure AS PERMISSIVE FOR ALL TO public
  USING ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid))
  WITH CHECK ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid));

CREATE POLICY membership_own_read ON public.membership AS PERMISSIVE FOR SELECT TO public
  USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

CREATE POLICY membership_tenant ON public.membership AS PERMISSIVE FOR ALL TO public
  USING ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid))
  WITH CHECK ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid));

CREATE POLICY notification_digest_due ON public.notification AS PERMISSIVE FOR SELECT TO public
  USING ((digest_pending AND (read_at IS NULL) AND (created_at < (NULLIF(current_setting('app.digest_before'::text, true), ''::text))::timestamp with time zone)));

CREATE POLICY notification_own ON public.notification AS RESTRICTIVE FOR ALL TO public
  USING (((CURRENT_USER <> 'app_request'::name) OR (person_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid)))
  WITH CHECK (((CURRENT_USER <> 'app_request'::name) OR (person_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid)));

CREATE POLICY notification_tenant ON public.notification AS PERMISSIVE FOR ALL TO public
  USING ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid))
  WITH CHECK ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid));

CREATE POLICY notification_preference_own ON public.notification_preference AS RESTRICTIVE FOR ALL TO public
  USING (((CURRENT_USER <> 'app_request'::name) OR (person_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid)))
  WITH CHECK (((CURRENT_USER <> 'app_request'::name) OR (person_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid)));

CREATE POLICY notification_preference_tenant ON public.notification_preference AS PERMISSIVE FOR ALL TO public
  USING ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid))
  WITH CHECK ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid));

CREATE POLICY oauth_account_self ON public.oauth_account AS PERMISSIVE FOR SELECT TO public
  USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

CREATE POLICY oauth_account_self_link ON public.oauth_account AS PERMISSIVE FOR INSERT TO public
  WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

CREATE POLICY oauth_account_self_unlink ON public.oauth_account AS PERMISSIVE FOR DELETE TO public
  USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

CREATE POLICY outbound_mail_request_insert ON public.outbound_mail AS PERMISSIVE FOR INSERT TO public
  WITH CHECK ((status = 'pending'::text));

CREATE POLICY outbox_event_relay ON public.outbox_event AS PERMISSIVE FOR ALL TO public
  USING ((CURRENT_USER <> 'app_request'::name))
  WITH CHECK ((CURRENT_USER <> 'app_request'::name));

CREATE POLICY outbox_event_tenant_insert ON public.outbox_event AS PERMISSIVE FOR INSERT TO public
  WITH CHECK ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid));

CREATE POLICY passkey_self ON public.passkey AS PERMISSIVE FOR ALL TO public
  USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid))
  WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

CREATE POLICY personal_access_token_self_insert ON public.personal_access_token AS PERMISSIVE FOR INSERT TO public
  WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

CREATE POLICY personal_access_token_self_read ON public.personal_access_token AS PERMISSIVE FOR SELECT TO public
  USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

CREATE POLICY personal_access_token_self_revoke ON public.personal_access_token AS PERMISSIVE FOR UPDATE TO public
  USING (((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid) AND (revoked_at IS NULL)))
  WITH CHECK (((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid) AND (revoked_at IS NOT NULL)));

CREATE POLICY personal_export_self ON public.personal_export AS PERMISSIVE FOR ALL TO public
  USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid))
  WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

CREATE POLICY project_tenant ON public.project AS PERMISSIVE FOR ALL TO public
  USING ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid))
  WITH CHECK ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid));

CREATE POLICY project_attachment_tenant ON public.project_attachment AS PERMISSIVE FOR ALL TO public
  USING ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid))
  WITH CHECK ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid));

CREATE POLICY session_self ON public.session AS PERMISSIVE FOR SELECT TO public
  USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

CREATE POLICY session_self_revoke ON public.session AS PERMISSIVE FOR UPDATE TO public
  USING (((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid) AND (revoked_at IS NULL)))
  WITH CHECK (((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid) AND (revoked_at IS NOT NULL)));

CREATE POLICY sso_connection_tenant ON public.sso_connection AS PERMISSIVE FOR ALL TO public
  USING ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid))
  WITH CHECK ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid));

CREATE POLICY sso_domain_lookup_verified ON public.sso_domain AS PERMISSIVE FOR SELECT TO public
  USING (((verified_at IS NOT NULL) AND (domain = NULLIF(current_setting('app.sso_domain'::text, true), ''::text))));

CREATE POLICY sso_domain_tenant ON public.sso_domain AS PERMISSIVE FOR ALL TO public
  USING ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid))
  WITH CHECK ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid));

CREATE POLICY subscription_system ON public.subscription AS PERMISSIVE FOR ALL TO public
  USING ((CURRENT_USER <> 'app_request'::name))
  WITH CHECK ((CURRENT_USER <> 'app_request'::name));

CREATE POLICY subscription_tenant ON public.subscription AS PERMISSIVE FOR ALL TO public
  USING ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid))
  WITH CHECK ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid));

CREATE POLICY team_tenant ON public.team AS PERMISSIVE FOR ALL TO public
  USING ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid))
  WITH CHECK ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid));

CREATE POLICY team_member_tenant ON public.team_member AS PERMISSIVE FOR ALL TO public
  USING ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid))
  WITH CHECK ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid));

CREATE POLICY token_family_self ON public.token_family AS PERMISSIVE FOR SELECT TO public
  USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

CREATE POLICY token_family_self_revoke ON public.token_family AS PERMISSIVE FOR UPDATE TO public
  USING (((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid) AND (revoked_at IS NULL)))
  WITH CHECK (((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid) AND (revoked_at IS NOT NULL)));

CREATE POLICY totp_credential_self ON public.totp_credential AS PERMISSIVE FOR ALL TO public
  USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid))
  WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

CREATE POLICY usage_record_system ON public.usage_record AS PERMISSIVE FOR ALL TO public
  USING ((CURRENT_USER <> 'app_request'::name))
  WITH CHECK ((CURRENT_USER <> 'app_request'::name));

CREATE POLICY usage_record_tenant ON public.usage_record AS PERMISSIVE FOR ALL TO public
  USING ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid))
  WITH CHECK ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid));

CREATE POLICY user_self ON public."user" AS PERMISSIVE FOR ALL TO public
  USING ((id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid))
  WITH CHECK ((id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

CREATE POLICY webauthn_challenge_self ON public.webauthn_challenge AS PERMISSIVE FOR ALL TO public
  USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid))
  WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

CREATE POLICY webhook_delivery_tenant ON public.webhook_delivery AS PERMISSIVE FOR ALL TO public
  USING ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid))
  WITH CHECK ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid));

CREATE POLICY webhook_endpoint_tenant ON public.webhook_endpoint AS PERMISSIVE FOR ALL TO public
  USING ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid))
  WITH CHECK ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid));

CREATE POLICY workspace_current ON public.workspace AS PERMISSIVE FOR ALL TO public
  USING ((id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid))
  WITH CHECK ((id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid));

CREATE POLICY workspace_member_read ON public.workspace AS PERMISSIVE FOR SELECT TO public
  USING ((EXISTS ( SELECT 1
   FROM membership m
  WHERE ((m.workspace_id = workspace.id) AND (m.user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid)))));

CREATE POLICY workspace_operator_read ON public.workspace AS PERMISSIVE FOR SELECT TO public
  USING (((CURRENT_USER <> 'app_request'::name) AND (deleted_at IS NULL) AND (slug = NULLIF(current_setting('app.operator_slug'::text, true), ''::text))));

CREATE POLICY workspace_purge_due_delete ON public.workspace AS PERMISSIVE FOR DELETE TO public
  USING ((deleted_at < (NULLIF(current_setting('app.purge_before'::text, true), ''::text))::timestamp with time zone));

CREATE POLICY workspace_purge_due_read ON public.workspace AS PERMISSIVE FOR SELECT TO public
  USING ((deleted_at < (NULLIF(current_setting('app.purge_before'::text, true), ''::text))::timestamp with time zone));

CREATE POLICY workspace_slug_alias_member_read ON public.workspace_slug_alias AS PERMISSIVE FOR SELECT TO public
  USING ((EXISTS ( SELECT 1
   FROM membership m
  WHERE ((m.workspace_id = workspace_slug_alias.workspace_id) AND (m.user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid)))));

CREATE POLICY workspace_slug_alias_tenant ON public.workspace_slug_alias AS PERMISSIVE FOR ALL TO public
  USING ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid))
  WITH CHECK ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid));

CREATE POLICY workspace_trial_system ON public.workspace_trial AS PERMISSIVE FOR ALL TO public
  USING ((CURRENT_USER <> 'app_request'::name))
  WITH CHECK ((CURRENT_USER <> 'app_request'::name));

CREATE POLICY workspace_trial_tenant ON public.workspace_trial AS PERMISSIVE FOR ALL TO public
  USING ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid))
  WITH CHECK ((workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid));

-- ================================================================================================
-- Triggers

CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON public.audit_log FOR EACH STATEMENT EXECUTE FUNCTION app_private.audit_log_append_only();

CREATE TRIGGER audit_log_no_update_or_delete BEFORE DELETE OR UPDATE ON public.audit_log FOR EACH ROW EXECUTE FUNCTION app_private.audit_log_append_only();

CREATE TRIGGER webhook_endpoint_interest AFTER INSERT OR DELETE OR UPDATE OF status ON public.webhook_endpoint FOR EACH ROW EXECUTE FUNCTION app_private.webhook_endpoint_interest();

-- ================================================================================================
-- What the request role may do (app_request)

GRANT INSERT, SELECT, UPDATE ON public.api_key TO app_request;

GRANT DELETE, INSERT, SELECT, UPDATE ON public.audit_export TO app_request;

GRANT INSERT, SELECT ON public.audit_log TO app_request;

GRANT DELETE, INSERT, SELECT, UPDATE ON public.backup_code TO app_request;

GRANT INSERT, SELECT ON public.billing_customer TO app_request;

GRANT SELECT ON public.dunning_step TO app_request;

GRANT SELECT ON public.event_interest TO app_request;

GRANT DELETE, INSERT, SELECT, UPDATE ON public.file TO app_request;

GRANT SELECT ON public.flag_override TO app_request;

GRANT DELETE, INSERT, SELECT, UPDATE ON public.idempotency_key TO app_request;

GRANT DELETE, INSERT, SELECT, UPDATE ON public.invite TO app_request;

GRANT INSERT, SELECT ON public.job TO app_request;

GRANT SELECT ON public.job_failure TO app_request;

GRANT DELETE, INSERT, SELECT, UPDATE ON public.membership TO app_request;

GRANT SELECT ON public.notification TO app_request;

GRANT DELETE, INSERT, SELECT, UPDATE ON public.notification_preference TO app_request;

GRANT DELETE, INSERT, SELECT ON public.oauth_account TO app_request;

GRANT INSERT ON public.outbound_mail TO app_request;

GRANT INSERT ON public.outbox_event TO app_request;

GRANT DELETE, INSERT, SELECT, UPDATE ON public.passkey TO app_request;

GRANT INSERT, SELECT ON public.personal_access_token TO app_request;

GRANT INSERT, SELECT, UPDATE ON public.personal_export TO app_request;

GRANT INSERT, SELECT, UPDATE ON public.project TO app_request;

GRANT DELETE, INSERT, SELECT ON public.project_attachment TO app_request;

GRANT SELECT ON public.session TO app_request;

GRANT DELETE, INSERT, SELECT, UPDATE ON public.sso_connection TO app_request;

GRANT DELETE, INSERT, SELECT, UPDATE ON public.sso_domain TO app_request;

GRANT SELECT ON public.subscription TO app_request;

GRANT DELETE, INSERT, SELECT, UPDATE ON public.team TO app_request;

GRANT DELETE, INSERT, SELECT ON public.team_member TO app_request;

GRANT SELECT ON public.token_family TO app_request;

GRANT DELETE, INSERT, SELECT, UPDATE ON public.totp_credential TO app_request;

GRANT SELECT ON public.usage_record TO app_request;

GRANT SELECT ON public."user" TO app_request;

GRANT DELETE, INSERT, SELECT ON public.webauthn_challenge TO app_request;

GRANT INSERT, SELECT, UPDATE ON public.webhook_delivery TO app_request;

GRANT DELETE, INSERT, SELECT, UPDATE ON public.webhook_endpoint TO app_request;

GRANT INSERT, SELECT, UPDATE ON public.workspace TO app_request;

GRANT DELETE, INSERT, SELECT ON public.workspace_slug_alias TO app_request;

GRANT INSERT, SELECT, UPDATE ON public.workspace_trial TO app_request;

GRANT UPDATE (cancel_requested, current, error, finished_at, progress, result, started_at, status, total, updated_at) ON public.job TO app_request;

GRANT UPDATE (retried_at, retried_by) ON public.job_failure TO app_request;

GRANT UPDATE (read_at) ON public.notification TO app_request;

GRANT UPDATE (revoked_at) ON public.personal_access_token TO app_request;

GRANT UPDATE (revoked_at) ON public.session TO app_request;

GRANT UPDATE (revoke_reason, revoked_at) ON public.token_family TO app_request;

GRANT UPDATE (avatar_file_id, avatar_workspace_id, name, updated_at) ON public."user" TO app_request;

GRANT EXECUTE ON FUNCTION app_private.assert_within_limit(text,bigint,bigint,bigint) TO app_request;

GRANT EXECUTE ON FUNCTION app_private.assert_within_limit(text,bigint,integer,integer) TO app_request;

GRANT EXECUTE ON FUNCTION app_private.hold_realtime_interest(integer) TO app_request;

GRANT EXECUTE ON FUNCTION app_private.workspace_avatars() TO app_request;

GRANT EXECUTE ON FUNCTION app_private.workspace_directory() TO app_request;

GRANT EXECUTE ON FUNCTION audit_actor_name(text,text) TO app_request;
