import { enqueueAll, type JobQueue } from '../../../queues/enqueue.ts';
import type { TenantGateway } from '../../db/tenant-gateway.ts';
import type { Tx } from '../../db/tenant.ts';
import { cursorPage, pagePosition } from '../../kernel/cursor.ts';
import { AppError } from '../../kernel/errors.ts';
import { newUuid } from '../../kernel/ids.ts';
import { assertCan } from '../access.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { deliveryRequests } from './deliver.job.ts';
import { deliveryIds, endpointIds } from './webhooks.ids.ts';
import * as repo from './webhooks.repo.ts';
import type { ListDeliveriesQuery } from './webhooks.schema.ts';

/** A range replay queues at most this many deliveries; replay the rest with another range. */
export const MAX_RANGE_REPLAY = 1000;
export const TEST_EVENT_TYPE = 'webhook.test';

const iso = (date: Date | null) => date?.toISOString() ?? null;

export const toDeliveryDto = (row: repo.DeliveryRow) => ({
  id: deliveryIds.toPublic(row.id),
  endpoint_id: endpointIds.toPublic(row.endpointId),
  event_id: row.eventId,
  event_type: row.eventType,
  replay_of: row.replayOf ? deliveryIds.toPublic(row.replayOf) : null,
  attempt: row.attempt,
  status: row.status,
  response_status: row.responseStatus,
  response_body: row.responseBody,
  error: row.error,
  duration_ms: row.durationMs,
  next_attempt_at: iso(row.nextAttemptAt),
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
});

const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);

export async function listDeliveries(gateway: TenantGateway, endpointPublicId: string, query: ListDeliveriesQuery, secret: string) {
  const endpointId = endpointIds.require(endpointPublicId, 'Webhook endpoint');
  const queryKey = `webhook-deliveries|${endpointId}|${query.status ?? ''}|${query.event_type ?? ''}|${query.from ?? ''}|${query.to ?? ''}`;
  const after = await pagePosition(secret, queryKey, query.cursor);
  const { scope, result: page } = await gateway.read((http) =>
    repo.selectDeliveryPage(http, endpointId, {
      status: query.status,
      eventType: query.event_type,
      from: query.from,
      to: query.to,
      after,
      limit: query.limit,
    }),
  );
  assertCan(scope, 'webhook:manage');
  // An empty page may mean no such endpoint (or another workspace's): that is a 404.
  if (page.length === 0 && (await gateway.read((http) => repo.selectEndpoint(http, endpointId))).result.length === 0) {
    throw notFound('Webhook endpoint');
  }
  return cursorPage(
    page,
    { secret, query: queryKey, limit: query.limit, position: (row) => ({ value: row.sortValue, id: row.delivery.id }) },
    (row) => toDeliveryDto(row.delivery),
  );
}

/** The endpoint, which must exist and take deliveries. */
async function usableEndpoint(tx: Tx, endpointId: string) {
  const [endpoint] = await repo.selectEndpoint(tx, endpointId);
  if (!endpoint) throw notFound('Webhook endpoint');
  if (endpoint.status === 'disabled') throw new AppError('CONFLICT', 'The webhook endpoint is disabled; enable it first');
  return endpoint;
}

/**
 * Queues the rows a write just committed. Should the queue refuse them, they are marked failed
 * (a row that stays pending would never be sent) and the caller is told to try again.
 */
async function queueDeliveries(gateway: TenantGateway, queue: JobQueue, workspaceId: string, rows: repo.DeliveryRow[]) {
  try {
    await enqueueAll(
      queue,
      deliveryRequests(
        workspaceId,
        rows.map((row) => row.id),
      ),
    );
  } catch (error) {
    await gateway.write((tx) =>
      repo.markDeliveriesFailed(
        tx,
        rows.map((row) => row.id),
        'The delivery could not be queued',
      ),
    );
    throw new AppError('SERVICE_UNAVAILABLE', 'The delivery could not be queued; try again', { cause: error });
  }
}

const replayOf = (row: repo.DeliveryRow) => ({
  id: newUuid(),
  workspaceId: row.workspaceId,
  endpointId: row.endpointId,
  eventId: row.eventId,
  eventType: row.eventType,
  payload: row.payload,
  replayOf: row.replayOf ?? row.id,
});

/** Sends one delivery's event again, with the same `webhook-id`, as a new delivery. */
export async function replayDelivery(
  gateway: TenantGateway,
  queue: JobQueue,
  ids: { endpoint: string; delivery: string },
  audit: AuditContext,
) {
  const endpointId = endpointIds.require(ids.endpoint, 'Webhook endpoint');
  const deliveryId = deliveryIds.require(ids.delivery, 'Webhook delivery');
  const { workspaceId, replay } = await gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'webhook:manage');
    await usableEndpoint(tx, endpointId);
    const original = await repo.selectDelivery(tx, endpointId, deliveryId);
    if (!original) throw notFound('Webhook delivery');
    const [replay] = await repo.insertReplays(tx, [replayOf(original)]);
    if (!replay) throw new AppError('INTERNAL', 'The replay was not recorded');
    await recordAudit(
      tx,
      {
        workspaceId,
        actor: scope.actor,
        action: 'webhook.replayed',
        target: { type: 'webhook_endpoint', id: endpointId },
        metadata: { delivery: deliveryId },
      },
      audit,
    );
    return { workspaceId, replay };
  });
  await queueDeliveries(gateway, queue, workspaceId, [replay]);
  return toDeliveryDto(replay);
}

/** Sends again every delivery of the endpoint in [from, to) that did not succeed (at most 1,000). */
export async function replayRange(
  gateway: TenantGateway,
  queue: JobQueue,
  endpointPublicId: string,
  range: { from: string; to: string },
  audit: AuditContext,
) {
  const endpointId = endpointIds.require(endpointPublicId, 'Webhook endpoint');
  const { workspaceId, replays } = await gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'webhook:manage');
    await usableEndpoint(tx, endpointId);
    const originals = await repo.selectUnsucceeded(tx, endpointId, new Date(range.from), new Date(range.to), MAX_RANGE_REPLAY);
    const replays = originals.length === 0 ? [] : await repo.insertReplays(tx, originals.map(replayOf));
    await recordAudit(
      tx,
      {
        workspaceId,
        actor: scope.actor,
        action: 'webhook.replayed',
        target: { type: 'webhook_endpoint', id: endpointId },
        metadata: { from: range.from, to: range.to, count: replays.length },
      },
      audit,
    );
    return { workspaceId, replays };
  });
  if (replays.length > 0) await queueDeliveries(gateway, queue, workspaceId, replays);
  return { replayed: replays.length };
}

/** A `webhook.test` event for this endpoint only, delivered like any other. */
export async function sendTestEvent(gateway: TenantGateway, queue: JobQueue, endpointPublicId: string, audit: AuditContext) {
  const endpointId = endpointIds.require(endpointPublicId, 'Webhook endpoint');
  const { workspaceId, delivery } = await gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'webhook:manage');
    await usableEndpoint(tx, endpointId);
    const [delivery] = await repo.insertReplays(tx, [
      {
        id: newUuid(),
        workspaceId,
        endpointId,
        eventId: newUuid(),
        eventType: TEST_EVENT_TYPE,
        payload: { endpoint_id: endpointIds.toPublic(endpointId), message: 'A test event sent from the webhook settings' },
      },
    ]);
    if (!delivery) throw new AppError('INTERNAL', 'The test event was not recorded');
    await recordAudit(
      tx,
      { workspaceId, actor: scope.actor, action: 'webhook.tested', target: { type: 'webhook_endpoint', id: endpointId } },
      audit,
    );
    return { workspaceId, delivery };
  });
  await queueDeliveries(gateway, queue, workspaceId, [delivery]);
  return toDeliveryDto(delivery);
}
