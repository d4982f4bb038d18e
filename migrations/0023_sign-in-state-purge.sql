CREATE INDEX "email_token_expires_idx" ON "email_token" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "sign_in_challenge_expires_idx" ON "sign_in_challenge" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "webauthn_challenge_expires_idx" ON "webauthn_challenge" USING btree ("expires_at");