import type { Reply, Request } from '../identity-fakes/http.ts';
import type { Account } from './account.ts';
import { meterEvents } from './meters.ts';

const order = (request: Request) => (request.url.searchParams.get('order') === 'reverse' ? 'reverse' : 'sent');

/**
 * What tests (and a developer) steer the account with, under `/__control`:
 *   POST /hold?delay_ms=…          hold deliveries (or delay each by delay_ms); POST /release?order=sent|reverse sends them
 *   POST /resume                   deliver as events happen again
 *   GET  /deliveries               what is held; POST /deliveries/take?order=… hands it over, signed, for the caller to send
 *   GET  /events                   every event, oldest first
 *   GET  /meter_events             every Billing Meters event received, oldest first
 *   POST /events/{id}/resend?times=n   replay or duplicate an event (freshly signed)
 *   POST /fail-next-invoice        the next renewal's invoice fails
 *   POST /subscriptions/{id}/renew the period ends: a new invoice is paid, or fails
 *   POST /invoices/{id}/retry?outcome=pay|fail   the next collection attempt of an open invoice
 *   POST /checkout/{id}/pay?card=… what the hosted page does when the form is submitted
 */
export function controlApi(account: Account) {
  const hooks = account.webhooks;
  return async (request: Request): Promise<Reply | null> => {
    const path = request.url.pathname.replace(/^\/__control/, '');
    if (path === request.url.pathname) return null;
    const post = request.method === 'POST';
    const json = (body: unknown, status = 200): Reply => ({ status, body });
    if (post && path === '/hold') {
      const delay = Number(request.url.searchParams.get('delay_ms') ?? '0');
      hooks.setHold(delay === 0, delay);
      return json({ held: delay === 0, delay_ms: delay });
    }
    if (post && path === '/resume') {
      hooks.setHold(false);
      return json({ held: false });
    }
    if (post && path === '/release') return json({ statuses: await hooks.release(order(request)) });
    if (request.method === 'GET' && path === '/deliveries') return json({ data: hooks.held() });
    if (post && path === '/deliveries/take') return json({ data: hooks.take(order(request)) });
    if (request.method === 'GET' && path === '/events') return json({ data: hooks.events });
    if (request.method === 'GET' && path === '/meter_events') return json({ data: meterEvents(account) });
    if (post && path === '/fail-next-invoice') {
      account.failNextInvoice();
      return json({ fail_next_invoice: true });
    }
    const resend = post ? /^\/events\/([^/]+)\/resend$/.exec(path) : null;
    if (resend) {
      const deliveries = hooks.resend(resend[1] as string, Number(request.url.searchParams.get('times') ?? '1'));
      return deliveries.length > 0 ? json({ data: deliveries }) : json({ error: 'no such event' }, 404);
    }
    const renew = post ? /^\/subscriptions\/([^/]+)\/renew$/.exec(path) : null;
    if (renew) return json(account.renewSubscription(renew[1] as string));
    const retry = post ? /^\/invoices\/([^/]+)\/retry$/.exec(path) : null;
    if (retry) return json(account.retryInvoice(retry[1] as string, request.url.searchParams.get('outcome') === 'pay'));
    const pay = post ? /^\/checkout\/([^/]+)\/pay$/.exec(path) : null;
    if (pay) return json(account.payCheckoutSession(pay[1] as string, request.url.searchParams.get('card') ?? ''));
    return json({ error: 'unknown control' }, 404);
  };
}
