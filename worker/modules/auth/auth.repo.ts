import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { type Database, type HttpDb, system } from '../../db/gateway.ts';
import { membership, session, signInChallenge, totpCredential, user, workspace } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';

// Log-in and log-out run before anyone is signed in: as the owner role.
export async function findUserForLogin(db: Database, email: string) {
  const rows = await system(db, { role: 'owner' }).query((q) =>
    q
      .select({
        id: user.id,
        email: user.email,
        name: user.name,
        createdAt: user.createdAt,
        passwordHash: user.passwordHash,
        disabledAt: user.disabledAt,
      })
      .from(user)
      .where(and(eq(user.email, email), isNull(user.deletedAt))),
  );
  return rows[0] ?? null;
}

export async function insertUser(tx: Tx, row: typeof user.$inferInsert) {
  const [created] = await tx.insert(user).values(row).returning();
  return created;
}

export const insertSession = (db: HttpDb | Tx, row: typeof session.$inferInsert) => db.insert(session).values(row);

export async function revokeSession(db: Database, tokenHash: string) {
  const rows = await system(db, { role: 'owner' }).query((q) =>
    q
      .update(session)
      .set({ revokedAt: new Date() })
      .where(and(eq(session.tokenHash, tokenHash), isNull(session.revokedAt)))
      .returning({ id: session.id, userId: session.userId }),
  );
  return rows[0] ?? null;
}

export const updatePasswordHash = (db: HttpDb, userId: string, passwordHash: string) =>
  db.update(user).set({ passwordHash, updatedAt: new Date() }).where(eq(user.id, userId));

/** The signed-in person and their workspaces; RLS limits every table to what they may see. */
export const selectMe = (db: HttpDb) =>
  db
    .select({
      userId: user.id,
      email: user.email,
      name: user.name,
      createdAt: user.createdAt,
      emailVerifiedAt: user.emailVerifiedAt,
      hasAvatar: sql<boolean>`${user.avatarFileId} is not null`,
      workspaceId: workspace.id,
      workspaceSlug: workspace.slug,
      workspaceName: workspace.name,
      role: membership.role,
    })
    .from(user)
    .leftJoin(membership, eq(membership.userId, user.id))
    .leftJoin(workspace, and(eq(workspace.id, membership.workspaceId), isNull(workspace.deletedAt)))
    .where(sql`${user.id} = nullif(current_setting('app.user_id', true), '')::uuid`)
    .orderBy(workspace.name);

export const revokeSessionIn = (tx: Tx, tokenHash: string) =>
  tx
    .update(session)
    .set({ revokedAt: new Date() })
    .where(and(eq(session.tokenHash, tokenHash), isNull(session.revokedAt)));

/** True when the person has a confirmed TOTP authenticator (and so every sign-in needs a code). */
export async function hasConfirmedTotp(db: HttpDb, userId: string): Promise<boolean> {
  const rows = await db
    .select({ userId: totpCredential.userId })
    .from(totpCredential)
    .where(and(eq(totpCredential.userId, userId), isNotNull(totpCredential.confirmedAt)));
  return rows.length > 0;
}

export const insertSignInChallenge = (db: HttpDb, row: typeof signInChallenge.$inferInsert) => db.insert(signInChallenge).values(row);

/** Raises (SQLSTATE UD001) inside the caller's batch when the person is disabled. */
export const assertUserEnabled = (db: HttpDb | Tx, userId: string) =>
  db.execute(sql`select app_private.assert_user_enabled(${userId}::uuid)`);

/** The signed-in person's own row only: the `user_self` policy and the column grant (migration 0036) allow no other. */
export const updateOwnName = (tx: Tx, name: string) =>
  tx
    .update(user)
    .set({ name, updatedAt: sql`now()` })
    .where(sql`${user.id} = nullif(current_setting('app.user_id', true), '')::uuid`)
    .returning({ id: user.id, email: user.email, name: user.name, createdAt: user.createdAt });
