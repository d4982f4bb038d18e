import { escapeHtml, type Reply, type Request, redirect } from '../identity-fakes/http.ts';
import { type Account, testCards } from './account.ts';
import { StripeError, type StripeObject } from './store.ts';

const page = (title: string, body: string): Reply => ({
  status: 200,
  body: `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}
label{display:block;margin:.5rem 0}button{margin-top:1rem;padding:.5rem 1rem}.error{color:#b00020}</style></head>
<body><main><p>Local Stripe (test mode)</p><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`,
});

const money = (amount: number, currency: string) => `${(amount / 100).toFixed(2)} ${currency.toUpperCase()}`;

function checkoutForm(account: Account, session: StripeObject, error?: string): Reply {
  const items = session._line_items as Array<{ price: string; quantity: number }>;
  const lines = items
    .map((item) => {
      const price = account.require(item.price, 'price');
      const product = account.require(String(price.product), 'product');
      const every = (price.recurring as { interval: string } | null)?.interval ?? 'once';
      return `<li>${escapeHtml(String(product.name))} × ${item.quantity}: ${money(Number(price.unit_amount) * item.quantity, String(price.currency))} / ${escapeHtml(every)}</li>`;
    })
    .join('');
  const promo = session.allow_promotion_codes ? '<label>Promotion code <input name="promotion_code" autocomplete="off"></label>' : '';
  return page(
    'Subscribe',
    `<ul>${lines}</ul>${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/checkout/${escapeHtml(session.id)}">
<label><input type="radio" name="card" value="${testCards.succeeds}" checked> ${testCards.succeeds} (succeeds)</label>
<label><input type="radio" name="card" value="${testCards.declines}"> ${testCards.declines} (declined)</label>
${promo}<button type="submit">Pay and subscribe</button></form>
${session.cancel_url ? `<p><a href="${escapeHtml(String(session.cancel_url))}">Cancel</a></p>` : ''}`,
  );
}

function portalPage(account: Account, session: StripeObject): Reply {
  const subscriptions = account.store.list('subscription', (s) => s.customer === session.customer && s.status !== 'canceled');
  const rows = subscriptions
    .map((subscription) => {
      const item = (subscription.items as { data: Array<{ price: { lookup_key: string | null; id: string } }> }).data[0];
      const action = subscription.cancel_at_period_end ? 'renew' : 'cancel';
      return `<li>${escapeHtml(item?.price.lookup_key ?? item?.price.id ?? '')}: ${escapeHtml(String(subscription.status))}${
        subscription.cancel_at_period_end ? ' (ends at the period end)' : ''
      }<form method="post" action="/portal/${escapeHtml(session.id)}"><input type="hidden" name="subscription" value="${escapeHtml(subscription.id)}">
<button name="action" value="${action}">${action === 'cancel' ? 'Cancel plan' : 'Renew plan'}</button></form></li>`;
    })
    .join('');
  const invoices = account.store
    .list('invoice', (invoice) => invoice.customer === session.customer)
    .map(
      (invoice) =>
        `<li>${escapeHtml(invoice.id)}: ${money(Number(invoice.total), String(invoice.currency))}, ${escapeHtml(String(invoice.status))}</li>`,
    )
    .join('');
  return page(
    'Billing',
    `<h2>Subscriptions</h2><ul>${rows || '<li>None</li>'}</ul><h2>Invoices</h2><ul>${invoices || '<li>None</li>'}</ul>
${session.return_url ? `<p><a href="${escapeHtml(String(session.return_url))}">Return</a></p>` : ''}`,
  );
}

/** The hosted Checkout and Billing Portal pages a person is sent to (the URLs the API hands out). */
export function hostedPages(account: Account) {
  return (request: Request): Reply | null => {
    const [, kind, id] = request.url.pathname.split('/');
    if ((kind !== 'checkout' && kind !== 'portal') || !id) return null;
    try {
      if (kind === 'checkout') {
        const session = account.require(id, 'checkout.session');
        if (request.method === 'GET') {
          return session.status === 'open' ? checkoutForm(account, session) : page('Already paid', '<p>This checkout is complete.</p>');
        }
        const result = account.payCheckoutSession(id, request.form.get('card') ?? '');
        return result.ok ? redirect(result.redirect) : { ...checkoutForm(account, session, result.message), status: 402 };
      }
      const session = account.require(id, 'billing_portal.session');
      if (request.method === 'POST') {
        const subscription = request.form.get('subscription') ?? '';
        const owned = account.require(subscription, 'subscription');
        if (owned.customer !== session.customer) return { status: 404, body: 'Not found' };
        account.updateSubscription(subscription, { cancel_at_period_end: request.form.get('action') === 'cancel' ? 'true' : 'false' });
        return redirect(`/portal/${id}`);
      }
      return portalPage(account, session);
    } catch (error) {
      if (error instanceof StripeError) return { status: 404, body: 'Not found' };
      throw error;
    }
  };
}
