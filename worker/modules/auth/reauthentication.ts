import type { Scope, Tx } from '../../db/tenant.ts';
import type { Actor } from '../../kernel/actor.ts';
import { AppError } from '../../kernel/errors.ts';
import * as repo from './reauthentication.repo.ts';

/** How long a log-in or password confirmation lets the person change their sign-in factors. */
export const reauthenticationWindowSeconds = 10 * 60;

export type Person = Extract<Actor, { type: 'user' }> & { sessionId: string };

/**
 * Second factors and passkeys belong to a person signed in with a browser session: neither an API
 * key nor a token (access token, personal access token) may see or change them.
 */
export function personOf(scope: Scope): Person {
  const actor = scope.actor;
  if (actor.type !== 'user') throw new AppError('FORBIDDEN', 'This endpoint needs a signed-in person, not an API key');
  if (actor.sessionId === null) throw new AppError('FORBIDDEN', 'This endpoint needs a browser session, not a token');
  return { ...actor, sessionId: actor.sessionId };
}

export const reauthenticatedUntil = (at: Date | null) => (at ? new Date(at.getTime() + reauthenticationWindowSeconds * 1000) : null);

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
