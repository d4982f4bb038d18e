/**
 * The payment-provider seam (docs/decisions/041-payment-provider-seam.md). The billing module talks
 * to a provider only through this; Stripe is one adapter (`adapters/payments/stripe.ts`), and
 * Paddle, PayPal or Polar would be others writing the same tables. Prices are named by lookup keys,
 * so plans stay in the app's config and not in provider ids.
 */

/** A subscription as the provider holds it now, in the app's terms. */
export interface ProviderSubscription {
  id: string;
  customerId: string;
  /** Mapped onto the app's statuses: incomplete → past_due, incomplete_expired → canceled, paused → unpaid. */
  status: 'trialing' | 'active' | 'past_due' | 'canceled' | 'unpaid';
  priceId: string | null;
  priceLookupKey: string | null;
  interval: 'month' | 'year' | null;
  quantity: number;
  currentPeriodEnd: Date | null;
  cancelAt: Date | null;
  cancelAtPeriodEnd: boolean;
  created: Date;
}

/** What an event is about, as far as the app cares; the customer names the workspace it concerns. */
export type ProviderEventSubject =
  | { kind: 'subscription'; subscriptionId: string; customerId: string | null }
  | { kind: 'customer'; customerId: string; email: string | null }
  | { kind: 'other'; customerId: string | null };

/** A verified event: its id (the ledger's key), type, the provider's time and the raw payload. */
export interface ProviderEvent {
  id: string;
  type: string;
  created: Date;
  payload: unknown;
}

/** A webhook the provider did not sign (or signed too long ago), or a body that is not an event. */
export class PaymentEventRejected extends Error {}

export interface PaymentProvider {
  readonly name: 'stripe';
  /** Creates the customer once per `idempotencyKey` (a retry answers the same customer). */
  createCustomer(input: { idempotencyKey: string; name: string; metadata: Record<string, string> }): Promise<string>;
  /** A hosted checkout page for one recurring price; null when no price has the lookup key. */
  createCheckout(input: {
    customerId: string;
    priceLookupKey: string;
    quantity: number;
    successUrl: string;
    cancelUrl: string;
    allowPromotionCodes: boolean;
    metadata: Record<string, string>;
  }): Promise<string | null>;
  /** A hosted page where the customer changes plan, payment methods, cancels and reads invoices. */
  createPortal(input: { customerId: string; returnUrl: string }): Promise<string>;
  /** Checks the signature over the raw body; throws `PaymentEventRejected`. */
  verifyEvent(rawBody: string, signature: string | null): Promise<ProviderEvent>;
  subjectOf(event: ProviderEvent): ProviderEventSubject;
  /** For an invoice event: the invoice and which payment attempt it reports (dunning keys on both). */
  invoiceOf(event: ProviderEvent): { invoiceId: string; attempt: number } | null;
  /**
   * Sets the subscription's quantity (a per-seat plan's seats); the provider prorates as it does. The
   * same `idempotencyKey` again is answered without a second change.
   */
  updateSeats(input: { subscriptionId: string; quantity: number; idempotencyKey: string }): Promise<void>;
  /** The subscription's current state at the provider, or null if it does not exist. */
  fetchSubscription(id: string): Promise<ProviderSubscription | null>;
  /**
   * Reports usage to the provider's meter (Stripe Billing Meters: a meter event of `value` for the
   * customer). `identifier` makes it once: the provider counts one event per identifier, and the same
   * identifier is the request's idempotency key.
   */
  reportUsage(input: { customerId: string; eventName: string; value: number; identifier: string; at: Date }): Promise<void>;
}
