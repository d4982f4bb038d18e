import { type Database, type Principal, type QueryBuilder, type Statement, system } from '../../db/gateway.ts';
import type { Bus } from '../../kernel/bus.ts';
import { AppError } from '../../kernel/errors.ts';
import type { Storage } from '../../kernel/storage.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { verifyPassword } from '../auth/password.ts';
import { browserSessionPerson } from '../browser-session.ts';
import { lockCurrentOwners } from '../members/members.service.ts';
import { proveSecondFactor } from '../mfa/second-factor-proof.ts';
import type { SecondFactorProof } from '../mfa/second-factor.service.ts';
import * as repo from './account.repo.ts';
import { moduleAccountErasureSteps, moduleWorkspaceErasureSteps } from '../assembly.ts';
import { accountErasureSteps, type ErasedMembership, type ErasureRun, workspaceErasureSteps } from './erasure-steps.ts';

/** Workspaces that would be left without an owner while people still work in them. */
const blockingWorkspaces = (memberships: ErasedMembership[]) =>
  memberships.filter((m) => m.role === 'owner' && m.otherOwners === 0 && m.otherMembers > 0);

/**
 * GDPR erasure of the signed-in person, in one transaction. Only from a browser session, never an
 * API key or a token, and only after the person proves who they are again: their password and, when
 * they have an authenticator app on, a code from it or a backup code (docs/decisions/024, 029). A
 * wrong password or code is audited and erases nothing. Refused while they are the only owner of a
 * workspace that has other members; otherwise every step of `erasure-steps.ts` runs (memberships,
 * API keys they created, sessions, exports, and workspaces they were alone in), the profile is
 * anonymised, and audit entries stay, their actor now shown as "Deleted user". Every session ends
 * with the transaction. Stored export files are deleted after the commit.
 */
export async function deleteAccount(
  db: Database,
  principal: Principal,
  deps: { storage: Storage | undefined; appSecret: string; bus: Bus<QueryBuilder, Statement> },
  input: { password: string; secondFactor: SecondFactorProof | null },
  context: AuditContext,
) {
  // Account-wide work the request role may not do: the credential is checked first (so only a live
  // session gets here), then the work runs as the owner role; forced RLS still binds it on tenant
  // tables, so each workspace step points the context at its workspace.
  const outcome = await system(db, { role: 'owner' }).interactive(async (tx, session) => {
    const scope = await session.resolveCredential(principal);
    const person = browserSessionPerson(scope);
    const profile = await repo.lockPerson(tx, person.userId);
    if (!profile || profile.deletedAt) throw new AppError('UNAUTHENTICATED', 'Sign in or present a valid API key');
    const refuse = async (reason: 'wrong_password' | 'second_factor_missing' | 'wrong_second_factor') => {
      const target = { type: 'user', id: person.userId };
      if (reason === 'wrong_second_factor' && input.secondFactor) {
        await recordAudit(
          tx,
          {
            workspaceId: null,
            actor: person,
            action: 'mfa.second_factor_failed',
            target,
            metadata: { factor: input.secondFactor.kind, purpose: 'account_deletion' },
          },
          context,
        );
      }
      await recordAudit(tx, { workspaceId: null, actor: person, action: 'user.delete_refused', target, metadata: { reason } }, context);
      return { refused: reason };
    };
    if (!(await verifyPassword(input.password, profile.passwordHash))) return refuse('wrong_password');
    const secondFactor = await proveSecondFactor(tx, person.userId, deps.appSecret, input.secondFactor);
    if (secondFactor === 'missing') return refuse('second_factor_missing');
    if (secondFactor === 'refused') return refuse('wrong_second_factor');

    const memberships: ErasedMembership[] = [];
    for (const m of await repo.selectPersonMemberships(tx, person.userId)) {
      await session.enterWorkspace(m.workspaceId);
      // Locked as every owner change locks them, so two owners deleting their accounts at once are
      // decided one after the other; the members are counted once the lock is held.
      const owners = await lockCurrentOwners(tx);
      const otherMembers = await repo.countOtherMembers(tx, m.workspaceId, person.userId);
      memberships.push({ ...m, otherMembers, otherOwners: owners.filter((id) => id !== person.userId).length });
    }
    const blocking = blockingWorkspaces(memberships);
    if (blocking.length > 0) {
      const names = blocking.map((m) => `“${m.name}”`).join(', ');
      throw new AppError(
        'SOLE_OWNER',
        `You are the only owner of ${names}, which other people still use. Make one of them an owner (or remove them) first, then delete your account.`,
        { fields: { workspaces: blocking.map((m) => m.slug) } },
      );
    }

    const run: ErasureRun = { userId: person.userId, objectsToDelete: [] };
    const erased: Record<string, number> = {};
    const count = (name: string, n: number) => {
      erased[name] = (erased[name] ?? 0) + n;
    };
    for (const m of memberships) {
      await session.enterWorkspace(m.workspaceId);
      for (const step of [...moduleWorkspaceErasureSteps(), ...workspaceErasureSteps]) count(step.name, await step.erase(tx, run, m));
      await recordAudit(
        tx,
        {
          workspaceId: m.workspaceId,
          actor: person,
          action: m.otherMembers === 0 ? 'workspace.deleted' : 'membership.removed',
          target: m.otherMembers === 0 ? { type: 'workspace', id: m.workspaceId } : { type: 'user', id: person.userId },
          metadata: { reason: 'account_deleted' },
        },
        context,
      );
      // A workspace that lives on has one member fewer: its per-seat plan follows.
      if (m.otherMembers > 0) {
        for (const reaction of deps.bus.reactionsTo({ type: 'members.changed', workspaceId: m.workspaceId, change: 'removed' }, tx))
          await reaction;
      }
    }
    await session.enterWorkspace(null);
    // The profile is anonymised last; the entry below keeps the person's id, never their address.
    for (const step of [...moduleAccountErasureSteps(), ...accountErasureSteps]) count(step.name, await step.erase(tx, run, session));
    await recordAudit(
      tx,
      { workspaceId: null, actor: person, action: 'user.deleted', target: { type: 'user', id: person.userId }, metadata: { erased } },
      context,
    );
    return { refused: null, run, erased };
  });

  if (outcome.refused) throw refusal(outcome.refused);
  await deleteObjects(deps.storage, outcome.run.objectsToDelete);
  return { erased: outcome.erased };
}

function refusal(reason: 'wrong_password' | 'second_factor_missing' | 'wrong_second_factor'): AppError {
  switch (reason) {
    case 'wrong_password':
      return new AppError('REAUTHENTICATION_FAILED', 'The password is incorrect', { fields: { password: ['is incorrect'] } });
    case 'second_factor_missing':
      return new AppError('SECOND_FACTOR_REQUIRED', 'Your account has an authenticator app: enter a code from it, or a backup code', {
        fields: { code: ['is required'] },
      });
    case 'wrong_second_factor':
      return new AppError('REAUTHENTICATION_FAILED', 'That code is not valid', { fields: { code: ['is not valid'] } });
  }
}

/** Best effort after the commit: a file that outlives its row is unreachable (downloads need the row). */
async function deleteObjects(storage: Storage | undefined, keys: string[]) {
  if (!storage) return;
  await Promise.allSettled(keys.map((key) => storage.delete(key)));
}
