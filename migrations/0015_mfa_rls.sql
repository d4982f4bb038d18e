-- Second factors and passkeys are managed by the signed-in person through the request role; the
-- "*_self" policies bind every row to app.user_id. Sign-in reads and writes them as the owner role.
-- sign_in_challenge gets no grant at all: only sign-in (owner role) may touch pending sign-ins.
GRANT SELECT, INSERT, UPDATE, DELETE ON "totp_credential" TO app_request;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "backup_code" TO app_request;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "passkey" TO app_request;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON "webauthn_challenge" TO app_request;
