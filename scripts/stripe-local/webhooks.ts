import { createHmac } from 'node:crypto';
import { newId, now, type StripeObject } from './store.ts';

/** The API version the local server reports in events (the stripe SDK's pinned one). */
export const apiVersion = '2026-11-18.endive';

export interface SignedDelivery {
  event_id: string;
  type: string;
  /** The exact body to send; the signature covers these bytes. */
  payload: string;
  headers: { 'content-type': string; 'stripe-signature': string };
}

/** `Stripe-Signature: t=…,v1=…`: HMAC-SHA256 of `${t}.${payload}` with the endpoint's secret. */
export function signPayload(payload: string, secret: string, timestamp = now()): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

/**
 * The account's events and their delivery to one webhook endpoint. Deliveries go out as they are
 * made, unless held (tests and the control API hold them to delay, reorder, duplicate or take them);
 * without an endpoint URL they wait to be taken (`POST /__control/deliveries/take`).
 */
export class Webhooks {
  readonly events: StripeObject[] = [];
  #held: SignedDelivery[] = [];
  #hold = false;
  #delayMs = 0;

  readonly #secret: string;
  readonly #endpointUrl: string | undefined;

  constructor(secret: string, endpointUrl: string | undefined) {
    this.#secret = secret;
    this.#endpointUrl = endpointUrl;
  }

  /** Records an event and delivers it (or holds it). `object` is copied as it is now. */
  emit(type: string, object: StripeObject, previous?: Record<string, unknown>): StripeObject {
    const event: StripeObject = {
      id: newId('evt'),
      object: 'event',
      api_version: apiVersion,
      created: now(),
      data: { object: structuredClone(object), ...(previous ? { previous_attributes: previous } : {}) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
    this.events.push(event);
    this.#queue(this.sign(event));
    return event;
  }

  sign(event: StripeObject, timestamp?: number): SignedDelivery {
    const payload = JSON.stringify(event, null, 2);
    return {
      event_id: event.id,
      type: String(event.type),
      payload,
      headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signPayload(payload, this.#secret, timestamp) },
    };
  }

  event(id: string): StripeObject | undefined {
    return this.events.find((event) => event.id === id);
  }

  /** Deliver the event again, `times` times (a replay, or duplicates), freshly signed. */
  resend(id: string, times: number): SignedDelivery[] {
    const event = this.event(id);
    if (!event) return [];
    const deliveries = Array.from({ length: times }, () => this.sign(event));
    for (const delivery of deliveries) this.#queue(delivery);
    return deliveries;
  }

  setHold(hold: boolean, delayMs = 0) {
    this.#hold = hold;
    this.#delayMs = delayMs;
  }

  held(): SignedDelivery[] {
    return [...this.#held];
  }

  /** Hands the held deliveries to the caller (which sends them itself), in the order asked. */
  take(order: 'sent' | 'reverse' = 'sent'): SignedDelivery[] {
    const taken = this.#held;
    this.#held = [];
    return order === 'reverse' ? taken.reverse() : taken;
  }

  /** Sends the held deliveries to the endpoint, in the order asked, one after another. */
  async release(order: 'sent' | 'reverse' = 'sent'): Promise<number[]> {
    const statuses: number[] = [];
    for (const delivery of this.take(order)) statuses.push(await this.#send(delivery));
    return statuses;
  }

  #queue(delivery: SignedDelivery) {
    if (this.#hold || !this.#endpointUrl) {
      this.#held.push(delivery);
      return;
    }
    setTimeout(() => void this.#send(delivery), this.#delayMs);
  }

  async #send(delivery: SignedDelivery): Promise<number> {
    if (!this.#endpointUrl) return 0;
    try {
      const response = await fetch(this.#endpointUrl, { method: 'POST', headers: delivery.headers, body: delivery.payload });
      await response.arrayBuffer();
      return response.status;
    } catch {
      return 0;
    }
  }
}
