import { type Database, system } from '../../db/gateway.ts';
import type { Actor } from '../../kernel/actor.ts';
import { randomToken, sha256Hex } from '../../kernel/crypto.ts';
import { AppError } from '../../kernel/errors.ts';
import { newUuid } from '../../kernel/ids.ts';
import { accessTokenTtlSeconds, signAccessToken, type TokenIssuer } from '../../kernel/jwt.ts';
import { type AuditContext, auditStatement, recordAudit } from '../audit/audit.service.ts';
import { authenticatePassword, upgradePasswordHash } from '../auth/auth.service.ts';
import type { IdentityMail } from '../auth/identity-mail.ts';
import { hasSecondFactor } from '../auth/sign-in.ts';
import * as repo from './tokens.repo.ts';

/** A family (one sign-in of a CLI or app) lives at most this long, however often it refreshes. */
export const tokenFamilyTtlSeconds = 30 * 24 * 3600;
export const refreshTokenPrefix = 'rt_';

export interface TokenPair {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
}

const invalidGrant = () => new AppError('INVALID_GRANT', 'The refresh token is invalid, expired or revoked');

const tokenActor = (userId: string): Actor => ({
  type: 'user',
  userId,
  sessionId: null,
  workspaceId: null,
  role: null,
  via: 'access_token',
});

async function newRefreshToken(familyId: string) {
  const token = `${refreshTokenPrefix}${randomToken(32)}`;
  return { token, row: { id: newUuid(), familyId, tokenHash: await sha256Hex(token) } };
}

async function pair(issuer: TokenIssuer, userId: string, familyId: string, refreshToken: string): Promise<TokenPair> {
  return {
    access_token: await signAccessToken(issuer, { userId, familyId }),
    token_type: 'Bearer',
    expires_in: accessTokenTtlSeconds,
    refresh_token: refreshToken,
  };
}

/**
 * The password grant: the same proof, failures and audit trail as the session log-in
 * (`authenticatePassword`), then a new token family with its first refresh token.
 */
export async function passwordGrant(
  db: Database,
  issuer: TokenIssuer,
  input: { email: string; password: string; client_id?: string | undefined },
  context: AuditContext,
  mail: IdentityMail,
): Promise<TokenPair> {
  const { user, rehash } = await authenticatePassword(db, input, context, mail);
  // A person with a second factor gets no tokens from a password alone (the session log-in asks
  // for it in `completeSignIn`; this grant has no step to ask it in).
  if (await hasSecondFactor(db, user.id)) {
    await system(db, { role: 'owner' }).query((q) =>
      auditStatement(
        q,
        {
          workspaceId: null,
          actor: { type: 'anonymous' },
          action: 'token.refused',
          target: { type: 'user', id: user.id },
          metadata: { grant: 'password', reason: 'second_factor_enrolled' },
        },
        context,
      ),
    );
    throw new AppError('SECOND_FACTOR_REQUIRED', 'This account has a second factor: the password grant cannot issue tokens for it');
  }
  if (rehash) await upgradePasswordHash(db, user.id, rehash);
  const familyId = newUuid();
  const refresh = await newRefreshToken(familyId);
  await system(db, { role: 'owner', person: user.id }).interactive(async (tx) => {
    await repo.insertFamily(tx, {
      id: familyId,
      userId: user.id,
      ip: context.ip,
      userAgent: context.userAgent,
      clientName: input.client_id ?? null,
      expiresAt: new Date(Date.now() + tokenFamilyTtlSeconds * 1000),
    });
    await repo.insertRefreshToken(tx, refresh.row);
    await recordAudit(
      tx,
      {
        workspaceId: null,
        actor: tokenActor(user.id),
        action: 'token.issued',
        target: { type: 'user', id: user.id },
        metadata: { grant: 'password', family_id: familyId },
      },
      context,
    );
  });
  return pair(issuer, user.id, familyId, refresh.token);
}

type RefreshOutcome =
  | { kind: 'rotated'; userId: string; familyId: string; token: string }
  | { kind: 'reused' }
  | { kind: 'refused'; error: AppError };

/**
 * The refresh grant: the presented refresh token is spent and its successor issued, in one
 * transaction. Presenting a token that was already spent means it was copied: the whole family
 * (every refresh token and access token of that sign-in) is revoked and the reuse audited.
 */
export async function refreshGrant(db: Database, issuer: TokenIssuer, presented: string, context: AuditContext): Promise<TokenPair> {
  if (!presented.startsWith(refreshTokenPrefix)) throw invalidGrant();
  const tokenHash = await sha256Hex(presented);
  const outcome = await system(db, { role: 'owner' }).interactive(async (tx, session): Promise<RefreshOutcome> => {
    const found = await repo.lockRefreshToken(tx, tokenHash);
    if (!found) return { kind: 'refused', error: invalidGrant() };
    await session.actAsPerson(found.userId);
    if (found.usedAt) {
      const revoked = await repo.revokeFamily(tx, found.familyId, 'refresh_token_reused');
      await recordAudit(
        tx,
        {
          workspaceId: null,
          actor: { type: 'anonymous' },
          action: 'token.refresh_reused',
          target: { type: 'user', id: found.userId },
          metadata: { family_id: found.familyId, family_revoked: revoked },
        },
        context,
      );
      return { kind: 'reused' };
    }
    if (found.familyRevokedAt || found.familyExpiresAt <= new Date() || found.userDeletedAt) {
      return { kind: 'refused', error: invalidGrant() };
    }
    if (found.userDisabledAt) return { kind: 'refused', error: new AppError('ACCOUNT_DISABLED', 'This account is disabled') };
    await repo.markRefreshTokenUsed(tx, found.id);
    await repo.touchFamily(tx, found.familyId);
    const next = await newRefreshToken(found.familyId);
    await repo.insertRefreshToken(tx, next.row);
    await recordAudit(
      tx,
      {
        workspaceId: null,
        actor: tokenActor(found.userId),
        action: 'token.refreshed',
        target: { type: 'user', id: found.userId },
        metadata: { family_id: found.familyId },
      },
      context,
    );
    return { kind: 'rotated', userId: found.userId, familyId: found.familyId, token: next.token };
  });
  if (outcome.kind === 'reused') throw invalidGrant();
  if (outcome.kind === 'refused') throw outcome.error;
  return pair(issuer, outcome.userId, outcome.familyId, outcome.token);
}
