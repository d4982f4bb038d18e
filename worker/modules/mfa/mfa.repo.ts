import { and, count, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { HttpDb } from '../../db/client.ts';
import { backupCode, session, signInChallenge, totpCredential, user } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';

// Request-role queries carry no user filter: RLS limits every row to the signed-in person.
// Sign-in queries (owner role, before anyone is signed in) name the person explicitly.

export async function selectPerson(tx: Tx) {
  const [row] = await tx.select({ id: user.id, email: user.email, passwordHash: user.passwordHash }).from(user);
  return row ?? null;
}

/** The person's second factors at a glance, and when this session last proved who they are. */
export async function selectMfaStatus(tx: Tx, sessionId: string) {
  const result = await tx.execute(sql`
    select (select confirmed_at from totp_credential) as totp_confirmed_at,
           (select count(*)::int from backup_code where used_at is null) as backup_codes_left,
           (select reauthenticated_at from session where id = ${sessionId}) as reauthenticated_at`);
  return (
    result as unknown as {
      rows: Array<{ totp_confirmed_at: string | Date | null; backup_codes_left: number; reauthenticated_at: string | Date | null }>;
    }
  ).rows[0];
}

export async function selectTotp(tx: Tx) {
  const [row] = await tx.select().from(totpCredential);
  return row ?? null;
}

/** Starts (or restarts) an enrolment: an unconfirmed row with a new secret. */
export async function upsertPendingTotp(tx: Tx, userId: string, secret: string) {
  await tx
    .insert(totpCredential)
    .values({ userId, secret })
    .onConflictDoUpdate({ target: totpCredential.userId, set: { secret, confirmedAt: null, lastUsedStep: null, createdAt: sql`now()` } });
}

export async function confirmTotp(tx: Tx, step: number) {
  const [row] = await tx
    .update(totpCredential)
    .set({ confirmedAt: sql`now()`, lastUsedStep: step })
    .where(isNull(totpCredential.confirmedAt))
    .returning({ confirmedAt: totpCredential.confirmedAt });
  return row ?? null;
}

export async function deleteTotp(tx: Tx) {
  const rows = await tx.delete(totpCredential).returning({ confirmedAt: totpCredential.confirmedAt });
  return rows[0] ?? null;
}

export async function replaceBackupCodes(tx: Tx, userId: string, hashes: string[], newId: () => string) {
  await tx.delete(backupCode);
  await tx.insert(backupCode).values(hashes.map((codeHash) => ({ id: newId(), userId, codeHash })));
}

export const deleteBackupCodes = (tx: Tx) => tx.delete(backupCode);

/** Ends every live session of the person except `keepId`; returns how many. */
export async function revokeOtherSessions(tx: Tx, keepId: string) {
  const rows = await tx
    .update(session)
    .set({ revokedAt: sql`now()` })
    .where(and(ne(session.id, keepId), isNull(session.revokedAt), gt(session.expiresAt, sql`now()`)))
    .returning({ id: session.id });
  return rows.length;
}

// ---- Sign-in (owner role) ----

export async function markReauthenticated(db: HttpDb, sessionId: string) {
  const [row] = await db
    .update(session)
    .set({ reauthenticatedAt: sql`now()` })
    .where(and(eq(session.id, sessionId), isNull(session.revokedAt)))
    .returning({ at: session.reauthenticatedAt });
  return row?.at ?? null;
}

/** The pending sign-in, its person and their TOTP credential, locked for this transaction. */
export async function lockChallenge(tx: Tx, tokenHash: string) {
  const [row] = await tx
    .select({
      id: signInChallenge.id,
      method: signInChallenge.method,
      failedAttempts: signInChallenge.failedAttempts,
      live: sql<boolean>`${signInChallenge.consumedAt} is null and ${signInChallenge.burntAt} is null and ${signInChallenge.expiresAt} > now()`,
      user: { id: user.id, email: user.email, name: user.name, createdAt: user.createdAt, deletedAt: user.deletedAt },
      totpSecret: totpCredential.secret,
      totpConfirmedAt: totpCredential.confirmedAt,
      totpLastStep: totpCredential.lastUsedStep,
    })
    .from(signInChallenge)
    .innerJoin(user, eq(user.id, signInChallenge.userId))
    .leftJoin(totpCredential, eq(totpCredential.userId, signInChallenge.userId))
    .where(eq(signInChallenge.tokenHash, tokenHash))
    .for('update', { of: signInChallenge });
  return row ?? null;
}

/** Counts a wrong code; the challenge burns at `maxAttempts`. Returns the new count. */
export async function recordFailedAttempt(tx: Tx, id: string, maxAttempts: number) {
  const [row] = await tx
    .update(signInChallenge)
    .set({
      failedAttempts: sql`${signInChallenge.failedAttempts} + 1`,
      burntAt: sql`case when ${signInChallenge.failedAttempts} + 1 >= ${maxAttempts} then now() end`,
    })
    .where(eq(signInChallenge.id, id))
    .returning({ failedAttempts: signInChallenge.failedAttempts });
  return row?.failedAttempts ?? maxAttempts;
}

export const consumeChallenge = (tx: Tx, id: string) =>
  tx.update(signInChallenge).set({ consumedAt: sql`now()` }).where(eq(signInChallenge.id, id));

/** Accepts a time step only if it is newer than the last one accepted (no code works twice). */
export async function advanceTotpStep(tx: Tx, userId: string, step: number) {
  const rows = await tx
    .update(totpCredential)
    .set({ lastUsedStep: step })
    .where(and(eq(totpCredential.userId, userId), sql`coalesce(${totpCredential.lastUsedStep}, -1) < ${step}`))
    .returning({ step: totpCredential.lastUsedStep });
  return rows.length > 0;
}

/** Spends one unused backup code of the person; false when there is none with this hash. */
export async function spendBackupCode(tx: Tx, userId: string, codeHash: string) {
  const rows = await tx
    .update(backupCode)
    .set({ usedAt: sql`now()` })
    .where(and(eq(backupCode.userId, userId), eq(backupCode.codeHash, codeHash), isNull(backupCode.usedAt)))
    .returning({ id: backupCode.id });
  return rows.length > 0;
}

export async function unusedBackupCodes(tx: Tx, userId: string) {
  const [row] = await tx
    .select({ n: count() })
    .from(backupCode)
    .where(and(eq(backupCode.userId, userId), isNull(backupCode.usedAt)));
  return row?.n ?? 0;
}

/** The person's confirmed authenticator, by id: for owner-role transactions, which RLS does not narrow. */
export async function selectConfirmedTotpOf(tx: Tx, userId: string) {
  const [row] = await tx
    .select({ secret: totpCredential.secret })
    .from(totpCredential)
    .where(and(eq(totpCredential.userId, userId), sql`${totpCredential.confirmedAt} is not null`))
    .for('update');
  return row ?? null;
}
