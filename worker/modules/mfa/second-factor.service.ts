import { type Database, system } from '../../db/gateway.ts';
import { sha256Hex } from '../../kernel/crypto.ts';
import { AppError } from '../../kernel/errors.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { openSessionIn, type PublicUser, type SecondFactor, type SignInMethod } from '../auth/sign-in.ts';
import { hashBackupCode } from './backup-codes.ts';
import * as repo from './mfa.repo.ts';
import { decryptTotpSecret, matchTotpStep } from './totp.ts';

/** Wrong codes a pending sign-in survives; the last one burns it and the person starts again. */
export const maxSecondFactorAttempts = 5;

export type SecondFactorProof = { kind: 'totp'; code: string } | { kind: 'backup_code'; code: string };

type Verdict =
  | { ok: true; token: string; user: PublicUser; backupCodesLeft: number | null }
  | { ok: false; burnt: boolean; attemptsLeft: number };

const challengeGone = () => new AppError('SIGN_IN_CHALLENGE_INVALID', 'This sign-in has expired or was already used; sign in again');

/**
 * Finishes a pending sign-in with a TOTP code or a backup code. Everything happens in one
 * transaction with the pending sign-in locked: the code check, the replay guard (the time step must
 * be newer than the last one accepted; a backup code must be unused), the consumption of the
 * pending sign-in and the new session. A wrong code is counted and committed before the error is
 * thrown; the fifth burns the pending sign-in.
 */
export async function verifySecondFactor(
  db: Database,
  input: { challengeToken: string | null; proof: SecondFactorProof; previousSessionHash: string | null; appSecret: string },
  context: AuditContext,
) {
  if (!input.challengeToken) throw challengeGone();
  const tokenHash = await sha256Hex(input.challengeToken);
  const verdict = await system(db, { role: 'owner' }).interactive(async (tx, session): Promise<Verdict | null> => {
    const pending = await repo.lockChallenge(tx, tokenHash);
    if (!pending || !pending.live || pending.user.deletedAt || !pending.totpSecret || !pending.totpConfirmedAt) return null;
    const userId = pending.user.id;
    await session.actAsPerson(userId);
    const anonymous = { type: 'anonymous' } as const;

    let accepted = false;
    if (input.proof.kind === 'totp') {
      const secret = await decryptTotpSecret(input.appSecret, userId, pending.totpSecret);
      const step = matchTotpStep(secret, input.proof.code, Date.now());
      accepted = step !== null && (await repo.advanceTotpStep(tx, userId, step));
    } else {
      accepted = await repo.spendBackupCode(tx, userId, await hashBackupCode(input.appSecret, input.proof.code));
    }

    if (!accepted) {
      const failures = await repo.recordFailedAttempt(tx, pending.id, maxSecondFactorAttempts);
      const burnt = failures >= maxSecondFactorAttempts;
      const target = { type: 'user', id: userId };
      await recordAudit(
        tx,
        {
          workspaceId: null,
          actor: anonymous,
          action: 'mfa.second_factor_failed',
          target,
          metadata: { factor: input.proof.kind, attempt: failures },
        },
        context,
      );
      if (burnt) {
        await recordAudit(
          tx,
          { workspaceId: null, actor: anonymous, action: 'mfa.challenge_burnt', target, metadata: { attempts: failures } },
          context,
        );
      }
      return { ok: false, burnt, attemptsLeft: Math.max(0, maxSecondFactorAttempts - failures) };
    }

    await repo.consumeChallenge(tx, pending.id);
    const factor: SecondFactor = input.proof.kind;
    const opened = await openSessionIn(
      tx,
      session,
      { user: pending.user, method: pending.method as SignInMethod, secondFactor: factor, previousSessionHash: input.previousSessionHash },
      context,
    );
    let backupCodesLeft: number | null = null;
    if (factor === 'backup_code') {
      backupCodesLeft = await repo.unusedBackupCodes(tx, userId);
      const actor = { type: 'user', userId, sessionId: opened.sessionId, workspaceId: null, role: null } as const;
      await recordAudit(
        tx,
        {
          workspaceId: null,
          actor,
          action: 'mfa.backup_code_used',
          target: { type: 'user', id: userId },
          metadata: { remaining: backupCodesLeft },
        },
        context,
      );
    }
    return { ok: true, token: opened.token, user: opened.user, backupCodesLeft };
  });

  if (!verdict) throw challengeGone();
  if (!verdict.ok) {
    if (verdict.burnt) {
      throw new AppError('SIGN_IN_CHALLENGE_INVALID', 'Too many wrong codes: this sign-in is cancelled; sign in again');
    }
    const left = `${verdict.attemptsLeft} attempt${verdict.attemptsLeft === 1 ? '' : 's'} left`;
    throw new AppError('SECOND_FACTOR_INVALID', `That code is not valid (${left})`, {
      fields: { [input.proof.kind === 'totp' ? 'code' : 'backup_code']: ['is not valid'] },
    });
  }
  return { kind: 'session' as const, token: verdict.token, user: verdict.user, backupCodesLeft: verdict.backupCodesLeft };
}
