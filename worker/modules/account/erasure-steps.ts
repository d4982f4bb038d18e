import type { Tx } from '../../db/tenant.ts';
import type { TransactionSession } from '../../db/gateway.ts';
import {
  backupCode,
  emailToken,
  oauthAccount,
  passkey,
  personalAccessToken,
  signInChallenge,
  tokenFamily,
  totpCredential,
  webauthnChallenge,
} from '../../db/schema.ts';
import * as repo from './account.repo.ts';

/** One workspace the person belongs to, as erasure sees it. */
export interface ErasedMembership {
  workspaceId: string;
  slug: string;
  name: string;
  role: string;
  /** Members other than the person; 0 means the workspace goes with the account. */
  otherMembers: number;
  otherOwners: number;
}

export interface ErasureRun {
  userId: string;
  /** Object-storage keys to delete once the transaction has committed. */
  objectsToDelete: string[];
}

/** Runs with `app.workspace_id` pointed at the membership's workspace. */
export interface WorkspaceErasureStep {
  name: string;
  erase(tx: Tx, run: ErasureRun, membership: ErasedMembership): Promise<number>;
}

/** Runs once, with `app.user_id` set to the person and no workspace; a step that enters one leaves it again. */
export interface AccountErasureStep {
  name: string;
  erase(tx: Tx, run: ErasureRun, session: TransactionSession): Promise<number>;
}

/**
 * What account deletion removes in each workspace, in order, after the steps modules contribute
 * (`erasure.workspace` in a manifest). A platform table that holds a person's rows in a workspace
 * gets a step here; a module's table gets one in its manifest.
 */
export const workspaceErasureSteps: WorkspaceErasureStep[] = [
  { name: 'membership', erase: (tx, run) => repo.deleteMembershipOf(tx, run.userId) },
  {
    // The person was its only member: nobody is left to own it, so it is soft-deleted with the account.
    name: 'sole_member_workspace',
    erase: (tx, _run, m) => (m.otherMembers === 0 ? repo.softDeleteWorkspace(tx, m.workspaceId) : Promise.resolve(0)),
  },
];

/**
 * What account deletion removes across the account, in order. Every credential table (sessions,
 * personal access tokens, refresh tokens, MFA factors, passkeys, OAuth identities, …) gets a step
 * here; the profile is anonymised last.
 */
export const accountErasureSteps: AccountErasureStep[] = [
  { name: 'sessions', erase: (tx, run) => repo.deleteSessionsOf(tx, run.userId) },
  // Token families take their refresh tokens with them; their access tokens stop resolving at once.
  { name: 'token_families', erase: (tx, run) => repo.deleteRowsOwnedBy(tx, tokenFamily, run.userId) },
  { name: 'personal_access_tokens', erase: (tx, run) => repo.deleteRowsOwnedBy(tx, personalAccessToken, run.userId) },
  { name: 'totp', erase: (tx, run) => repo.deleteRowsOwnedBy(tx, totpCredential, run.userId) },
  { name: 'backup_codes', erase: (tx, run) => repo.deleteRowsOwnedBy(tx, backupCode, run.userId) },
  { name: 'passkeys', erase: (tx, run) => repo.deleteRowsOwnedBy(tx, passkey, run.userId) },
  { name: 'sign_in_challenges', erase: (tx, run) => repo.deleteRowsOwnedBy(tx, signInChallenge, run.userId) },
  { name: 'webauthn_challenges', erase: (tx, run) => repo.deleteRowsOwnedBy(tx, webauthnChallenge, run.userId) },
  { name: 'oauth_identities', erase: (tx, run) => repo.deleteRowsOwnedBy(tx, oauthAccount, run.userId) },
  { name: 'email_tokens', erase: (tx, run) => repo.deleteRowsOwnedBy(tx, emailToken, run.userId) },
  {
    name: 'personal_exports',
    erase: async (tx, run) => {
      const rows = await repo.deletePersonalExportsOf(tx, run.userId);
      for (const row of rows) if (row.objectKey) run.objectsToDelete.push(row.objectKey);
      return rows.length;
    },
  },
  { name: 'profile', erase: (tx, run) => repo.anonymiseUser(tx, run.userId) },
];
