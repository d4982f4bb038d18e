-- Members see each other's avatars (docs/decisions/061). The avatar references of the people of the
-- current workspace, and nothing else of their user rows, as `workspace_directory()` gives their
-- names. The file row itself stays behind its own workspace's row-level security: the server reads
-- it in that workspace once this function has named it, so no policy on "file" opens another
-- workspace's rows to a workspace's queries (its file list and storage count stay its own).
CREATE FUNCTION app_private.workspace_avatars()
RETURNS TABLE (membership_id uuid, user_id uuid, workspace_id uuid, file_id uuid)
LANGUAGE sql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
  SELECT m.id, u.id, u.avatar_workspace_id, u.avatar_file_id
    FROM public."user" u
    JOIN public.membership m ON m.user_id = u.id
   WHERE m.workspace_id = nullif(current_setting('app.workspace_id', true), '')::uuid
     AND u.deleted_at IS NULL
     AND u.avatar_file_id IS NOT NULL
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION app_private.workspace_avatars() FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_private.workspace_avatars() TO app_request;
