import { z } from 'zod';
import { enqueue } from '../../../queues/enqueue.ts';
import { defineJob, type JobDeps } from '../../../queues/jobs.ts';
import { system } from '../../db/gateway.ts';
import { unseal } from '../../kernel/secret-box.ts';
import type { WebhookInbox } from '../../kernel/webhook-inbox.ts';
import * as repo from './deliveries.repo.ts';
import { type AttemptOutcome, attemptDelivery } from './delivery-attempt.ts';
import { MAX_ATTEMPTS, retryDelay } from './retry-schedule.ts';
import { SECRET_PURPOSE, type WebhookContext, webhookContext } from './webhook-context.ts';
import { signedHeaders } from './webhook-signature.ts';
import type { EndpointRow } from './webhooks.repo.ts';

/** A failure streak longer than this disables the endpoint. */
export const STREAK_DISABLES_AFTER_SECONDS = 3 * 24 * 3600;
/** A delivery row not there yet may belong to a transaction still committing: look once more after this. */
const RECHECK_SECONDS = 10;

const payload = z.strictObject({
  workspace_id: z.uuid(),
  delivery_id: z.uuid(),
  /** The attempt this message makes, from 1. */
  attempt: z.number().int().min(1).max(MAX_ATTEMPTS),
  /** Whether a missing row is looked for once more before the message is dropped. */
  recheck: z.boolean().default(true),
});

type Payload = z.output<typeof payload>;

/** The request role with the payload's workspace in context: RLS keeps every statement inside it. */
const inWorkspace = ({ db }: JobDeps, workspaceId: string) => system(db, { role: 'app_request', workspace: workspaceId });

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

/**
 * What the attempt's outcome does to the delivery and the endpoint; `delay` is that of the next
 * attempt, already queued. An endpoint turned failing or disabled here publishes a notice for its
 * owners in the same transaction (through the outbox), so the mail is sent once the change commits.
 */
async function settle(deps: JobDeps, p: Payload, endpoint: EndpointRow, outcome: AttemptOutcome, delay: number | null): Promise<void> {
  const { bus } = deps.services;
  return inWorkspace(deps, p.workspace_id).interactive(async (tx) => {
    const facts = {
      responseStatus: outcome.responseStatus,
      responseBody: outcome.responseBody,
      error: outcome.error,
      durationMs: outcome.durationMs,
    };
    const subject = { workspaceId: p.workspace_id, endpointId: endpoint.id, url: endpoint.url };
    if (outcome.ok) {
      await repo.recordAttempt(tx, p.delivery_id, { ...facts, status: 'succeeded', nextAttemptAt: null });
      await repo.endpointSucceeded(tx, endpoint.id);
      return;
    }
    const streak = await repo.continueFailureStreak(tx, endpoint.id);
    if (outcome.gone || streak > STREAK_DISABLES_AFTER_SECONDS) {
      await repo.recordAttempt(tx, p.delivery_id, { ...facts, status: 'failed', nextAttemptAt: null });
      const reason = outcome.gone ? 'The endpoint answered 410 Gone' : 'Failing for more than 3 days';
      if (await repo.disableEndpoint(tx, endpoint.id, reason)) {
        for (const statement of bus.reactionsTo({ type: 'webhook.endpoint_disabled', ...subject, reason }, tx)) await statement;
      }
      return;
    }
    if (delay === null) {
      await repo.recordAttempt(tx, p.delivery_id, { ...facts, status: 'failed', nextAttemptAt: null });
      if (await repo.markEndpointFailing(tx, endpoint.id)) {
        for (const statement of bus.reactionsTo({ type: 'webhook.endpoint_failing', ...subject }, tx)) await statement;
      }
      return;
    }
    await repo.recordAttempt(tx, p.delivery_id, { ...facts, status: 'retrying', nextAttemptAt: new Date(Date.now() + delay * 1000) });
  });
}

/** In development and tests, the attempt is also kept for `/dev/webhooks`; a failure there changes nothing. */
async function keepInDevInbox(deps: JobDeps, sent: Parameters<WebhookInbox['record']>[0]): Promise<void> {
  try {
    await deps.services.devWebhookInbox?.record(sent);
  } catch (error) {
    deps.logger.error('webhook not kept in the dev webhook inbox', { error: error instanceof Error ? error.message : String(error) });
  }
}

async function run(p: Payload, deps: JobDeps, ctx: WebhookContext) {
  const { queue } = deps;
  if (!queue) throw new Error('webhooks.deliver needs the JOBS queue binding');
  const taken = await inWorkspace(deps, p.workspace_id).interactive(async (tx) => {
    const found = await repo.selectDeliveryWithEndpoint(tx, p.delivery_id);
    if (!found) return { state: 'missing' as const };
    if (found.endpoint.status === 'disabled' && ['pending', 'retrying'].includes(found.delivery.status)) {
      await repo.failDelivery(tx, p.delivery_id, 'The endpoint is disabled');
      return { state: 'endpoint disabled' as const };
    }
    if (!(await repo.claimAttempt(tx, p.delivery_id, p.attempt))) return { state: 'taken' as const, found };
    return { state: 'claimed' as const, found };
  });
  if (taken.state === 'missing') {
    if (!p.recheck) return { delivery: p.delivery_id, dropped: 'no delivery row: its write rolled back' };
    await enqueue(queue, deliverWebhook, { ...p, recheck: false }, { delaySeconds: RECHECK_SECONDS });
    return { delivery: p.delivery_id, recheck_in_seconds: RECHECK_SECONDS };
  }
  if (taken.state === 'endpoint disabled') return { delivery: p.delivery_id, skipped: taken.state };
  const { delivery, endpoint } = taken.found;
  if (taken.state === 'taken') {
    // Another message holds this attempt right now: try again once its claim has run out.
    if (delivery.attempt === p.attempt && delivery.claimedUntil && ['pending', 'retrying'].includes(delivery.status)) {
      throw new Error(`Delivery ${p.delivery_id}: attempt ${p.attempt} is under way`);
    }
    return { delivery: p.delivery_id, skipped: `attempt ${p.attempt} already made` };
  }
  const body = webhookBody(delivery);
  const headers = await signedHeaders(await signingSecrets(endpoint, ctx.appSecret), {
    id: delivery.eventId,
    timestamp: Math.floor(Date.now() / 1000),
    body,
  });
  const outcome = await attemptDelivery(endpoint.url, { body, headers }, ctx.urlPolicy);
  await keepInDevInbox(deps, {
    endpointUrl: endpoint.url,
    eventType: delivery.eventType,
    webhookId: delivery.eventId,
    attempt: p.attempt,
    responseStatus: outcome.responseStatus,
    error: outcome.error,
    body,
  });
  // The next attempt is queued before this one is recorded: a crash in between repeats this attempt
  // (same webhook-id) once its claim runs out, and never loses the retry.
  const delay = outcome.ok || outcome.gone ? null : retryDelay(p.attempt, outcome.retryAfterSeconds);
  if (delay !== null) await enqueue(queue, deliverWebhook, { ...p, attempt: p.attempt + 1, recheck: true }, { delaySeconds: delay });
  await settle(deps, p, endpoint, outcome, delay);
  return {
    delivery: p.delivery_id,
    attempt: p.attempt,
    ok: outcome.ok,
    response_status: outcome.responseStatus,
    ...(delay !== null ? { retry_in_seconds: delay } : {}),
  };
}

/**
 * One attempt of one delivery (docs/decisions/040-outgoing-webhooks.md): POST the event signed by
 * the Standard Webhooks scheme, record what came back, and queue the next attempt with the retry
 * schedule's delay (never by throwing, which would use the queue's own backoff). Safe to run twice:
 * an attempt is claimed before the request, so a second message for it does nothing.
 */
export const deliverWebhook = defineJob({
  name: 'webhooks.deliver',
  version: 1,
  payload,
  async handle(p, deps) {
    return run(p, deps, webhookContext(deps.config, deps.services));
  },
});
