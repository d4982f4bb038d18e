import type { QueryBuilder } from '../../db/client.ts';
import type { TenantGateway } from '../../db/tenant-gateway.ts';
import type { Scope } from '../../db/tenant.ts';
import type { Actor, TokenScope } from '../../kernel/actor.ts';
import { personalAccessTokenPrefix, scopeCodeOf } from '../../kernel/credential.ts';
import { randomToken, sha256Hex } from '../../kernel/crypto.ts';
import { cursorPage, pagePosition } from '../../kernel/cursor.ts';
import { AppError } from '../../kernel/errors.ts';
import type { PageQuery } from '../router.ts';
import { newUuid } from '../../kernel/ids.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import * as repo from './personal-access-tokens.repo.ts';
import { personalAccessTokenIds } from './personal-access-tokens.ids.ts';

type Person = Extract<Actor, { type: 'user' }>;

/**
 * Tokens are managed by their person signed in with a session or an access token; a personal
 * access token can neither mint nor see tokens (it must not outlive or out-scope itself).
 */
function personOf(scope: Scope): Person {
  if (scope.actor.type !== 'user') throw new AppError('FORBIDDEN', 'This endpoint needs a signed-in person, not an API key');
  if (scope.actor.via === 'pat') throw new AppError('FORBIDDEN', 'A personal access token cannot manage personal access tokens');
  return scope.actor;
}

const toDto = (t: {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
}) => ({
  id: personalAccessTokenIds.toPublic(t.id),
  name: t.name,
  prefix: t.prefix,
  scopes: t.scopes as TokenScope[],
  created_at: t.createdAt.toISOString(),
  expires_at: t.expiresAt.toISOString(),
  last_used_at: t.lastUsedAt?.toISOString() ?? null,
});

/** 256 random bits behind a prefix naming the scopes; only its SHA-256 is stored, and it is shown this once. */
export async function createToken(
  gateway: TenantGateway,
  input: { name: string; scopes: TokenScope[]; expires_in_days: number },
  context: AuditContext,
) {
  return gateway.write(async (tx, scope) => {
    const person = personOf(scope);
    const scopes = (['read', 'write'] as const).filter((s) => input.scopes.includes(s));
    const head = `${personalAccessTokenPrefix}${scopeCodeOf(scopes)}_`;
    const token = `${head}${randomToken(32)}`;
    const id = newUuid();
    const created = await repo.insertToken(tx, {
      id,
      userId: person.userId,
      name: input.name,
      prefix: token.slice(0, head.length + 4),
      tokenHash: await sha256Hex(token),
      scopes,
      expiresAt: new Date(Date.now() + input.expires_in_days * 24 * 3600 * 1000),
    });
    if (!created) throw new AppError('INTERNAL', 'Token was not created');
    await recordAudit(
      tx,
      {
        workspaceId: null,
        actor: person,
        action: 'personal_access_token.created',
        target: { type: 'personal_access_token', id },
        metadata: { scopes, expires_at: created.expiresAt.toISOString() },
      },
      context,
    );
    return { ...toDto(created), token };
  });
}

export async function listTokens(gateway: TenantGateway, query: PageQuery, secret: string) {
  const after = await pagePosition(secret, 'personal-access-tokens', query.cursor);
  const { scope, result } = await gateway.read((http) => repo.selectLiveTokenPage(http, { after, limit: query.limit }));
  personOf(scope);
  return cursorPage(
    result,
    { secret, query: 'personal-access-tokens', limit: query.limit, position: (r) => ({ value: r.sortValue, id: r.token.id }) },
    (r) => toDto(r.token),
  );
}

/** Someone else's token id is answered exactly like a missing one. */
export async function revokeToken(gateway: TenantGateway, publicId: string, context: AuditContext) {
  const id = personalAccessTokenIds.require(publicId, 'Token');
  await gateway.write(async (tx, scope) => {
    const person = personOf(scope);
    if (!(await repo.revokeToken(tx, id))) throw new AppError('NOT_FOUND', 'Token not found');
    await recordAudit(
      tx,
      { workspaceId: null, actor: person, action: 'personal_access_token.revoked', target: { type: 'personal_access_token', id } },
      context,
    );
  });
}

/** Every live token of the person, revoked in the caller's transaction (see `revokeTokenSignIns`). */
export const revokeEveryTokenOf = (db: QueryBuilder, userId: string) => repo.revokeTokensOf(db, userId);
