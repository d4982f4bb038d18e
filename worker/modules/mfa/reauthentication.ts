import type { Scope, Tx } from '../../db/tenant.ts';
import type { Actor } from '../../kernel/actor.ts';
import { AppError } from '../../kernel/errors.ts';
import * as repo from './mfa.repo.ts';

/** How long a log-in or password confirmation lets the person change their sign-in factors. */
export const reauthenticationWindowSeconds = 10 * 60;

export type Person = Extract<Actor, { type: 'user' }>;

/** Second factors and passkeys belong to a person: an API key may not see or change them. */
export function personOf(scope: Scope): Person {
  if (scope.actor.type !== 'user') throw new AppError('FORBIDDEN', 'This endpoint needs a signed-in person, not an API key');
  return scope.actor;
}

export const reauthenticatedUntil = (at: Date | null) =>
  at ? new Date(at.getTime() + reauthenticationWindowSeconds * 1000) : null;

/** Refuses unless this session proved who the person is within the last ten minutes. */
export async function requireRecentReauthentication(tx: Tx, person: Person): Promise<void> {
  const until = reauthenticatedUntil(await repo.selectReauthenticatedAt(tx, person.sessionId));
  if (!until || until.getTime() <= Date.now()) {
    throw new AppError(
      'REAUTHENTICATION_REQUIRED',
      'Confirm your password first: POST /api/v1/me/reauthenticate, then try again within 10 minutes',
    );
  }
}
