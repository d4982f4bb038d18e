-- Invites, teams and team places are tenant tables: forced, so even the owner role sees only what
-- the policies allow. Invites are revoked or accepted, never deleted (they are the record of who
-- was asked in); teams and team places are deleted for real.
ALTER TABLE "invite" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "team" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "team_member" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "invite" TO app_request;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "team" TO app_request;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON "team_member" TO app_request;--> statement-breakpoint

-- The people of the current workspace: id, email and name, nothing else of their user rows. Members
-- see each other through this function rather than through a policy on "user", so the request role
-- never gets to read another person's password hash or any column added later.
CREATE FUNCTION app_private.workspace_directory()
RETURNS TABLE (user_id uuid, email text, name text)
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
  SELECT u.id, u.email, u.name
    FROM public."user" u
    JOIN public.membership m ON m.user_id = u.id
   WHERE m.workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid
     AND u.deleted_at IS NULL
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION app_private.workspace_directory() FROM PUBLIC;--> statement-breakpoint
GRANT USAGE ON SCHEMA app_private TO app_request;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_private.workspace_directory() TO app_request;
