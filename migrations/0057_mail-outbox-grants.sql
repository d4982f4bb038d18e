-- A request writes a mail's intent in its own batch (worker/modules/mail/outbound-mail.ts), as the
-- request role: it may add pending rows and nothing else. Sending, retrying, suppressing and purging
-- are the owner's (the mail.send job, the sweep, the purge). The suppression list is the owner's alone.
GRANT INSERT ON "outbound_mail" TO app_request;
