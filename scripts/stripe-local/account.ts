import { formList, formMetadata, formObject, formString, type FormObject } from './form.ts';
import { invalid, missing, newId, now, Store, type StripeObject } from './store.ts';
import type { Webhooks } from './webhooks.ts';

/** Test cards of the hosted pages, as Stripe documents them. */
export const testCards = {
  succeeds: '4242424242424242',
  declines: '4000000000000002',
} as const;

const day = 86_400;
const periodSeconds = (interval: string) => (interval === 'year' ? 365 * day : 30 * day);

/** One local Stripe account: its objects, the rules that change them, and the events they send. */
export class Account {
  readonly store = new Store();
  #failNextInvoice = false;

  readonly webhooks: Webhooks;
  /** Where the hosted pages are, set once the server listens. */
  baseUrl = '';

  constructor(webhooks: Webhooks) {
    this.webhooks = webhooks;
  }

  failNextInvoice() {
    this.#failNextInvoice = true;
  }

  // customers

  createCustomer(params: FormObject): StripeObject {
    return this.store.put({
      id: newId('cus'),
      object: 'customer',
      address: null,
      balance: 0,
      created: now(),
      currency: null,
      default_source: null,
      delinquent: false,
      description: formString(params.description) ?? null,
      email: formString(params.email) ?? null,
      invoice_prefix: newId('x').slice(2, 10).toUpperCase(),
      invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
      livemode: false,
      metadata: formMetadata(params.metadata),
      name: formString(params.name) ?? null,
      next_invoice_sequence: 1,
      phone: null,
      preferred_locales: [],
      shipping: null,
      tax_exempt: 'none',
      test_clock: null,
    });
  }

  updateCustomer(id: string, params: FormObject): StripeObject {
    const customer = this.require(id, 'customer');
    const previous: Record<string, unknown> = {};
    for (const field of ['email', 'name', 'description'] as const) {
      const value = formString(params[field]);
      if (value !== undefined && value !== customer[field]) {
        previous[field] = customer[field];
        customer[field] = value;
      }
    }
    if (params.metadata !== undefined) {
      previous.metadata = customer.metadata;
      customer.metadata = { ...(customer.metadata as object), ...formMetadata(params.metadata) };
    }
    if (Object.keys(previous).length > 0) this.webhooks.emit('customer.updated', customer, previous);
    return customer;
  }

  // products and prices

  createProduct(params: FormObject): StripeObject {
    const id = formString(params.id) ?? newId('prod');
    if (this.store.get(id, 'product')) throw invalid(`Product already exists.`, 'id');
    const name = formString(params.name);
    if (!name) throw invalid('Missing required param: name.', 'name');
    return this.store.put({
      id,
      object: 'product',
      active: formString(params.active) !== 'false',
      created: now(),
      default_price: null,
      description: formString(params.description) ?? null,
      images: [],
      livemode: false,
      marketing_features: [],
      metadata: formMetadata(params.metadata),
      name,
      package_dimensions: null,
      shippable: null,
      statement_descriptor: null,
      tax_code: null,
      type: 'service',
      unit_label: null,
      updated: now(),
      url: null,
    });
  }

  updateProduct(id: string, params: FormObject): StripeObject {
    const product = this.require(id, 'product');
    for (const field of ['name', 'description'] as const) {
      const value = formString(params[field]);
      if (value !== undefined) product[field] = value;
    }
    if (params.active !== undefined) product.active = formString(params.active) === 'true';
    if (params.metadata !== undefined) product.metadata = { ...(product.metadata as object), ...formMetadata(params.metadata) };
    product.updated = now();
    return product;
  }

  createPrice(params: FormObject): StripeObject {
    const product = formString(params.product);
    if (!product || !this.store.get(product, 'product')) throw invalid(`No such product: '${product}'`, 'product');
    const amount = Number(formString(params.unit_amount));
    if (!Number.isInteger(amount) || amount < 0) throw invalid('Invalid integer: unit_amount', 'unit_amount');
    const recurring = formObject(params.recurring);
    const interval = formString(recurring.interval);
    if (interval && !['day', 'week', 'month', 'year'].includes(interval))
      throw invalid('Invalid recurring[interval]', 'recurring[interval]');
    const lookupKey = formString(params.lookup_key) ?? null;
    if (lookupKey) {
      const holder = this.store.list('price', (price) => price.lookup_key === lookupKey)[0];
      if (holder && formString(params.transfer_lookup_key) !== 'true') {
        throw invalid(`A price (\`${holder.id}\`) already uses that lookup key.`, 'lookup_key');
      }
      if (holder) holder.lookup_key = null;
    }
    return this.store.put({
      id: newId('price'),
      object: 'price',
      active: true,
      billing_scheme: 'per_unit',
      created: now(),
      currency: formString(params.currency) ?? 'usd',
      custom_unit_amount: null,
      livemode: false,
      lookup_key: lookupKey,
      metadata: formMetadata(params.metadata),
      nickname: formString(params.nickname) ?? null,
      product,
      recurring: interval ? { interval, interval_count: 1, meter: null, trial_period_days: null, usage_type: 'licensed' } : null,
      tax_behavior: 'unspecified',
      tiers_mode: null,
      transform_quantity: null,
      type: interval ? 'recurring' : 'one_time',
      unit_amount: amount,
      unit_amount_decimal: String(amount),
    });
  }

  updatePrice(id: string, params: FormObject): StripeObject {
    const price = this.require(id, 'price');
    if (params.active !== undefined) price.active = formString(params.active) === 'true';
    if (params.metadata !== undefined) price.metadata = { ...(price.metadata as object), ...formMetadata(params.metadata) };
    if (params.nickname !== undefined) price.nickname = formString(params.nickname) ?? null;
    return price;
  }

  listPrices(query: FormObject): StripeObject[] {
    const keys = formList(query.lookup_keys).filter((key): key is string => typeof key === 'string');
    const product = formString(query.product);
    const active = formString(query.active);
    return this.store.list(
      'price',
      (price) =>
        (keys.length === 0 || keys.includes(String(price.lookup_key))) &&
        (!product || price.product === product) &&
        (active === undefined || String(price.active) === active),
    );
  }

  // checkout and the portal

  createCheckoutSession(params: FormObject): StripeObject {
    if (formString(params.mode) !== 'subscription') throw invalid('Only mode=subscription is supported locally.', 'mode');
    const customer = formString(params.customer);
    if (customer) this.require(customer, 'customer', 'customer');
    const lineItems = formList(params.line_items).map((item) => formObject(item));
    if (lineItems.length === 0) throw invalid('Missing required param: line_items.', 'line_items');
    for (const [index, item] of lineItems.entries()) {
      const price = formString(item.price);
      if (!price || !this.store.get(price, 'price')) throw invalid(`No such price: '${price}'`, `line_items[${index}][price]`);
    }
    const successUrl = formString(params.success_url);
    if (!successUrl) throw invalid('Missing required param: success_url.', 'success_url');
    const id = newId('cs_test');
    return this.store.put({
      id,
      object: 'checkout.session',
      allow_promotion_codes: formString(params.allow_promotion_codes) === 'true' ? true : null,
      amount_subtotal: null,
      amount_total: null,
      cancel_url: formString(params.cancel_url) ?? null,
      client_reference_id: formString(params.client_reference_id) ?? null,
      created: now(),
      currency: null,
      customer: customer ?? null,
      customer_email: formString(params.customer_email) ?? null,
      expires_at: now() + day,
      invoice: null,
      livemode: false,
      metadata: formMetadata(params.metadata),
      mode: 'subscription',
      payment_status: 'unpaid',
      status: 'open',
      subscription: null,
      success_url: successUrl,
      url: `${this.baseUrl}/checkout/${id}`,
      // kept for the hosted page; Stripe returns line items through their own endpoint
      _line_items: lineItems.map((item) => ({ price: formString(item.price), quantity: Number(formString(item.quantity) ?? '1') })),
      _subscription_metadata: formMetadata(formObject(params.subscription_data).metadata),
    });
  }

  /** The hosted checkout page was submitted with a card: a decline changes nothing. */
  payCheckoutSession(id: string, card: string): { ok: true; redirect: string } | { ok: false; message: string } {
    const session = this.require(id, 'checkout.session');
    if (session.status !== 'open') return { ok: false, message: 'This checkout session is no longer open.' };
    if (card !== testCards.succeeds) return { ok: false, message: 'Your card was declined.' };
    const customerId = (session.customer as string | null) ?? this.createCustomer({ email: String(session.customer_email ?? '') }).id;
    const items = session._line_items as Array<{ price: string; quantity: number }>;
    const subscription = this.#createSubscription(customerId, items, session._subscription_metadata as Record<string, string>);
    const invoice = this.#createInvoice(subscription, 'subscription_create', true);
    subscription.latest_invoice = invoice.id;
    Object.assign(session, {
      customer: customerId,
      status: 'complete',
      payment_status: 'paid',
      subscription: subscription.id,
      invoice: invoice.id,
      amount_subtotal: invoice.subtotal,
      amount_total: invoice.total,
      currency: invoice.currency,
    });
    this.webhooks.emit('customer.subscription.created', subscription);
    this.webhooks.emit('invoice.paid', invoice);
    this.webhooks.emit('checkout.session.completed', this.publicView(session));
    return { ok: true, redirect: String(session.success_url).replace('{CHECKOUT_SESSION_ID}', id) };
  }

  createPortalSession(params: FormObject): StripeObject {
    const customer = formString(params.customer);
    if (!customer) throw invalid('Missing required param: customer.', 'customer');
    this.require(customer, 'customer', 'customer');
    const id = newId('bps');
    return this.store.put({
      id,
      object: 'billing_portal.session',
      configuration: 'bpc_local',
      created: now(),
      customer,
      flow: null,
      livemode: false,
      locale: null,
      on_behalf_of: null,
      return_url: formString(params.return_url) ?? null,
      url: `${this.baseUrl}/portal/${id}`,
    });
  }

  // subscriptions and invoices

  #createSubscription(customer: string, items: Array<{ price: string; quantity: number }>, metadata: Record<string, string>): StripeObject {
    const id = newId('sub');
    const start = now();
    const firstPrice = this.require(items[0]?.price ?? '', 'price');
    const interval = String((firstPrice.recurring as { interval?: string } | null)?.interval ?? 'month');
    return this.store.put({
      id,
      object: 'subscription',
      billing_cycle_anchor: start,
      cancel_at: null,
      cancel_at_period_end: false,
      canceled_at: null,
      cancellation_details: { comment: null, feedback: null, reason: null },
      collection_method: 'charge_automatically',
      created: start,
      currency: firstPrice.currency,
      customer,
      days_until_due: null,
      default_payment_method: null,
      description: null,
      discounts: [],
      ended_at: null,
      items: {
        object: 'list',
        data: items.map((item) => this.#subscriptionItem(id, item.price, item.quantity, start, start + periodSeconds(interval))),
        has_more: false,
        url: `/v1/subscription_items?subscription=${id}`,
      },
      latest_invoice: null,
      livemode: false,
      metadata,
      pending_update: null,
      schedule: null,
      start_date: start,
      status: 'active',
      test_clock: null,
      trial_end: null,
      trial_start: null,
    });
  }

  #subscriptionItem(subscription: string, priceId: string, quantity: number, start: number, end: number) {
    return {
      id: newId('si'),
      object: 'subscription_item',
      created: start,
      current_period_end: end,
      current_period_start: start,
      discounts: [],
      metadata: {},
      price: structuredClone(this.require(priceId, 'price')),
      quantity,
      subscription,
      tax_rates: [],
    };
  }

  #createInvoice(subscription: StripeObject, reason: string, paid: boolean): StripeObject {
    const items = (subscription.items as { data: Array<Record<string, unknown>> }).data;
    const lines = items.map((item) => {
      const price = item.price as { unit_amount: number; currency: string; id: string };
      return {
        id: newId('il'),
        object: 'line_item',
        amount: price.unit_amount * Number(item.quantity),
        currency: price.currency,
        description: null,
        period: { start: item.current_period_start, end: item.current_period_end },
        pricing: { type: 'price_details', price_details: { price: price.id, product: (item.price as { product: string }).product } },
        quantity: item.quantity,
        parent: {
          type: 'subscription_item_details',
          subscription_item_details: { subscription: subscription.id, subscription_item: item.id, proration: false },
        },
      };
    });
    const total = lines.reduce((sum, line) => sum + line.amount, 0);
    const id = newId('in');
    return this.store.put({
      id,
      object: 'invoice',
      amount_due: total,
      amount_paid: paid ? total : 0,
      amount_remaining: paid ? 0 : total,
      attempt_count: 1,
      attempted: true,
      billing_reason: reason,
      collection_method: 'charge_automatically',
      created: now(),
      currency: subscription.currency,
      customer: subscription.customer,
      hosted_invoice_url: `${this.baseUrl}/invoices/${id}`,
      lines: { object: 'list', data: lines, has_more: false, url: `/v1/invoices/${id}/lines` },
      livemode: false,
      metadata: {},
      next_payment_attempt: paid ? null : now() + 3 * day,
      number: null,
      parent: {
        type: 'subscription_details',
        quote_details: null,
        subscription_details: { metadata: subscription.metadata, subscription: subscription.id },
      },
      period_end: lines[0]?.period.end ?? now(),
      period_start: lines[0]?.period.start ?? now(),
      status: paid ? 'paid' : 'open',
      status_transitions: { finalized_at: now(), paid_at: paid ? now() : null, voided_at: null, marked_uncollectible_at: null },
      subtotal: total,
      total,
    });
  }

  /** The end of the period: a new invoice, paid, or failed if the control API asked for it. */
  renewSubscription(id: string): StripeObject {
    const subscription = this.require(id, 'subscription');
    const items = (subscription.items as { data: Array<Record<string, unknown>> }).data;
    const previous = { items: structuredClone(subscription.items), status: subscription.status };
    for (const item of items) {
      const length = Number(item.current_period_end) - Number(item.current_period_start);
      item.current_period_start = item.current_period_end;
      item.current_period_end = Number(item.current_period_end) + length;
    }
    const paid = !this.#failNextInvoice;
    this.#failNextInvoice = false;
    const invoice = this.#createInvoice(subscription, 'subscription_cycle', paid);
    subscription.latest_invoice = invoice.id;
    subscription.status = paid ? 'active' : 'past_due';
    this.webhooks.emit(paid ? 'invoice.paid' : 'invoice.payment_failed', invoice);
    this.webhooks.emit('customer.subscription.updated', subscription, previous);
    return subscription;
  }

  /**
   * Stripe's next collection attempt of an open invoice (its Smart Retries, or a customer paying it
   * with a new card): the attempt count goes up and the invoice is paid, or fails again.
   */
  retryInvoice(id: string, pays: boolean): StripeObject {
    const invoice = this.require(id, 'invoice');
    if (invoice.status !== 'open') throw invalid(`Invoice ${id} is not open.`);
    invoice.attempt_count = Number(invoice.attempt_count) + 1;
    const subscriptionId = (invoice.parent as { subscription_details: { subscription: string } }).subscription_details.subscription;
    const subscription = this.require(subscriptionId, 'subscription');
    if (pays) {
      invoice.status = 'paid';
      invoice.amount_paid = invoice.amount_due;
      invoice.amount_remaining = 0;
      invoice.next_payment_attempt = null;
      (invoice.status_transitions as Record<string, unknown>).paid_at = now();
      const previous = { status: subscription.status };
      subscription.status = 'active';
      this.webhooks.emit('invoice.paid', invoice);
      this.webhooks.emit('customer.subscription.updated', subscription, previous);
    } else {
      invoice.next_payment_attempt = now() + 2 * 86_400;
      this.webhooks.emit('invoice.payment_failed', invoice);
    }
    return invoice;
  }

  updateSubscription(id: string, params: FormObject): StripeObject {
    const subscription = this.require(id, 'subscription');
    if (subscription.status === 'canceled') throw invalid('A canceled subscription can only update its cancellation_details and metadata.');
    const previous: Record<string, unknown> = {};
    const atPeriodEnd = formString(params.cancel_at_period_end);
    if (atPeriodEnd !== undefined) {
      previous.cancel_at_period_end = subscription.cancel_at_period_end;
      previous.cancel_at = subscription.cancel_at;
      subscription.cancel_at_period_end = atPeriodEnd === 'true';
      const end = (subscription.items as { data: Array<{ current_period_end: number }> }).data[0]?.current_period_end ?? null;
      subscription.cancel_at = atPeriodEnd === 'true' ? end : null;
      subscription.canceled_at = atPeriodEnd === 'true' ? now() : null;
    }
    const newItems = formList(params.items).map((item) => formObject(item));
    if (newItems.length > 0) {
      previous.items = structuredClone(subscription.items);
      const current = (subscription.items as { data: Array<Record<string, unknown>> }).data;
      for (const change of newItems) {
        const item = current.find((candidate) => candidate.id === formString(change.id)) ?? current[0];
        if (!item) continue;
        const price = formString(change.price);
        if (price) item.price = structuredClone(this.require(price, 'price', 'items[0][price]'));
        const quantity = formString(change.quantity);
        if (quantity !== undefined) item.quantity = Number(quantity);
      }
    }
    if (params.metadata !== undefined) {
      previous.metadata = subscription.metadata;
      subscription.metadata = { ...(subscription.metadata as object), ...formMetadata(params.metadata) };
    }
    if (Object.keys(previous).length > 0) this.webhooks.emit('customer.subscription.updated', subscription, previous);
    return subscription;
  }

  cancelSubscription(id: string): StripeObject {
    const subscription = this.require(id, 'subscription');
    if (subscription.status === 'canceled') return subscription;
    Object.assign(subscription, { status: 'canceled', canceled_at: now(), ended_at: now(), cancel_at_period_end: false });
    this.webhooks.emit('customer.subscription.deleted', subscription);
    return subscription;
  }

  require(id: string, object: string, param = 'id'): StripeObject {
    const found = this.store.get(id, object);
    if (!found) throw missing(object, id, param);
    return found;
  }

  /** The object without the fields only this server keeps (`_…`). */
  publicView(object: StripeObject): StripeObject {
    return Object.fromEntries(Object.entries(object).filter(([key]) => !key.startsWith('_'))) as StripeObject;
  }
}
