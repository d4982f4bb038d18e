-- Settings -> Sessions lists a person's app sign-ins (token families) beside their browser
-- sessions and revokes them under the request role, as do a password change and turning on a
-- second factor. Its only write on "token_family" is revoking: the "token_family_self_revoke"
-- policy limits it to the person's own live families and forbids un-revoking. Refresh tokens stay
-- with the owner role.
GRANT SELECT ON "token_family" TO app_request;--> statement-breakpoint
GRANT UPDATE ("revoked_at", "revoke_reason") ON "token_family" TO app_request;
