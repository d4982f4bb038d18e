import type { Scope } from '../db/tenant.ts';
import type { Actor } from '../kernel/actor.ts';
import { AppError } from '../kernel/errors.ts';

export type SessionPerson = Extract<Actor, { type: 'user' }> & { sessionId: string };

/**
 * The guard of what changes how a person signs in, or ends the account: linking and unlinking an
 * identity, deleting the account. Only a browser session, opened by signing in with every factor
 * the person has, may do it; an access token or a personal access token is a credential made from
 * a sign-in and must not widen the ways in or end the account (docs/decisions/029).
 */
export function browserSessionPerson(scope: Scope): SessionPerson {
  const actor = scope.actor;
  if (actor.type !== 'user' || actor.sessionId === null) {
    throw new AppError('BROWSER_SESSION_REQUIRED', 'This needs you signed in in the browser; an API key or a token cannot do it');
  }
  return { ...actor, sessionId: actor.sessionId };
}
