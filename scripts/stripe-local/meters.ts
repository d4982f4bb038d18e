import type { Account } from './account.ts';
import { type FormObject, formObject, formString } from './form.ts';
import { invalid, listOf, missing, newId, now, StripeError, type StripeObject } from './store.ts';

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

const formulas = ['sum', 'count', 'last'];

/**
 * `POST /v1/billing/meters` in Stripe's shape: `display_name`, `event_name` and
 * `default_aggregation[formula]` required; `customer_mapping` (`by_id`, default payload key
 * `stripe_customer_id`), `value_settings` (default payload key `value`) and `event_time_window`
 * optional. An event name an active meter already uses is refused.
 */
export function createMeter(account: Account, params: FormObject): StripeObject {
  const displayName = formString(params.display_name);
  if (!displayName) throw invalid('Missing required param: display_name.', 'display_name');
  const eventName = formString(params.event_name);
  if (!eventName) throw invalid('Missing required param: event_name.', 'event_name');
  const formula = formString(formObject(params.default_aggregation).formula);
  if (!formula) throw invalid('Missing required param: default_aggregation[formula].', 'default_aggregation[formula]');
  if (!formulas.includes(formula))
    throw invalid(`Invalid default_aggregation[formula]: must be one of ${formulas.join(', ')}`, 'default_aggregation[formula]');
  const mapping = formObject(params.customer_mapping);
  const mappingType = formString(mapping.type) ?? 'by_id';
  if (mappingType !== 'by_id') throw invalid('Invalid customer_mapping[type]: must be by_id', 'customer_mapping[type]');
  const window = formString(params.event_time_window) ?? null;
  if (window !== null && window !== 'day' && window !== 'hour')
    throw invalid('Invalid event_time_window: must be one of day, hour', 'event_time_window');
  if (activeMeters(account).some((meter) => meter.event_name === eventName)) {
    throw new StripeError(
      400,
      'invalid_request_error',
      `An active meter with event_name ${eventName} already exists.`,
      'resource_already_exists',
      'event_name',
    );
  }
  const created = now();
  return account.store.put({
    id: newId('mtr'),
    object: 'billing.meter',
    created,
    customer_mapping: { event_payload_key: formString(mapping.event_payload_key) ?? 'stripe_customer_id', type: 'by_id' },
    default_aggregation: { formula },
    display_name: displayName,
    event_name: eventName,
    event_time_window: window,
    livemode: false,
    status: 'active',
    status_transitions: { deactivated_at: null },
    updated: created,
    value_settings: { event_payload_key: formString(formObject(params.value_settings).event_payload_key) ?? 'value' },
  });
}

const activeMeters = (account: Account) => account.store.list('billing.meter', (meter) => meter.status === 'active');

/** `GET /v1/billing/meters`: newest first, `status` to filter, `starting_after` to page on. */
export function listMeters(account: Account, params: FormObject, limit: number) {
  const status = formString(params.status);
  if (status !== undefined && status !== 'active' && status !== 'inactive')
    throw invalid('Invalid status: must be one of active, inactive', 'status');
  let meters = account.store.list('billing.meter', (meter) => status === undefined || meter.status === status);
  const after = formString(params.starting_after);
  if (after !== undefined) {
    const at = meters.findIndex((meter) => meter.id === after);
    if (at === -1) throw missing('billing.meter', after, 'starting_after');
    meters = meters.slice(at + 1);
  }
  return listOf('/v1/billing/meters', meters, limit);
}

/** `POST /v1/billing/meters/:id`: only the display name can change. */
export function updateMeter(account: Account, id: string, params: FormObject): StripeObject {
  const meter = account.require(id, 'billing.meter');
  const displayName = formString(params.display_name);
  if (displayName !== undefined) meter.display_name = displayName;
  meter.updated = now();
  return meter;
}

/** `POST /v1/billing/meters/:id/deactivate` and `/reactivate`. */
export function setMeterActive(account: Account, id: string, active: boolean): StripeObject {
  const meter = account.require(id, 'billing.meter');
  if (active && meter.status !== 'active' && activeMeters(account).some((other) => other.event_name === meter.event_name)) {
    throw new StripeError(
      400,
      'invalid_request_error',
      `An active meter with event_name ${String(meter.event_name)} already exists.`,
      'resource_already_exists',
    );
  }
  meter.status = active ? 'active' : 'inactive';
  meter.status_transitions = { deactivated_at: active ? null : now() };
  meter.updated = now();
  return meter;
}
