import { z } from 'zod';
import { enqueueAll, type JobRequest, jobRequest } from '../../../queues/enqueue.ts';
import { defineJob, type JobDeps } from '../../../queues/jobs.ts';
import { system } from '../../db/gateway.ts';
import type { Tx } from '../../db/tenant.ts';
import { unseal } from '../../kernel/secret-box.ts';
import type { SentWebhook } from '../../kernel/webhook-inbox.ts';
import * as repo from './deliveries.repo.ts';
import { type AttemptOutcome, attemptDelivery } from './delivery-attempt.ts';
import { MAX_ATTEMPTS, retryDelay } from './retry-schedule.ts';
import { SECRET_PURPOSE, type WebhookContext, webhookContext } from './webhook-context.ts';
import { signedHeaders } from './webhook-signature.ts';
import type { DeliveryRow, EndpointRow } from './webhooks.repo.ts';

/** A failure streak longer than this disables the endpoint. */
export const STREAK_DISABLES_AFTER_SECONDS = 3 * 24 * 3600;
/** A delivery row not there yet may belong to a transaction still committing: look once more after this. */
const RECHECK_SECONDS = 10;
/**
 * Deliveries one message carries at most: an event's fan-out to every endpoint of a workspace (at
 * most 20) is one message (docs/decisions/062-webhook-deliveries-batched-per-event.md).
 */
export const DELIVERIES_PER_MESSAGE = 20;
/**
 * Attempts of one message in flight at once: the runtime's limit of simultaneous connections, so no
 * request waits for a connection while its 10-second timeout runs. 20 deliveries that all time out
 * take 4 × 10 s, inside the 60-second claim.
 */
const CONCURRENT_ATTEMPTS = 6;

const payload = z.strictObject({
  workspace_id: z.uuid(),
  delivery_ids: z.array(z.uuid()).min(1).max(DELIVERIES_PER_MESSAGE),
  /** The attempt this message makes of each of its deliveries, from 1. */
  attempt: z.number().int().min(1).max(MAX_ATTEMPTS),
  /** Whether missing rows are looked for once more before they are dropped. */
  recheck: z.boolean().default(true),
});

type Payload = z.output<typeof payload>;
type Claimed = { delivery: DeliveryRow; endpoint: EndpointRow };
type Attempted = Claimed & { body: string; outcome: AttemptOutcome; delay: number | null };

/** The request role with the payload's workspace in context: RLS keeps every statement inside it. */
const inWorkspace = ({ db }: JobDeps, workspaceId: string) => system(db, { role: 'app_request', workspace: workspaceId });

const unfinished = (status: DeliveryRow['status']) => status === 'pending' || status === 'retrying';

/** The secrets that sign now: the current one, and the previous one during the 24 h after a rotation. */
async function signingSecrets(endpoint: EndpointRow, appSecret: string): Promise<string[]> {
  const boxes = [endpoint.secretBox];
  if (endpoint.previousSecretBox && endpoint.previousSecretUntil && endpoint.previousSecretUntil > new Date()) {
    boxes.push(endpoint.previousSecretBox);
  }
  const secrets = await Promise.all(boxes.map((box) => unseal(appSecret, SECRET_PURPOSE, box)));
  return secrets.filter((s): s is string => s !== null);
}

export function webhookBody(delivery: { eventType: string; payload: unknown; createdAt: Date }, occurredAt?: string) {
  return JSON.stringify({ type: delivery.eventType, timestamp: occurredAt ?? delivery.createdAt.toISOString(), data: delivery.payload });
}

/** The messages that make attempt `attempt` of these deliveries, DELIVERIES_PER_MESSAGE to a message. */
export function deliveryRequests(
  workspaceId: string,
  deliveryIds: readonly string[],
  { attempt = 1, recheck = true, delaySeconds }: { attempt?: number; recheck?: boolean; delaySeconds?: number } = {},
): JobRequest[] {
  const requests: JobRequest[] = [];
  for (let i = 0; i < deliveryIds.length; i += DELIVERIES_PER_MESSAGE) {
    const ids = deliveryIds.slice(i, i + DELIVERIES_PER_MESSAGE);
    requests.push(
      jobRequest(
        deliverWebhooks,
        { workspace_id: workspaceId, delivery_ids: ids, attempt, recheck },
        delaySeconds !== undefined ? { delaySeconds } : {},
      ),
    );
  }
  return requests;
}

/**
 * Takes this attempt of every delivery the message names, in one round trip: a delivery whose endpoint
 * was disabled fails, the rest are claimed, and the rows are read back as they now are. What is not
 * claimed was already made, is being made by another message, or has no row (yet).
 */
async function claim(deps: JobDeps, p: Payload) {
  const [disabled, taken, rows] = await inWorkspace(deps, p.workspace_id).batch((q) => [
    repo.failForDisabledEndpoints(q, p.delivery_ids),
    repo.claimAttempts(q, p.delivery_ids, p.attempt),
    repo.selectDeliveriesWithEndpoints(q, p.delivery_ids),
  ]);
  const claimedIds = new Set(taken.map((row) => row.id));
  const disabledIds = new Set(disabled.map((row) => row.id));
  const found = new Set(rows.map((row) => row.delivery.id));
  const notTaken = rows.filter((row) => !claimedIds.has(row.delivery.id) && !disabledIds.has(row.delivery.id));
  // Another message holds this attempt, or a later one, right now: look again once its claim has run out.
  const underWay = notTaken.filter(
    ({ delivery }) => delivery.attempt >= p.attempt && delivery.claimedUntil !== null && unfinished(delivery.status),
  );
  return {
    claimed: rows.filter((row) => claimedIds.has(row.delivery.id)),
    missing: p.delivery_ids.filter((id) => !found.has(id)),
    disabled: disabledIds.size,
    underWay: underWay.map((row) => row.delivery.id),
    alreadyMade: notTaken.length - underWay.length,
  };
}

/** One POST, signed for this moment; a receiver's failure is an outcome, never a throw. */
async function attempt(claimed: Claimed, ctx: WebhookContext): Promise<Attempted> {
  const { delivery, endpoint } = claimed;
  const body = webhookBody(delivery);
  const headers = await signedHeaders(await signingSecrets(endpoint, ctx.appSecret), {
    id: delivery.eventId,
    timestamp: Math.floor(Date.now() / 1000),
    body,
  });
  const outcome = await attemptDelivery(endpoint.url, { body, headers }, ctx.urlPolicy);
  // The delivery's own count: higher than the message's when this repeats an attempt whose claim ran out.
  const delay = outcome.ok || outcome.gone ? null : retryDelay(delivery.attempt, outcome.retryAfterSeconds);
  return { ...claimed, body, outcome, delay };
}

/** Runs `work` over `items`, at most `limit` at a time, answering in the items' order. */
async function pooled<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * What the attempts' outcomes do to the deliveries and their endpoints. Successes only (the usual
 * case) are recorded in one round trip; a failure needs a transaction that reads before it decides:
 * an endpoint turned failing or disabled publishes a notice for its owners in the same transaction
 * (through the outbox), so the mail is sent once the change commits.
 */
async function settle(deps: JobDeps, p: Payload, attempted: readonly Attempted[]): Promise<void> {
  const successes = attempted.filter((a) => a.outcome.ok);
  const failures = attempted.filter((a) => !a.outcome.ok);
  const job = inWorkspace(deps, p.workspace_id);
  if (failures.length === 0) {
    await job.batch((q) => [repo.recordSuccesses(q, successes.map(success)), repo.endpointsSucceeded(q, endpointsOf(successes))]);
    return;
  }
  await job.interactive(async (tx) => {
    if (successes.length > 0) {
      await repo.recordSuccesses(tx, successes.map(success));
      await repo.endpointsSucceeded(tx, endpointsOf(successes));
    }
    for (const failure of failures) await settleFailure(tx, deps, p, failure);
  });
}

const success = ({ delivery, outcome }: Attempted): repo.Success => ({
  id: delivery.id,
  responseStatus: outcome.responseStatus,
  responseBody: outcome.responseBody,
  durationMs: outcome.durationMs,
});

const endpointsOf = (attempted: readonly Attempted[]) => [...new Set(attempted.map((a) => a.endpoint.id))];

async function settleFailure(tx: Tx, deps: JobDeps, p: Payload, { delivery, endpoint, outcome, delay }: Attempted) {
  const { bus } = deps.services;
  const facts = {
    responseStatus: outcome.responseStatus,
    responseBody: outcome.responseBody,
    error: outcome.error,
    durationMs: outcome.durationMs,
  };
  const subject = { workspaceId: p.workspace_id, endpointId: endpoint.id, url: endpoint.url };
  const streak = await repo.continueFailureStreak(tx, endpoint.id);
  if (outcome.gone || streak > STREAK_DISABLES_AFTER_SECONDS) {
    await repo.recordAttempt(tx, delivery.id, { ...facts, status: 'failed', nextAttemptAt: null });
    const reason = outcome.gone ? 'The endpoint answered 410 Gone' : 'Failing for more than 3 days';
    if (await repo.disableEndpoint(tx, endpoint.id, reason)) {
      for (const statement of bus.reactionsTo({ type: 'webhook.endpoint_disabled', ...subject, reason }, tx)) await statement;
    }
    return;
  }
  if (delay === null) {
    await repo.recordAttempt(tx, delivery.id, { ...facts, status: 'failed', nextAttemptAt: null });
    if (await repo.markEndpointFailing(tx, endpoint.id)) {
      for (const statement of bus.reactionsTo({ type: 'webhook.endpoint_failing', ...subject }, tx)) await statement;
    }
    return;
  }
  await repo.recordAttempt(tx, delivery.id, { ...facts, status: 'retrying', nextAttemptAt: new Date(Date.now() + delay * 1000) });
}

/** In development and tests, the attempts are also kept for `/dev/webhooks`; a failure there changes nothing. */
async function keepInDevInbox(deps: JobDeps, attempted: readonly Attempted[]): Promise<void> {
  const sent: Array<Omit<SentWebhook, 'id' | 'createdAt'>> = attempted.map(({ delivery, endpoint, body, outcome }) => ({
    endpointUrl: endpoint.url,
    eventType: delivery.eventType,
    webhookId: delivery.eventId,
    attempt: delivery.attempt,
    responseStatus: outcome.responseStatus,
    error: outcome.error,
    body,
  }));
  try {
    if (sent.length > 0) await deps.services.devWebhookInbox?.record(sent);
  } catch (error) {
    deps.logger.error('webhooks not kept in the dev webhook inbox', { error: error instanceof Error ? error.message : String(error) });
  }
}

const counted = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));

async function run(p: Payload, deps: JobDeps, ctx: WebhookContext) {
  const { queue } = deps;
  if (!queue) throw new Error('webhooks.deliver needs the JOBS queue binding');
  const { claimed, missing, disabled, underWay, alreadyMade } = await claim(deps, p);
  const later = [
    ...(missing.length > 0 && p.recheck
      ? deliveryRequests(p.workspace_id, missing, { attempt: p.attempt, recheck: false, delaySeconds: RECHECK_SECONDS })
      : []),
    ...deliveryRequests(p.workspace_id, underWay, { attempt: p.attempt, recheck: p.recheck, delaySeconds: repo.CLAIM_SECONDS }),
  ];
  if (later.length > 0) await enqueueAll(queue, later);
  const attempted = await pooled(claimed, CONCURRENT_ATTEMPTS, (one) => attempt(one, ctx));
  // The next attempts are queued before these are recorded: a crash in between repeats an attempt
  // (same webhook-id) once its claim runs out, and never loses a retry.
  const retries = attempted.flatMap(({ delivery, delay }) =>
    delay === null ? [] : deliveryRequests(p.workspace_id, [delivery.id], { attempt: delivery.attempt + 1, delaySeconds: delay }),
  );
  if (retries.length > 0) await enqueueAll(queue, retries);
  await Promise.all([keepInDevInbox(deps, attempted), attempted.length > 0 ? settle(deps, p, attempted) : null]);
  return {
    attempt: p.attempt,
    ...counted({
      succeeded: attempted.filter((a) => a.outcome.ok).length,
      retrying: retries.length,
      failed: attempted.filter((a) => !a.outcome.ok && a.delay === null).length,
      endpoint_disabled: disabled,
      already_made: alreadyMade,
      under_way: underWay.length,
      // Attempts repeated because the one before ran out of its claim, each counted as the next attempt.
      repeated: claimed.filter(({ delivery }) => delivery.attempt > p.attempt).length,
    }),
    ...(missing.length > 0 && p.recheck ? { rechecking: missing.length, recheck_in_seconds: RECHECK_SECONDS } : {}),
    ...(missing.length > 0 && !p.recheck ? { dropped: `${missing.length} without a delivery row: its write rolled back` } : {}),
    ...(retries.length === 1 ? { retry_in_seconds: retries[0]?.delaySeconds } : {}),
  };
}

/**
 * One attempt of up to 20 deliveries (docs/decisions/040-outgoing-webhooks.md, 062): POST each event
 * signed by the Standard Webhooks scheme, record what came back, and queue each failure's next attempt
 * with the retry schedule's delay (never by throwing, which would use the queue's own backoff). Safe to
 * run twice: an attempt is claimed before the request, so a second message for it does nothing.
 */
export const deliverWebhooks = defineJob({
  name: 'webhooks.deliver',
  version: 2,
  payload,
  async handle(p, deps) {
    return run(p, deps, webhookContext(deps.config, deps.services));
  },
});

/** Messages of version 1 (one delivery each) still on the queue after the change drain through version 2. */
export const deliverWebhookV1 = defineJob({
  name: 'webhooks.deliver',
  version: 1,
  payload: z.strictObject({
    workspace_id: z.uuid(),
    delivery_id: z.uuid(),
    attempt: z.number().int().min(1).max(MAX_ATTEMPTS),
    recheck: z.boolean().default(true),
  }),
  async handle({ delivery_id, ...rest }, deps) {
    return run({ ...rest, delivery_ids: [delivery_id] }, deps, webhookContext(deps.config, deps.services));
  },
});
