import type { Account } from './account.ts';
import { type FormObject, formObject, formString } from './form.ts';
import { invalid, now, StripeError, type StripeObject } from './store.ts';

/**
 * Billing Meters' `POST /v1/billing/meter_events` in Stripe's shape: `event_name`, `payload` with
 * `stripe_customer_id` and a whole-number `value`, an optional `identifier` (one event per identifier;
 * a second is refused) and `timestamp` (within the past 35 days, at most 5 minutes ahead). The answer
 * is the `billing.meter_event` object. Events are kept for the control API (`GET /__control/meter_events`).
 */
export function createMeterEvent(account: Account, params: FormObject): StripeObject {
  const eventName = formString(params.event_name);
  if (!eventName) throw invalid('Missing required param: event_name.', 'event_name');
  const payload = formObject(params.payload);
  const customer = formString(payload.stripe_customer_id);
  if (!customer) throw invalid('Missing required param: payload[stripe_customer_id].', 'payload[stripe_customer_id]');
  account.require(customer, 'customer', 'payload[stripe_customer_id]');
  const value = formString(payload.value) ?? '';
  if (!/^\d+$/.test(value)) throw invalid('payload[value] must be a whole number.', 'payload[value]');
  const timestamp = Number(formString(params.timestamp) ?? now());
  if (!Number.isInteger(timestamp) || timestamp < now() - 35 * 86_400 || timestamp > now() + 300) {
    throw invalid('timestamp must be within the past 35 days and at most 5 minutes in the future.', 'timestamp');
  }
  const identifier = formString(params.identifier) ?? `identifier_${crypto.randomUUID()}`;
  if (account.store.list('billing.meter_event', (e) => e.identifier === identifier).length > 0) {
    throw new StripeError(
      400,
      'invalid_request_error',
      `An event with identifier ${identifier} already exists.`,
      'resource_already_exists',
      'identifier',
    );
  }
  return account.store.put({
    // Stripe's meter events carry no id; the store keys every object by one.
    id: `mtrevt_${identifier}`,
    object: 'billing.meter_event',
    created: now(),
    event_name: eventName,
    identifier,
    livemode: false,
    payload: { stripe_customer_id: customer, value },
    timestamp,
  });
}

/** What the meters were told, oldest first, without the store's key. */
export const meterEvents = (account: Account) =>
  account.store
    .list('billing.meter_event')
    .reverse()
    .map(({ id: _id, ...event }) => event);
