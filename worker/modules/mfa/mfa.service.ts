import { type Database, system, type TenantGateway } from '../../db/gateway.ts';
import { AppError } from '../../kernel/errors.ts';
import { newUuid } from '../../kernel/ids.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { verifyPassword } from '../auth/password.ts';
import { revokeTokenSignIns } from '../auth/token-sign-ins.service.ts';
import { backupCodeCount, hashBackupCode, newBackupCode } from './backup-codes.ts';
import * as repo from './mfa.repo.ts';
import { type Person, personOf, reauthenticatedUntil, requireRecentReauthentication } from '../auth/reauthentication.ts';
import { decryptTotpSecret, encryptTotpSecret, matchTotpStep, newTotpSecret, totpSecretText, totpUri } from './totp.ts';

/** Shown in authenticator apps beside the account name. */
export const totpIssuer = 'Edge SaaS';

const toDate = (v: string | Date | null) => (v === null ? null : new Date(v));

export async function mfaStatus(gateway: TenantGateway) {
  return gateway.write(async (tx, scope) => {
    const person = personOf(scope);
    const row = await repo.selectMfaStatus(tx, person.sessionId);
    const enabledAt = toDate(row?.totp_confirmed_at ?? null);
    const until = reauthenticatedUntil(toDate(row?.reauthenticated_at ?? null));
    return {
      totp: { enabled: enabledAt !== null, enabled_at: enabledAt?.toISOString() ?? null },
      backup_codes_remaining: enabledAt ? (row?.backup_codes_left ?? 0) : 0,
      reauthenticated_until: until && until.getTime() > Date.now() ? until.toISOString() : null,
    };
  });
}

/**
 * Confirms the person's password on this session; for the next ten minutes it may change sign-in
 * factors. A wrong password is audited and changes nothing.
 */
export async function reauthenticate(gateway: TenantGateway, db: Database, password: string, context: AuditContext) {
  const { person, passwordHash } = await gateway.write(async (tx, scope) => {
    const person = personOf(scope);
    const found = await repo.selectPerson(tx);
    if (!found) throw new AppError('UNAUTHENTICATED', 'Sign in or present a valid API key');
    return { person, passwordHash: found.passwordHash };
  });
  const valid = await verifyPassword(password, passwordHash);
  await gateway.write((tx) =>
    recordAudit(
      tx,
      {
        workspaceId: null,
        actor: person,
        action: valid ? 'user.reauthenticated' : 'user.reauthentication_failed',
        target: { type: 'user', id: person.userId },
      },
      context,
    ),
  );
  if (!valid) throw new AppError('INVALID_CREDENTIALS', 'The password is incorrect', { fields: { password: ['is incorrect'] } });
  // The request role may not write this column; confirming a password is a sign-in step (owner role).
  const at = await system(db, { role: 'owner' }).query((q) => repo.markReauthenticated(q, person.sessionId));
  return { reauthenticated_until: reauthenticatedUntil(at)?.toISOString() ?? null };
}

/** Starts an enrolment: a new secret, stored encrypted and unconfirmed, shown to the person once. */
export async function startTotpEnrolment(gateway: TenantGateway, appSecret: string) {
  return gateway.write(async (tx, scope) => {
    const person = personOf(scope);
    await requireRecentReauthentication(tx, person);
    const existing = await repo.selectTotp(tx);
    if (existing?.confirmedAt) throw new AppError('MFA_ALREADY_ENABLED', 'An authenticator app is already set up; remove it first');
    const found = await repo.selectPerson(tx);
    if (!found) throw new AppError('UNAUTHENTICATED', 'Sign in or present a valid API key');
    const secret = newTotpSecret();
    await repo.upsertPendingTotp(tx, person.userId, await encryptTotpSecret(appSecret, person.userId, secret));
    return { secret: totpSecretText(secret), otpauth_uri: totpUri(totpIssuer, found.email, secret) };
  });
}

async function newBackupCodeSet(tx: Parameters<Parameters<TenantGateway['write']>[0]>[0], person: Person, appSecret: string) {
  const codes = Array.from({ length: backupCodeCount }, newBackupCode);
  const hashes = await Promise.all(codes.map((code) => hashBackupCode(appSecret, code)));
  await repo.replaceBackupCodes(tx, person.userId, hashes, newUuid);
  return codes;
}

/**
 * Confirms the enrolment with a code from the app. From now on every sign-in (except with a
 * passkey) asks for a code. Returns the backup codes, shown this once. Every other way in made
 * without the second factor ends in the same transaction: the other sessions, every app sign-in
 * (token family) and every personal access token.
 */
export async function confirmTotpEnrolment(gateway: TenantGateway, appSecret: string, code: string, context: AuditContext) {
  return gateway.write(async (tx, scope) => {
    const person = personOf(scope);
    await requireRecentReauthentication(tx, person);
    const pending = await repo.selectTotp(tx);
    if (!pending) throw new AppError('MFA_NOT_ENABLED', 'Start the enrolment first: POST /api/v1/me/mfa/totp');
    if (pending.confirmedAt) throw new AppError('MFA_ALREADY_ENABLED', 'An authenticator app is already set up');
    const secret = await decryptTotpSecret(appSecret, person.userId, pending.secret);
    const step = matchTotpStep(secret, code, Date.now());
    if (step === null) {
      throw new AppError('SECOND_FACTOR_INVALID', 'That code is not valid; enter the current code from your app', {
        fields: { code: ['is not valid'] },
      });
    }
    await repo.confirmTotp(tx, step);
    const backupCodes = await newBackupCodeSet(tx, person, appSecret);
    const revoked = await repo.revokeOtherSessions(tx, person.sessionId);
    const [families, tokens] = revokeTokenSignIns(tx, person.userId, 'second_factor_enabled');
    const ended = { app_sign_ins_ended: (await families).length, personal_access_tokens_revoked: (await tokens).length };
    await recordAudit(
      tx,
      {
        workspaceId: null,
        actor: person,
        action: 'mfa.totp_enrolled',
        target: { type: 'user', id: person.userId },
        metadata: {
          other_sessions_revoked: revoked,
          token_families_revoked: ended.app_sign_ins_ended,
          personal_access_tokens_revoked: ended.personal_access_tokens_revoked,
        },
      },
      context,
    );
    return { backup_codes: backupCodes, other_sessions_revoked: revoked, ...ended };
  });
}

/** Removes the authenticator and its backup codes; every other session ends. */
export async function removeTotp(gateway: TenantGateway, context: AuditContext) {
  return gateway.write(async (tx, scope) => {
    const person = personOf(scope);
    await requireRecentReauthentication(tx, person);
    const removed = await repo.deleteTotp(tx);
    if (!removed?.confirmedAt) throw new AppError('MFA_NOT_ENABLED', 'No authenticator app is set up');
    await repo.deleteBackupCodes(tx);
    const revoked = await repo.revokeOtherSessions(tx, person.sessionId);
    await recordAudit(
      tx,
      {
        workspaceId: null,
        actor: person,
        action: 'mfa.totp_removed',
        target: { type: 'user', id: person.userId },
        metadata: { other_sessions_revoked: revoked },
      },
      context,
    );
    return { other_sessions_revoked: revoked };
  });
}

/** A new set of backup codes; the previous set stops working at once, as do the other sessions. */
export async function regenerateBackupCodes(gateway: TenantGateway, appSecret: string, context: AuditContext) {
  return gateway.write(async (tx, scope) => {
    const person = personOf(scope);
    await requireRecentReauthentication(tx, person);
    const totp = await repo.selectTotp(tx);
    if (!totp?.confirmedAt) throw new AppError('MFA_NOT_ENABLED', 'Backup codes come with an authenticator app; set one up first');
    const backupCodes = await newBackupCodeSet(tx, person, appSecret);
    const revoked = await repo.revokeOtherSessions(tx, person.sessionId);
    await recordAudit(
      tx,
      {
        workspaceId: null,
        actor: person,
        action: 'mfa.backup_codes_regenerated',
        target: { type: 'user', id: person.userId },
        metadata: { other_sessions_revoked: revoked },
      },
      context,
    );
    return { backup_codes: backupCodes, other_sessions_revoked: revoked };
  });
}
