import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../../env.ts';
import { devInboxAllowed } from '../../kernel/config.ts';
import { AppError } from '../../kernel/errors.ts';
import type { MailInbox } from '../../kernel/mailer.ts';
import { inboxPage, messagePage } from './dev-inbox.page.ts';

const noSuchRoute = () => new AppError('NOT_FOUND', 'No such route');

/** Outside development and tests (or when mail does not go to the dev inbox) these routes do not exist. */
const devOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (!devInboxAllowed(c.get('config').APP_ENV) || !c.get('services').devInbox) throw noSuchRoute();
  await next();
});

const inboxOf = (services: AppEnv['Variables']['services']): MailInbox => {
  if (!services.devInbox) throw noSuchRoute();
  return services.devInbox;
};

/** `?to=` narrows the list to one address; anything that is not one lists nothing. */
const toFilter = (value: string | undefined) => (value ? value.slice(0, 254) : undefined);

/**
 * The dev inbox, for people and tests: `GET /api/dev/inbox` (JSON, newest first, `?to=`),
 * `GET /api/dev/inbox/:id`, and the pages `GET /dev/inbox` and `/dev/inbox/:id`. Not part of the
 * public API (absent from the OpenAPI document); 404 unless APP_ENV is development or test.
 */
export const devInboxRoutes = new Hono<AppEnv>()
  .use('/api/dev/*', devOnly)
  .use('/dev/*', devOnly)
  .get('/api/dev/inbox', async (c) => {
    const messages = await inboxOf(c.get('services')).list({ to: toFilter(c.req.query('to')), limit: 100 });
    return c.json({ data: messages }, 200);
  })
  .get('/api/dev/inbox/:id', async (c) => {
    const message = await inboxOf(c.get('services')).get(c.req.param('id'));
    if (!message) throw new AppError('NOT_FOUND', 'Message not found');
    return c.json(message, 200);
  })
  .get('/dev/inbox', async (c) => {
    const to = toFilter(c.req.query('to'));
    return c.html(inboxPage(await inboxOf(c.get('services')).list({ to, limit: 100 }), to));
  })
  .get('/dev/inbox/:id', async (c) => {
    const message = await inboxOf(c.get('services')).get(c.req.param('id'));
    if (!message) throw new AppError('NOT_FOUND', 'Message not found');
    return c.html(messagePage(message));
  });
