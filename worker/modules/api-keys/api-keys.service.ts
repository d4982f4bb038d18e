import type { RealtimeNotices } from '../../kernel/realtime.ts';
import type { TenantGateway } from '../../db/tenant-gateway.ts';
import { roleAtMost } from '../../kernel/permissions.ts';
import { assertCan, credentialCannotMint } from '../access.ts';
import { requireVerifiedEmail } from '../verified-email.ts';
import { randomToken, sha256Hex } from '../../kernel/crypto.ts';
import { cursorPage, pagePosition } from '../../kernel/cursor.ts';
import { AppError } from '../../kernel/errors.ts';
import type { PageQuery } from '../router.ts';
import { newUuid, toPublicId } from '../../kernel/ids.ts';
import { apiKeyPrefix } from '../../middleware/principal.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import * as repo from './api-keys.repo.ts';
import { apiKeyIds } from './api-keys.ids.ts';

type KeyRole = 'admin' | 'member' | 'viewer';

const iso = (v: string | Date) => new Date(v).toISOString();

const toDto = (k: repo.KeyRow) => ({
  id: apiKeyIds.toPublic(k.id),
  name: k.name,
  prefix: k.prefix,
  role: k.role as KeyRole,
  // The key acts for its maker, with at most their role, and only while they are a member.
  made_by: { id: toPublicId('user', k.created_by), name: k.maker_name, is_member: k.maker_name !== null },
  created_at: iso(k.created_at),
  last_used_at: k.last_used_at === null ? null : iso(k.last_used_at),
});

/**
 * 256 random bits; only its SHA-256 is stored, and the key is shown this once. Only a person signed
 * in makes a key (never an API key or a personal access token), and the key records them: it acts
 * for them, with at most their role, while they remain a member.
 */
export async function createApiKey(gateway: TenantGateway, input: { name: string; role: KeyRole }, context: AuditContext) {
  return gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'api_key:create');
    if (scope.actor.type !== 'user') throw credentialCannotMint();
    await requireVerifiedEmail(tx, scope);
    const ownRole = scope.actor.role;
    if (!ownRole || !roleAtMost(input.role, ownRole)) {
      throw new AppError('FORBIDDEN', 'A key cannot have a higher role than its creator');
    }
    const key = `${apiKeyPrefix}${randomToken(32)}`;
    const id = newUuid();
    const created = await repo.insertApiKey(tx, {
      id,
      workspaceId,
      name: input.name,
      prefix: key.slice(0, apiKeyPrefix.length + 4),
      keyHash: await sha256Hex(key),
      role: input.role,
      createdBy: scope.actor.userId,
    });
    if (!created) throw new AppError('INTERNAL', 'API key was not created');
    await recordAudit(tx, { workspaceId, actor: scope.actor, action: 'api_key.created', target: { type: 'api_key', id } }, context);
    const row = await repo.lockActiveKey(tx, id);
    if (!row) throw new AppError('INTERNAL', 'API key was not created');
    return { ...toDto(row), key };
  });
}

export async function listApiKeys(gateway: TenantGateway, query: PageQuery, secret: string) {
  const after = await pagePosition(secret, 'api-keys', query.cursor);
  const { scope, result } = await gateway.read((http) => repo.selectActiveKeyPage(http, { after, limit: query.limit }));
  assertCan(scope, 'api_key:read');
  const rows = repo.rowsOf<repo.KeyRow>(result);
  return cursorPage(rows, { secret, query: 'api-keys', limit: query.limit, position: (k) => ({ value: k.sort_value, id: k.id }) }, toDto);
}

export async function revokeApiKey(gateway: TenantGateway, publicId: string, context: AuditContext, hubs?: RealtimeNotices) {
  const id = apiKeyIds.require(publicId, 'API key');
  const workspaceId = await gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'api_key:revoke');
    if (!(await repo.revokeKey(tx, id))) throw new AppError('NOT_FOUND', 'API key not found');
    await recordAudit(tx, { workspaceId, actor: scope.actor, action: 'api_key.revoked', target: { type: 'api_key', id } }, context);
    return workspaceId;
  });
  // After the commit: connections the key opened close.
  hubs?.revoke(workspaceId, { type: 'credential', credential: `key:${id}` });
}

/**
 * An owner takes a key over: from now on it acts for them, so it survives its maker leaving. Only
 * while the maker is still a member: a key whose maker has gone may be in their hands, so it is
 * revoked and replaced, never revived. Taking over one's own key changes nothing.
 */
export async function transferApiKey(gateway: TenantGateway, publicId: string, context: AuditContext) {
  const id = apiKeyIds.require(publicId, 'API key');
  return gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'api_key:transfer');
    if (scope.actor.type !== 'user') throw credentialCannotMint();
    const key = await repo.lockActiveKey(tx, id);
    if (!key) throw new AppError('NOT_FOUND', 'API key not found');
    if (key.maker_name === null) {
      throw new AppError(
        'CONFLICT',
        'This key’s maker is no longer a member, so the key has stopped working: revoke it and create a new one',
      );
    }
    const to = scope.actor.userId;
    if (key.created_by === to) return toDto(key);
    await repo.setMaker(tx, id, to);
    await recordAudit(
      tx,
      {
        workspaceId,
        actor: scope.actor,
        action: 'api_key.transferred',
        target: { type: 'api_key', id },
        metadata: { from: key.created_by, to },
      },
      context,
    );
    const moved = await repo.lockActiveKey(tx, id);
    if (!moved) throw new AppError('NOT_FOUND', 'API key not found');
    return toDto(moved);
  });
}
