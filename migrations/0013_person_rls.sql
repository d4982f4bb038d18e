-- personal_export is an identity table like session: RLS enabled (not forced) so the owner role
-- used by account erasure reaches it, while the request role sees and changes only the signed-in
-- person's rows (policy personal_export_self). No DELETE: erasure removes rows as the owner.
GRANT SELECT, INSERT, UPDATE ON "personal_export" TO app_request;--> statement-breakpoint
-- How an audit entry's actor is shown to a reader. A deleted person is "Deleted user" to everyone
-- (the entry keeps the id; the profile was anonymised); a living person's name is shown only to
-- themselves or within a workspace they belong to; otherwise null. SECURITY DEFINER because the
-- request role may read no other person's row in "user".
CREATE OR REPLACE FUNCTION public.audit_actor_name(p_actor_type text, p_actor_id text)
RETURNS text
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
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
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION public.audit_actor_name(text, text) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.audit_actor_name(text, text) TO app_request;
