-- Request SQL runs as app_request: neither table owner, superuser nor BYPASSRLS.
-- The connecting (owner) role switches to it with SET LOCAL ROLE inside each tenant transaction.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_request') THEN
    CREATE ROLE app_request NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END
$$;--> statement-breakpoint
GRANT app_request TO CURRENT_USER;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO app_request;--> statement-breakpoint

-- Tenant tables: forced, so even the owner role sees only what the policies allow.
ALTER TABLE "workspace" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "membership" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "api_key" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "project" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "idempotency_key" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "audit_log" FORCE ROW LEVEL SECURITY;--> statement-breakpoint

GRANT SELECT, INSERT, UPDATE ON "workspace" TO app_request;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "membership" TO app_request;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "api_key" TO app_request;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "project" TO app_request;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON "idempotency_key" TO app_request;--> statement-breakpoint
GRANT SELECT, INSERT ON "audit_log" TO app_request;--> statement-breakpoint
GRANT SELECT ON "user" TO app_request;--> statement-breakpoint
GRANT SELECT ON "session" TO app_request;--> statement-breakpoint

CREATE SCHEMA IF NOT EXISTS app_private;--> statement-breakpoint
REVOKE ALL ON SCHEMA app_private FROM PUBLIC;--> statement-breakpoint

-- Resolves a presented credential (session token or API key, by hash) and the workspace named in
-- the path in the same statement, and sets the transaction-local context that the RLS policies read.
-- No row: the credential is unknown, expired or revoked. A row with workspace_id null: the
-- credential is valid but grants nothing in the named workspace (answered as 404, never 403).
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
  role text
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
      SELECT w.id, w.slug, m.role INTO v_ws_id, v_ws_slug, v_role
        FROM public.workspace w
        JOIN public.membership m ON m.workspace_id = w.id AND m.user_id = v_user_id
       WHERE w.deleted_at IS NULL
         AND (w.id = p_workspace_id OR w.slug = p_workspace_slug);
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
    SELECT w.id, w.slug, v_key_role INTO v_ws_id, v_ws_slug, v_role
      FROM public.workspace w
     WHERE w.id = v_key_workspace
       AND w.deleted_at IS NULL
       AND (w.id = p_workspace_id OR w.slug = p_workspace_slug);
    PERFORM set_config('app.workspace_id', '', true);
  ELSE
    RETURN;
  END IF;

  IF v_ws_id IS NOT NULL THEN
    PERFORM set_config('app.workspace_id', v_ws_id::text, true);
  END IF;
  RETURN QUERY SELECT v_user_id, v_session_id, v_key_id, v_ws_id, v_ws_slug, v_role;
END;
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION app_private.resolve_credential(text, text, uuid, text) FROM PUBLIC;
