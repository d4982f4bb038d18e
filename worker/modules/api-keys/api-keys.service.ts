import type { TenantGateway } from '../../db/tenant-gateway.ts';
import { roleAtMost } from '../../kernel/permissions.ts';
import { assertCan } from '../access.ts';
import { requireVerifiedEmail } from '../verified-email.ts';
import { randomToken, sha256Hex } from '../../kernel/crypto.ts';
import { AppError } from '../../kernel/errors.ts';
import { newUuid, requirePublicId, toPublicId } from '../../kernel/ids.ts';
import { apiKeyPrefix } from '../../middleware/auth.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import * as repo from './api-keys.repo.ts';

type KeyRole = 'admin' | 'member' | 'viewer';

const toDto = (k: { id: string; name: string; prefix: string; role: string; createdAt: Date; lastUsedAt: Date | null }) => ({
  id: toPublicId('apiKey', k.id),
  name: k.name,
  prefix: k.prefix,
  role: k.role as KeyRole,
  created_at: k.createdAt.toISOString(),
  last_used_at: k.lastUsedAt?.toISOString() ?? null,
});

/** 256 random bits; only its SHA-256 is stored, and the key is shown this once. */
export async function createApiKey(gateway: TenantGateway, input: { name: string; role: KeyRole }, context: AuditContext) {
  return gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'api_key:create');
    await requireVerifiedEmail(tx, scope);
    const ownRole = scope.actor.type === 'system' ? 'owner' : scope.actor.role;
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
      createdBy: scope.userId,
    });
    if (!created) throw new AppError('INTERNAL', 'API key was not created');
    await recordAudit(tx, { workspaceId, actor: scope.actor, action: 'api_key.created', target: { type: 'api_key', id } }, context);
    return { ...toDto(created), key };
  });
}

export async function listApiKeys(gateway: TenantGateway) {
  const { scope, result } = await gateway.read((http) => repo.selectActiveKeys(http));
  assertCan(scope, 'api_key:read');
  return { items: result.map(toDto) };
}

export async function revokeApiKey(gateway: TenantGateway, publicId: string, context: AuditContext) {
  const id = requirePublicId('apiKey', publicId, 'API key');
  await gateway.write(async (tx, scope) => {
    const workspaceId = assertCan(scope, 'api_key:revoke');
    if (!(await repo.revokeKey(tx, id))) throw new AppError('NOT_FOUND', 'API key not found');
    await recordAudit(tx, { workspaceId, actor: scope.actor, action: 'api_key.revoked', target: { type: 'api_key', id } }, context);
  });
}
