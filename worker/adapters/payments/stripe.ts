import type Stripe from 'stripe';
import {
  PaymentEventRejected,
  type PaymentProvider,
  type ProviderEvent,
  type ProviderEventSubject,
  type ProviderSubscription,
} from '../../kernel/payment-provider.ts';

export interface StripeOptions {
  secretKey: string;
  /** The current signing secret first; during a roll, the previous one too. */
  webhookSecrets: readonly string[];
  /** Another API base (the local Stripe); production leaves it unset. */
  apiUrl?: string | undefined;
}

const toleranceSeconds = 300;

/**
 * The SDK is loaded on first use, not when the worker starts: its module (about 1 MB before
 * minification) is evaluated only by an isolate that talks to Stripe, so requests that never do,
 * nearly all of them, do not pay for it at start-up.
 */
let sdk: Promise<{ Stripe: typeof Stripe; crypto: ReturnType<typeof Stripe.createSubtleCryptoProvider> }> | undefined;
function loadSdk() {
  sdk ??= import('stripe').then(({ default: StripeSdk }) => ({ Stripe: StripeSdk, crypto: StripeSdk.createSubtleCryptoProvider() }));
  return sdk;
}

const date = (seconds: number | null | undefined) => (typeof seconds === 'number' ? new Date(seconds * 1000) : null);
const idOf = (value: unknown): string | null =>
  typeof value === 'string' ? value : value && typeof value === 'object' && 'id' in value ? String(value.id) : null;

const statuses: Record<Stripe.Subscription.Status, ProviderSubscription['status']> = {
  trialing: 'trialing',
  active: 'active',
  past_due: 'past_due',
  canceled: 'canceled',
  unpaid: 'unpaid',
  incomplete: 'past_due',
  incomplete_expired: 'canceled',
  paused: 'unpaid',
};

/** The Stripe adapter: the stripe SDK over fetch, pointed at `apiUrl` when set. */
export class StripePaymentProvider implements PaymentProvider {
  readonly name = 'stripe';
  readonly #options: StripeOptions;
  #client: Promise<Stripe> | undefined;

  constructor(options: StripeOptions) {
    this.#options = options;
  }

  /** The SDK's client, made once, on the first call that needs it. */
  #stripe(): Promise<Stripe> {
    this.#client ??= loadSdk().then(({ Stripe: StripeSdk }) => {
      const url = this.#options.apiUrl ? new URL(this.#options.apiUrl) : null;
      return new StripeSdk(this.#options.secretKey, {
        httpClient: StripeSdk.createFetchHttpClient(),
        maxNetworkRetries: 2,
        ...(url
          ? {
              host: url.hostname,
              port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
              protocol: url.protocol === 'https:' ? 'https' : 'http',
            }
          : {}),
      });
    });
    return this.#client;
  }

  async createCustomer(input: { idempotencyKey: string; name: string; metadata: Record<string, string> }): Promise<string> {
    const customer = await (await this.#stripe()).customers.create(
      { name: input.name, metadata: input.metadata },
      { idempotencyKey: input.idempotencyKey },
    );
    return customer.id;
  }

  async createCheckout(input: Parameters<PaymentProvider['createCheckout']>[0]): Promise<string | null> {
    const stripe = await this.#stripe();
    const [price] = (await stripe.prices.list({ lookup_keys: [input.priceLookupKey], active: true, limit: 1 })).data;
    if (!price) return null;
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: input.customerId,
      line_items: [{ price: price.id, quantity: input.quantity }],
      success_url: input.successUrl,
      cancel_url: input.cancelUrl,
      allow_promotion_codes: input.allowPromotionCodes,
      client_reference_id: input.metadata.workspace_id,
      metadata: input.metadata,
      subscription_data: { metadata: input.metadata },
    });
    if (!session.url) throw new Error('Stripe returned a checkout session without a URL');
    return session.url;
  }

  async createPortal(input: { customerId: string; returnUrl: string }): Promise<string> {
    const session = await (await this.#stripe()).billingPortal.sessions.create({ customer: input.customerId, return_url: input.returnUrl });
    return session.url;
  }

  /** Tries each configured secret (a rolled one stays valid during the overlap), 300 s tolerance. */
  async verifyEvent(rawBody: string, signature: string | null): Promise<ProviderEvent> {
    if (!signature) throw new PaymentEventRejected('Missing Stripe-Signature header');
    const [stripe, { crypto }] = await Promise.all([this.#stripe(), loadSdk()]);
    let lastError: unknown;
    for (const secret of this.#options.webhookSecrets) {
      try {
        const event = await stripe.webhooks.constructEventAsync(rawBody, signature, secret, toleranceSeconds, crypto);
        if (typeof event?.id !== 'string' || typeof event.type !== 'string' || typeof event.created !== 'number' || !event.data?.object) {
          throw new PaymentEventRejected('The body is not a Stripe event');
        }
        return { id: event.id, type: event.type, created: new Date(event.created * 1000), payload: event };
      } catch (error) {
        if (error instanceof PaymentEventRejected) throw error;
        lastError = error;
      }
    }
    throw new PaymentEventRejected(lastError instanceof Error ? lastError.message : 'Invalid signature');
  }

  subjectOf(event: ProviderEvent): ProviderEventSubject {
    const object = (event.payload as Stripe.Event).data.object as unknown as Record<string, unknown>;
    if (event.type.startsWith('customer.subscription.')) {
      return { kind: 'subscription', subscriptionId: String(object.id), customerId: idOf(object.customer) };
    }
    if (event.type === 'checkout.session.completed' || event.type.startsWith('invoice.')) {
      const parent = object.parent as { subscription_details?: { subscription?: unknown } } | null | undefined;
      const subscriptionId = idOf(object.subscription) ?? idOf(parent?.subscription_details?.subscription);
      return subscriptionId
        ? { kind: 'subscription', subscriptionId, customerId: idOf(object.customer) }
        : { kind: 'other', customerId: idOf(object.customer) };
    }
    if (event.type === 'customer.updated') {
      return { kind: 'customer', customerId: String(object.id), email: typeof object.email === 'string' ? object.email : null };
    }
    return { kind: 'other', customerId: idOf(object.customer) };
  }

  invoiceOf(event: ProviderEvent): { invoiceId: string; attempt: number } | null {
    if (!event.type.startsWith('invoice.')) return null;
    const object = (event.payload as Stripe.Event).data.object as unknown as Record<string, unknown>;
    return { invoiceId: String(object.id), attempt: Number(object.attempt_count ?? 1) };
  }

  async updateSeats(input: { subscriptionId: string; quantity: number; idempotencyKey: string }): Promise<void> {
    const stripe = await this.#stripe();
    const subscription = await stripe.subscriptions.retrieve(input.subscriptionId);
    const item = subscription.items.data[0];
    if (!item) throw new Error(`Stripe subscription ${input.subscriptionId} has no item to set seats on`);
    await stripe.subscriptions.update(
      input.subscriptionId,
      { items: [{ id: item.id, quantity: input.quantity }], proration_behavior: 'create_prorations' },
      { idempotencyKey: input.idempotencyKey },
    );
  }

  async reportUsage(input: { customerId: string; eventName: string; value: number; identifier: string; at: Date }): Promise<void> {
    const stripe = await this.#stripe();
    await stripe.billing.meterEvents.create(
      {
        event_name: input.eventName,
        payload: { stripe_customer_id: input.customerId, value: String(input.value) },
        identifier: input.identifier,
        timestamp: Math.floor(input.at.getTime() / 1000),
      },
      { idempotencyKey: input.identifier },
    );
  }

  async fetchSubscription(id: string): Promise<ProviderSubscription | null> {
    const subscription = await (await this.#stripe()).subscriptions.retrieve(id).catch((error: { statusCode?: number }) => {
      if (error.statusCode === 404) return null;
      throw error;
    });
    if (!subscription) return null;
    const item = subscription.items.data[0];
    return {
      id: subscription.id,
      customerId: idOf(subscription.customer) ?? '',
      status: statuses[subscription.status] ?? 'unpaid',
      priceId: item?.price.id ?? null,
      priceLookupKey: item?.price.lookup_key ?? null,
      interval: item?.price.recurring?.interval === 'year' ? 'year' : item?.price.recurring?.interval === 'month' ? 'month' : null,
      quantity: item?.quantity ?? 1,
      currentPeriodEnd: date(item?.current_period_end),
      cancelAt: date(subscription.cancel_at),
      cancelAtPeriodEnd: subscription.cancel_at_period_end,
      created: new Date(subscription.created * 1000),
    };
  }
}
