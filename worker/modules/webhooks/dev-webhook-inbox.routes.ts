import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../../env.ts';
import { devInboxAllowed } from '../../kernel/config.ts';
import { AppError } from '../../kernel/errors.ts';
import type { WebhookInbox } from '../../kernel/webhook-inbox.ts';
import { devWebhookInboxPage } from './dev-webhook-inbox.page.ts';

const noSuchRoute = () => new AppError('NOT_FOUND', 'No such route');

const inboxOf = (services: AppEnv['Variables']['services']): WebhookInbox => {
  if (!services.devWebhookInbox) throw noSuchRoute();
  return services.devWebhookInbox;
};

/** Outside development and tests these routes do not exist. */
const devOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (!devInboxAllowed(c.get('config').APP_ENV)) throw noSuchRoute();
  inboxOf(c.get('services'));
  await next();
});

/**
 * The development webhook inbox, beside the dev mail inbox: every attempt the app made to a webhook
 * endpoint (endpoint, event type, webhook-id, attempt, answer, body), newest first, as JSON at
 * `GET /api/dev/webhooks` and as a page at `GET /dev/webhooks`. Not part of the public API; 404
 * unless APP_ENV is development or test.
 */
export const devWebhookInboxRoutes = new Hono<AppEnv>()
  .use('/api/dev/webhooks', devOnly)
  .use('/dev/webhooks', devOnly)
  .get('/api/dev/webhooks', async (c) => c.json({ data: await inboxOf(c.get('services')).list(100) }, 200))
  .get('/dev/webhooks', async (c) => c.html(devWebhookInboxPage(await inboxOf(c.get('services')).list(100))));
