import { jobRequest } from '../../../queues/enqueue.ts';
import { defineModule } from '../module.ts';
import { devInboxRoutes } from './dev-inbox.routes.ts';
import { purgeMail, sendMail, sweepMail } from './send-mail.job.ts';

/**
 * Every email leaves through here (docs/decisions/055-mail-through-the-outbox.md): the intent is
 * written with the change (`MailOutbox`), the `mail.send` job renders and sends it with retries, and a
 * sweep every minute sends what no relay did. Also the dev inbox (development and tests only: each
 * route answers 404 elsewhere).
 */
export const mailModule = defineModule({
  name: 'mail',
  pages: [devInboxRoutes],
  jobs: [sendMail, sweepMail, purgeMail],
  cron: {
    '* * * * *': [jobRequest(sweepMail, {})],
    '30 2 * * *': [jobRequest(purgeMail, {})],
  },
});
