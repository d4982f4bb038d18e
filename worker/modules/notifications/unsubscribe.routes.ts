import { Hono } from 'hono';
import type { AppEnv } from '../../env.ts';
import { confirmPage, donePage } from './unsubscribe.page.ts';
import { readLink, unsubscribe } from './unsubscribe.service.ts';

/**
 * The address in `List-Unsubscribe` and the mail footer: `POST` is RFC 8058's one-click (a mail
 * client sends `List-Unsubscribe=One-Click`; the body is not needed), `GET` shows a page that asks
 * first, since link scanners open every address in a mail. Only a token the app signed is accepted.
 */
export const unsubscribeRoutes = new Hono<AppEnv>()
  .get('/unsubscribe', async (c) => {
    const token = c.req.query('token');
    const link = await readLink(c.get('db'), c.get('config').APP_SECRET, token);
    const action = `/unsubscribe?token=${encodeURIComponent(token ?? '')}`;
    return c.html(confirmPage(action, link.kind.summary, link.workspaceName));
  })
  .post('/unsubscribe', async (c) => {
    const link = await unsubscribe(c.get('db'), c.get('config').APP_SECRET, c.req.query('token'));
    return c.html(donePage(link.kind.summary, link.workspaceName));
  });
