import { type Database, type HttpDb, system } from '../../db/gateway.ts';
import { sha256Hex } from '../../kernel/crypto.ts';
import { AppError } from '../../kernel/errors.ts';
import { type AuditContext, auditStatement } from '../audit/audit.service.ts';
import type { IdentityMail } from './identity-mail.ts';
import * as repo from './login-throttle.repo.ts';

/** Failed log-ins an address may have in an hour; the last one locks it for the rest of that hour. */
export const loginFailuresPerHour = 10;

/**
 * Per-address log-in throttle, beside the per-IP bucket of the rate-limit link. It counts by
 * address, whether or not an account has it, so the lockout answer is the same for every address
 * and reveals nothing. During a lockout every password is refused, the right one too.
 */
export const addressKey = (email: string) => sha256Hex(email);

export async function assertNotLocked(db: Database, emailHash: string): Promise<void> {
  const [lock] = await system(db, { role: 'owner' }).query((q) => repo.selectLockedUntil(q, emailHash));
  if (!lock?.lockedUntil) return;
  const retryAfter = Math.max(1, Math.ceil((lock.lockedUntil.getTime() - Date.now()) / 1000));
  throw new AppError(
    'LOGIN_LOCKED',
    'Too many failed log-ins for this address. Try again later, reset your password or use a sign-in link.',
    {
      headers: { 'Retry-After': String(retryAfter) },
    },
  );
}

/**
 * Counts a failure. The one that sets the lock is audited (`user.locked_out`) and, when an account
 * has the address, its owner is told by mail after the response.
 */
export async function recordLoginFailure(
  db: Database,
  failure: { emailHash: string; email: string; userId: string | null },
  context: AuditContext,
  mail: IdentityMail,
): Promise<void> {
  const result = await system(db, { role: 'owner' }).query((q) => repo.recordFailure(q, failure.emailHash, loginFailuresPerHour));
  const row = result.rows[0];
  if (!row?.locked_now || !row.locked_until) return;
  const until = new Date(row.locked_until);
  // The owner of a known address is told, by a mail written with the audit entry and sent after the response.
  const notice = failure.userId
    ? await mail.outbox.prepare({ template: 'login-locked', to: failure.email, params: { until: until.toISOString() }, security: true })
    : null;
  await system(db, { role: 'owner' }).batch((q) => [
    auditStatement(
      q,
      {
        workspaceId: null,
        actor: { type: 'anonymous' },
        action: 'user.locked_out',
        ...(failure.userId ? { target: { type: 'user', id: failure.userId } } : {}),
        metadata: { until: until.toISOString(), failures: row.failures, ...(failure.userId ? {} : { reason: 'unknown_email' }) },
      },
      context,
    ),
    ...(notice ? [notice(q)] : []),
  ]);
}

/** Statement for the successful log-in's batch: the address starts a fresh count. */
export const clearLoginFailures = (http: HttpDb, emailHash: string) => repo.clearFailures(http, emailHash);
