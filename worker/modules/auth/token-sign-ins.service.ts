import type { QueryBuilder } from '../../db/client.ts';
import { revokeEveryTokenOf } from '../personal-access-tokens/personal-access-tokens.service.ts';
import * as repo from './token-sign-ins.repo.ts';

/** Why every token sign-in of a person ended; stored as the families' `revoke_reason`. */
export type TokenSignInsEndedBy = 'password_reset' | 'password_change' | 'second_factor_enabled';

/**
 * Every way into the account that is not a browser session: the person's live token families (their
 * refresh tokens and access tokens, which `resolve_credential` refuses once the family is revoked)
 * and their personal access tokens. Returned as statements for the caller's own transaction, the one
 * that changes the password or the second factor, so the change and the lock-out commit together.
 */
export const revokeTokenSignIns = (db: QueryBuilder, userId: string, reason: TokenSignInsEndedBy) =>
  [repo.revokeFamiliesOf(db, userId, reason), revokeEveryTokenOf(db, userId)] as const;
