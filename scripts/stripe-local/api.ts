import type { Reply, Request } from '../identity-fakes/http.ts';
import type { Account } from './account.ts';
import { decodeForm, type FormObject, formString } from './form.ts';
import { createMeterEvent } from './meters.ts';
import { invalid, listOf, StripeError, type StripeObject } from './store.ts';

type Route = (account: Account, id: string, params: FormObject) => StripeObject | Record<string, unknown>;

/** `METHOD /v1/path` (with `:id` for one segment) → what it does to the account. */
const routes: Record<string, Route> = {
  'POST /v1/customers': (a, _, p) => a.createCustomer(p),
  'GET /v1/customers/:id': (a, id) => a.require(id, 'customer'),
  'POST /v1/customers/:id': (a, id, p) => a.updateCustomer(id, p),
  'POST /v1/products': (a, _, p) => a.createProduct(p),
  'GET /v1/products': (a, _, p) => listOf('/v1/products', a.store.list('product'), limit(p)),
  'GET /v1/products/:id': (a, id) => a.require(id, 'product'),
  'POST /v1/products/:id': (a, id, p) => a.updateProduct(id, p),
  'POST /v1/prices': (a, _, p) => a.createPrice(p),
  'GET /v1/prices': (a, _, p) => listOf('/v1/prices', a.listPrices(p), limit(p)),
  'GET /v1/prices/:id': (a, id) => a.require(id, 'price'),
  'POST /v1/prices/:id': (a, id, p) => a.updatePrice(id, p),
  'POST /v1/checkout/sessions': (a, _, p) => a.publicView(a.createCheckoutSession(p)),
  'GET /v1/checkout/sessions/:id': (a, id) => a.publicView(a.require(id, 'checkout.session')),
  'POST /v1/billing_portal/sessions': (a, _, p) => a.createPortalSession(p),
  'GET /v1/subscriptions': (a, _, p) =>
    listOf(
      '/v1/subscriptions',
      a.store.list('subscription', (s) => !formString(p.customer) || s.customer === formString(p.customer)),
      limit(p),
    ),
  'GET /v1/subscriptions/:id': (a, id) => a.require(id, 'subscription'),
  'POST /v1/subscriptions/:id': (a, id, p) => a.updateSubscription(id, p),
  'DELETE /v1/subscriptions/:id': (a, id) => a.cancelSubscription(id),
  'GET /v1/invoices': (a, _, p) =>
    listOf(
      '/v1/invoices',
      a.store.list('invoice', (i) => !formString(p.customer) || i.customer === formString(p.customer)),
      limit(p),
    ),
  'GET /v1/invoices/:id': (a, id) => a.require(id, 'invoice'),
  'GET /v1/events/:id': (a, id) => a.require(id, 'event'),
  'POST /v1/billing/meter_events': (a, _, p) => createMeterEvent(a, p),
};

function limit(params: FormObject): number {
  const value = Number(formString(params.limit) ?? '10');
  if (!Number.isInteger(value) || value < 1 || value > 100) throw invalid('limit must be between 1 and 100', 'limit');
  return value;
}

function match(method: string, path: string): { route: Route; id: string } | null {
  const exact = routes[`${method} ${path}`];
  if (exact) return { route: exact, id: '' };
  const cut = path.lastIndexOf('/');
  const route = routes[`${method} ${path.slice(0, cut)}/:id`];
  return route ? { route, id: decodeURIComponent(path.slice(cut + 1)) } : null;
}

interface Remembered {
  fingerprint: string;
  reply: Reply;
}

/**
 * The REST API as the stripe SDK calls it: Bearer secret key, form-encoded bodies, Stripe's
 * error envelope, and `Idempotency-Key` on POST: the same key with the same parameters answers the
 * first response again (`Idempotent-Replayed: true`); with other parameters it is refused.
 */
export function stripeApi(account: Account, secretKey: string) {
  const remembered = new Map<string, Remembered>();
  return (request: Request): Reply => {
    const requestId = `req_${crypto.randomUUID().replaceAll('-', '').slice(0, 14)}`;
    const headers = { 'request-id': requestId, 'stripe-version': String(request.headers['stripe-version'] ?? '') };
    const fail = (error: StripeError): Reply => ({ status: error.status, headers, body: error.body() });
    if (request.headers.authorization !== `Bearer ${secretKey}`) {
      return fail(new StripeError(401, 'invalid_request_error', 'Invalid API Key provided.', 'api_key_invalid'));
    }
    const found = match(request.method, request.url.pathname);
    if (!found)
      return fail(new StripeError(404, 'invalid_request_error', `Unrecognized request URL (${request.method}: ${request.url.pathname}).`));
    const raw = request.method === 'GET' ? request.url.searchParams : request.form;
    const key = request.method === 'POST' ? request.headers['idempotency-key'] : undefined;
    const fingerprint = `${request.method} ${request.url.pathname} ${raw.toString()}`;
    if (typeof key === 'string') {
      const earlier = remembered.get(key);
      if (earlier && earlier.fingerprint !== fingerprint) {
        return fail(
          new StripeError(
            400,
            'idempotency_error',
            `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          ),
        );
      }
      if (earlier) return { ...earlier.reply, headers: { ...earlier.reply.headers, 'idempotent-replayed': 'true' } };
    }
    let reply: Reply;
    try {
      reply = { status: 200, headers, body: found.route(account, found.id, decodeForm(raw)) };
    } catch (error) {
      if (!(error instanceof StripeError)) throw error;
      reply = fail(error);
    }
    // Stripe remembers answers to keys, errors included, except for server errors.
    if (typeof key === 'string' && reply.status < 500) {
      remembered.set(key, { fingerprint, reply: { ...reply, body: structuredClone(reply.body) } });
    }
    return reply;
  };
}
