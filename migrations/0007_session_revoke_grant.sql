-- Revoking one's own sessions (list, revoke one, sign out the others) runs as the request role.
-- Its only write on "session" is this one column; the "session_self_revoke" policy limits it to the
-- person's own live sessions and forbids un-revoking.
GRANT UPDATE ("revoked_at") ON "session" TO app_request;
