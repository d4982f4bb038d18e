-- Email tokens and log-in throttles are read and written only by the owner connection, before
-- anyone is signed in. RLS is enabled with no policy and the request role gets no grant, so
-- request SQL can neither read a token hash nor clear a lockout. Stated explicitly, so a later
-- default privilege cannot open them by accident.
REVOKE ALL ON "email_token" FROM app_request;--> statement-breakpoint
REVOKE ALL ON "login_throttle" FROM app_request;
