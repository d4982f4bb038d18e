-- The invite purge deletes long-expired pending invites as the request role, which RLS always
-- binds; the restrictive `invite_delete_only_long_expired` policy keeps every other delete from
-- reaching an invite.
GRANT DELETE ON "invite" TO app_request;
