import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { HttpDb } from '../../db/client.ts';
import { passkey, user, webauthnChallenge } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';

// Request-role queries carry no user filter: RLS limits every row to the signed-in person.

export const passkeyColumns = {
  id: passkey.id,
  name: passkey.name,
  deviceType: passkey.deviceType,
  backedUp: passkey.backedUp,
  createdAt: passkey.createdAt,
  lastUsedAt: passkey.lastUsedAt,
};

export const selectPasskeys = (db: HttpDb) => db.select(passkeyColumns).from(passkey).orderBy(asc(passkey.createdAt));

export const selectCredentialIds = (tx: Tx) =>
  tx.select({ credentialId: passkey.credentialId, transports: passkey.transports }).from(passkey);

export async function insertChallenge(tx: Tx, row: typeof webauthnChallenge.$inferInsert) {
  await tx.insert(webauthnChallenge).values(row);
}

/** Takes the session's registration challenge, once: the row is deleted as it is read. */
export async function takeRegistrationChallenge(tx: Tx, sessionId: string, challenge: string) {
  const rows = await tx
    .delete(webauthnChallenge)
    .where(
      and(
        eq(webauthnChallenge.purpose, 'registration'),
        eq(webauthnChallenge.sessionId, sessionId),
        eq(webauthnChallenge.challenge, challenge),
        gt(webauthnChallenge.expiresAt, sql`now()`),
      ),
    )
    .returning({ challenge: webauthnChallenge.challenge });
  return rows[0]?.challenge ?? null;
}

export async function insertPasskey(tx: Tx, row: typeof passkey.$inferInsert) {
  const [created] = await tx.insert(passkey).values(row).returning(passkeyColumns);
  return created;
}

export async function renamePasskey(tx: Tx, id: string, name: string) {
  const [row] = await tx.update(passkey).set({ name }).where(eq(passkey.id, id)).returning(passkeyColumns);
  return row ?? null;
}

export async function deletePasskey(tx: Tx, id: string) {
  const [row] = await tx.delete(passkey).where(eq(passkey.id, id)).returning({ id: passkey.id, name: passkey.name });
  return row ?? null;
}

// ---- Passkey sign-in (owner role, before anyone is signed in) ----

export const insertSignInChallenge = (db: HttpDb, row: typeof webauthnChallenge.$inferInsert) => db.insert(webauthnChallenge).values(row);

/** Takes the browser's sign-in challenge, once: deleted as it is read, whether or not it has expired. */
export async function takeSignInChallenge(db: HttpDb, bindingHash: string) {
  const rows = await db
    .delete(webauthnChallenge)
    .where(and(eq(webauthnChallenge.purpose, 'authentication'), eq(webauthnChallenge.bindingHash, bindingHash)))
    .returning({ challenge: webauthnChallenge.challenge, live: sql<boolean>`${webauthnChallenge.expiresAt} > now()` });
  return rows[0] ?? null;
}

export async function findPasskeyForSignIn(db: HttpDb, credentialId: string) {
  const [row] = await db
    .select({
      id: passkey.id,
      name: passkey.name,
      publicKey: passkey.publicKey,
      counter: passkey.counter,
      transports: passkey.transports,
      user: { id: user.id, email: user.email, name: user.name, createdAt: user.createdAt, deletedAt: user.deletedAt },
    })
    .from(passkey)
    .innerJoin(user, eq(user.id, passkey.userId))
    .where(eq(passkey.credentialId, credentialId));
  return row ?? null;
}

export const markPasskeyUsed = (db: HttpDb, id: string, counter: number) =>
  db.update(passkey).set({ counter, lastUsedAt: sql`now()` }).where(eq(passkey.id, id));
