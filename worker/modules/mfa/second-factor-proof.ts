import type { Tx } from '../../db/tenant.ts';
import { hashBackupCode } from './backup-codes.ts';
import * as repo from './mfa.repo.ts';
import type { SecondFactorProof } from './second-factor.service.ts';
import { decryptTotpSecret, matchTotpStep } from './totp.ts';

/**
 * Whether a signed-in person proved their second factor again, for a step that asks for it beyond
 * the session (deleting the account). The same rules as at sign-in: a TOTP step newer than the last
 * one accepted, or an unused backup code, which is spent. `not_enrolled`: the person has none on.
 * Runs inside the caller's transaction, with the person named explicitly.
 */
export async function proveSecondFactor(
  tx: Tx,
  userId: string,
  appSecret: string,
  proof: SecondFactorProof | null,
): Promise<'not_enrolled' | 'missing' | 'accepted' | 'refused'> {
  const totp = await repo.selectConfirmedTotpOf(tx, userId);
  if (!totp) return 'not_enrolled';
  if (!proof) return 'missing';
  if (proof.kind === 'totp') {
    const step = matchTotpStep(await decryptTotpSecret(appSecret, userId, totp.secret), proof.code, Date.now());
    return step !== null && (await repo.advanceTotpStep(tx, userId, step)) ? 'accepted' : 'refused';
  }
  return (await repo.spendBackupCode(tx, userId, await hashBackupCode(appSecret, proof.code))) ? 'accepted' : 'refused';
}
