import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { HttpDb, Tx } from '../../db/gateway.ts';
import { membership, oauthAccount, ssoConnection, ssoDomain, user, workspace } from '../../db/schema.ts';

const signInUser = {
  id: user.id,
  email: user.email,
  name: user.name,
  createdAt: user.createdAt,
  deletedAt: user.deletedAt,
};

/** The person an identity is linked to (before anyone is signed in: as the owner role). */
export async function findIdentity(db: HttpDb, provider: string, subject: string) {
  const rows = await db
    .select({ identityId: oauthAccount.id, user: signInUser })
    .from(oauthAccount)
    .innerJoin(user, eq(user.id, oauthAccount.userId))
    .where(and(eq(oauthAccount.provider, provider), eq(oauthAccount.subject, subject)));
  return rows[0] ?? null;
}

export async function findUserByEmail(db: HttpDb, email: string) {
  const rows = await db.select(signInUser).from(user).where(eq(user.email, email));
  return rows[0] ?? null;
}

export async function insertUser(tx: Tx, row: typeof user.$inferInsert) {
  const [created] = await tx.insert(user).values(row).returning(signInUser);
  return created;
}

export async function insertIdentity(tx: Tx, row: typeof oauthAccount.$inferInsert) {
  const [created] = await tx.insert(oauthAccount).values(row).returning({ id: oauthAccount.id });
  return created;
}

export const touchIdentity = (db: HttpDb, id: string) =>
  db.update(oauthAccount).set({ lastUsedAt: sql`now()` }).where(eq(oauthAccount.id, id));

/** The signed-in person's identities; RLS limits rows to their own. */
export const selectMyIdentities = (db: HttpDb | Tx) =>
  db
    .select({
      id: oauthAccount.id,
      provider: oauthAccount.provider,
      email: oauthAccount.email,
      createdAt: oauthAccount.createdAt,
      lastUsedAt: oauthAccount.lastUsedAt,
    })
    .from(oauthAccount)
    .orderBy(oauthAccount.createdAt);

export async function deleteIdentity(tx: Tx, id: string) {
  const rows = await tx.delete(oauthAccount).where(eq(oauthAccount.id, id)).returning({ provider: oauthAccount.provider });
  return rows[0] ?? null;
}

// --- SSO: sign-in (as the owner role, with the context forced RLS needs set explicitly) ---

/**
 * The connection a verified domain routes to, whatever the workspace: policy
 * sso_domain_lookup_verified opens it when the caller declares the domain in `app.sso_domain`.
 */
export const findVerifiedDomain = (q: HttpDb, domain: string) =>
  q
    .select({ connectionId: ssoDomain.connectionId, workspaceId: ssoDomain.workspaceId })
    .from(ssoDomain)
    .where(and(eq(ssoDomain.domain, domain), isNotNull(ssoDomain.verifiedAt)));

/** In the current workspace context: an enabled connection of a live workspace. */
export async function findUsableConnection(tx: Tx, connectionId: string) {
  const rows = await tx
    .select({
      id: ssoConnection.id,
      workspaceId: ssoConnection.workspaceId,
      workspaceSlug: workspace.slug,
      issuer: ssoConnection.issuer,
      clientId: ssoConnection.clientId,
      clientSecretSealed: ssoConnection.clientSecretSealed,
      defaultRole: ssoConnection.defaultRole,
      // The plan in force, as the credential check computes it: SSO is a paid feature.
      plan: sql<string>`(select b.plan from app_private.workspace_billing(${ssoConnection.workspaceId}) b)`,
    })
    .from(ssoConnection)
    .innerJoin(workspace, and(eq(workspace.id, ssoConnection.workspaceId), isNull(workspace.deletedAt)))
    .where(and(eq(ssoConnection.id, connectionId), eq(ssoConnection.enabled, true)));
  return rows[0] ?? null;
}

export async function selectVerifiedDomains(tx: Tx, connectionId: string) {
  const rows = await tx
    .select({ domain: ssoDomain.domain })
    .from(ssoDomain)
    .where(and(eq(ssoDomain.connectionId, connectionId), isNotNull(ssoDomain.verifiedAt)));
  return rows.map((r) => r.domain);
}

export async function findMembership(tx: Tx, workspaceId: string, userId: string) {
  const rows = await tx
    .select({ id: membership.id, role: membership.role })
    .from(membership)
    .where(and(eq(membership.workspaceId, workspaceId), eq(membership.userId, userId)));
  return rows[0] ?? null;
}

/** False when the person became a member meanwhile (two sign-ins at once). */
export async function insertMembership(tx: Tx, row: typeof membership.$inferInsert) {
  const rows = await tx
    .insert(membership)
    .values(row)
    .onConflictDoNothing({ target: [membership.workspaceId, membership.userId] })
    .returning({ id: membership.id });
  return rows.length > 0;
}

// --- SSO: managing a workspace's connection (request role; RLS scopes every row) ---

export const selectConnectionWithDomains = (db: HttpDb) =>
  db
    .select({
      id: ssoConnection.id,
      issuer: ssoConnection.issuer,
      clientId: ssoConnection.clientId,
      defaultRole: ssoConnection.defaultRole,
      enabled: ssoConnection.enabled,
      createdAt: ssoConnection.createdAt,
      updatedAt: ssoConnection.updatedAt,
      domain: ssoDomain.domain,
      verificationToken: ssoDomain.verificationToken,
      verifiedAt: ssoDomain.verifiedAt,
    })
    .from(ssoConnection)
    .leftJoin(ssoDomain, eq(ssoDomain.connectionId, ssoConnection.id))
    .orderBy(ssoDomain.domain);

export async function selectConnection(tx: Tx) {
  const rows = await tx.select().from(ssoConnection);
  return rows[0] ?? null;
}

export async function insertConnection(tx: Tx, row: typeof ssoConnection.$inferInsert) {
  const [created] = await tx.insert(ssoConnection).values(row).returning();
  return created;
}

export async function updateConnection(tx: Tx, id: string, patch: Partial<typeof ssoConnection.$inferInsert>) {
  const [updated] = await tx
    .update(ssoConnection)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(ssoConnection.id, id))
    .returning();
  return updated;
}

export async function deleteConnection(tx: Tx, id: string) {
  const rows = await tx.delete(ssoConnection).where(eq(ssoConnection.id, id)).returning({ id: ssoConnection.id });
  return rows[0] ?? null;
}

export async function insertDomain(tx: Tx, row: typeof ssoDomain.$inferInsert) {
  await tx.insert(ssoDomain).values(row);
}

export async function findDomain(tx: Tx, domain: string) {
  const rows = await tx.select().from(ssoDomain).where(eq(ssoDomain.domain, domain));
  return rows[0] ?? null;
}

export async function markDomainVerified(tx: Tx, id: string) {
  await tx.update(ssoDomain).set({ verifiedAt: sql`now()` }).where(eq(ssoDomain.id, id));
}

export async function deleteDomain(tx: Tx, domain: string) {
  const rows = await tx.delete(ssoDomain).where(eq(ssoDomain.domain, domain)).returning({ id: ssoDomain.id });
  return rows[0] ?? null;
}

/** The signed-in person's password flag and identities in one query (one row per identity, at least one). */
export const selectSignInMethods = (db: HttpDb) =>
  db
    .select({
      hasPassword: sql<boolean>`${user.passwordHash} is not null`,
      id: oauthAccount.id,
      provider: oauthAccount.provider,
      email: oauthAccount.email,
      createdAt: oauthAccount.createdAt,
      lastUsedAt: oauthAccount.lastUsedAt,
    })
    .from(user)
    .leftJoin(oauthAccount, eq(oauthAccount.userId, user.id))
    .where(sql`${user.id} = nullif(current_setting('app.user_id', true), '')::uuid`)
    .orderBy(oauthAccount.createdAt);
