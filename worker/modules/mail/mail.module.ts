import { jobRequest } from '../../../queues/enqueue.ts';
import { defineModule } from '../module.ts';
import { devInboxRoutes } from './dev-inbox.routes.ts';

/**
 * Every email leaves through here (docs/decisions/055-mail-through-the-outbox.md): the intent is
 * written with the change (`MailOutbox`), the `mail.send` job renders and sends it with retries, and a
 * sweep every minute sends what no relay did. Also the dev inbox (development and tests only: each
 * route answers 404 elsewhere).
 */
export const mailModule = defineModule({
  name: 'mail',
  pages: [devInboxRoutes],
  jobs: () => import('./send-mail.job.ts').then((m) => [m.sendMail, m.sweepMail, m.purgeMail]),
  cron: () =>
    import('./send-mail.job.ts').then((m) => ({
      '* * * * *': [jobRequest(m.sweepMail, {})],
      '30 2 * * *': [jobRequest(m.purgeMail, {})],
    })),
});
