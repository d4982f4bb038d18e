import type { TenantGateway } from '../../db/tenant-gateway.ts';
import { AppError } from '../../kernel/errors.ts';
import { newUuid } from '../../kernel/ids.ts';
import { seal } from '../../kernel/secret-box.ts';
import { assertCan } from '../access.ts';
import { webhookEventTypes } from '../assembly.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { checkWebhookUrl } from './ssrf-guard.ts';
import { newWebhookSecret } from './webhook-signature.ts';
import { SECRET_PURPOSE, type WebhookContext } from './webhook-context.ts';
import { endpointIds } from './webhooks.ids.ts';
import * as repo from './webhooks.repo.ts';
import type { CreateEndpointInput, UpdateEndpointInput } from './webhooks.schema.ts';

/** After a rotation the previous secret still signs this long, so receivers can switch without a gap. */
export const PREVIOUS_SECRET_HOURS = 24;

const iso = (date: Date | null) => date?.toISOString() ?? null;

export const toEndpointDto = (row: repo.EndpointRow) => ({
  id: endpointIds.toPublic(row.id),
  url: row.url,
  description: row.description,
  event_types: row.eventTypes,
  status: row.status,
  disabled_reason: row.disabledReason,
  failing_since: iso(row.failingSince),
  previous_secret_until: row.previousSecretUntil && row.previousSecretUntil > new Date() ? row.previousSecretUntil.toISOString() : null,
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
});

const notFound = () => new AppError('NOT_FOUND', 'Webhook endpoint not found');
const uniqueTypes = (types: readonly string[] | undefined) => [...new Set(types ?? [])].sort();
const target = (id: string) => ({ type: 'webhook_endpoint', id });

export async function listEndpoints(gateway: TenantGateway) {
  const { scope, result } = await gateway.read((http) => repo.selectEndpoints(http));
  assertCan(scope, 'webhook:manage');
  const eventTypes = webhookEventTypes().map(([type, declared]) => ({ type, summary: declared.summary }));
  return { items: result.map(toEndpointDto), event_types: eventTypes };
}

export async function getEndpoint(gateway: TenantGateway, publicId: string) {
  const id = endpointIds.require(publicId, 'Webhook endpoint');
  const { scope, result } = await gateway.read((http) => repo.selectEndpoint(http, id));
  assertCan(scope, 'webhook:manage');
  const row = result[0];
  if (!row) throw notFound();
  return toEndpointDto(row);
}

/** Registers an endpoint once its URL passed the guard; the secret is answered here and never again. */
/** Each event fans out to one delivery per endpoint: a workspace has at most this many. */
export const MAX_ENDPOINTS_PER_WORKSPACE = 20;

export async function createEndpoint(gateway: TenantGateway, input: CreateEndpointInput, ctx: WebhookContext, audit: AuditContext) {
  const secret = newWebhookSecret();
  const row = await gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'webhook:manage');
    if ((await repo.lockAndCountEndpoints(tx, workspaceId)) >= MAX_ENDPOINTS_PER_WORKSPACE) {
      throw new AppError('CONFLICT', `A workspace has at most ${MAX_ENDPOINTS_PER_WORKSPACE} webhook endpoints; delete one first`);
    }
    const url = await checkWebhookUrl(input.url, ctx.urlPolicy);
    const id = newUuid();
    const created = await repo.insertEndpoint(tx, {
      id,
      workspaceId,
      url: url.href,
      description: input.description ?? null,
      eventTypes: uniqueTypes(input.event_types),
      secretBox: await seal(ctx.appSecret, SECRET_PURPOSE, secret),
      createdBy: scope.userId,
    });
    if (!created) throw new AppError('INTERNAL', 'Webhook endpoint was not created');
    await recordAudit(
      tx,
      { workspaceId, actor: scope.actor, action: 'webhook.created', target: target(id), metadata: { url: url.href } },
      audit,
    );
    return created;
  });
  return { ...toEndpointDto(row), secret };
}

export async function updateEndpoint(
  gateway: TenantGateway,
  publicId: string,
  input: UpdateEndpointInput,
  ctx: WebhookContext,
  audit: AuditContext,
) {
  const id = endpointIds.require(publicId, 'Webhook endpoint');
  const row = await gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'webhook:manage');
    const url = input.url === undefined ? undefined : (await checkWebhookUrl(input.url, ctx.urlPolicy)).href;
    const updated = await repo.updateEndpoint(tx, id, {
      ...(url === undefined ? {} : { url }),
      ...(input.description === undefined ? {} : { description: input.description }),
      ...(input.event_types === undefined ? {} : { eventTypes: uniqueTypes(input.event_types) }),
    });
    if (!updated) throw notFound();
    await recordAudit(
      tx,
      { workspaceId, actor: scope.actor, action: 'webhook.updated', target: target(id), metadata: { fields: Object.keys(input).sort() } },
      audit,
    );
    return updated;
  });
  return toEndpointDto(row);
}

/** Disabling stops new deliveries and retries; enabling starts afresh, with no failure streak. */
export async function setEndpointEnabled(gateway: TenantGateway, publicId: string, enabled: boolean, audit: AuditContext) {
  const id = endpointIds.require(publicId, 'Webhook endpoint');
  const row = await gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'webhook:manage');
    const updated = await repo.updateEndpoint(
      tx,
      id,
      enabled
        ? { status: 'active', disabledReason: null, failingSince: null }
        : { status: 'disabled', disabledReason: 'Disabled by a person' },
    );
    if (!updated) throw notFound();
    const action = enabled ? 'webhook.enabled' : 'webhook.disabled';
    await recordAudit(tx, { workspaceId, actor: scope.actor, action, target: target(id) }, audit);
    return updated;
  });
  return toEndpointDto(row);
}

/** A new secret signs from now on; the previous one signs too for 24 hours. The new one is answered once. */
export async function rotateSecret(gateway: TenantGateway, publicId: string, ctx: WebhookContext, audit: AuditContext) {
  const id = endpointIds.require(publicId, 'Webhook endpoint');
  const secret = newWebhookSecret();
  const until = new Date(Date.now() + PREVIOUS_SECRET_HOURS * 3600_000);
  await gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'webhook:manage');
    const [current] = await repo.selectEndpoint(tx, id);
    if (!current) throw notFound();
    await repo.updateEndpoint(tx, id, {
      secretBox: await seal(ctx.appSecret, SECRET_PURPOSE, secret),
      previousSecretBox: current.secretBox,
      previousSecretUntil: until,
    });
    await recordAudit(tx, { workspaceId, actor: scope.actor, action: 'webhook.secret_rotated', target: target(id) }, audit);
  });
  return { secret, previous_secret_until: until.toISOString() };
}

export async function deleteEndpoint(gateway: TenantGateway, publicId: string, audit: AuditContext) {
  const id = endpointIds.require(publicId, 'Webhook endpoint');
  await gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'webhook:manage');
    if (!(await repo.deleteEndpoint(tx, id))) throw notFound();
    await recordAudit(tx, { workspaceId, actor: scope.actor, action: 'webhook.deleted', target: target(id) }, audit);
  });
}
