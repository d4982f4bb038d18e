import { generateCodeVerifier, generateState } from 'arctic';
import { signToken, verifyToken } from '../../kernel/crypto.ts';
import { AppError } from '../../kernel/errors.ts';
import { safeRedirectPath } from '../../kernel/redirect.ts';

/** How long a person has to finish at the provider. */
export const stateTtlSeconds = 10 * 60;

export type OAuthIntent = 'sign_in' | 'link';

/**
 * What a sign-in started here must find when the provider sends the browser back. It travels in
 * an HttpOnly cookie signed with APP_SECRET whose name includes the provider, so a callback for one
 * provider can never consume the state of another, and it is deleted by the first callback.
 */
export interface OAuthState {
  /** `google`, `github` or `sso:<connection uuid>`. */
  provider: string;
  state: string;
  codeVerifier: string;
  nonce: string;
  /** A same-origin path (kernel/redirect.ts). */
  next: string;
  intent: OAuthIntent;
  /** The person who asked to link; null for a sign-in. */
  userId: string | null;
  /** The SSO connection's workspace; null for Google and GitHub. */
  workspaceId: string | null;
  expiresAt: number;
}

export function newState(input: Pick<OAuthState, 'provider' | 'intent' | 'userId' | 'workspaceId'> & { next: unknown }): OAuthState {
  return {
    provider: input.provider,
    state: generateState(),
    codeVerifier: generateCodeVerifier(),
    nonce: generateState(),
    next: safeRedirectPath(input.next),
    intent: input.intent,
    userId: input.userId,
    workspaceId: input.workspaceId,
    expiresAt: Date.now() + stateTtlSeconds * 1000,
  };
}

export const sealState = (appSecret: string, state: OAuthState) => signToken(appSecret, JSON.stringify(state));

function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * The state a callback may use: the cookie must be ours (signature), for this provider, unexpired,
 * and carry the `state` the provider echoed back. Anything else is refused.
 */
export async function openState(
  appSecret: string,
  provider: string,
  cookie: string | undefined,
  returnedState: string | undefined,
): Promise<OAuthState> {
  const refuse = (why: string) => new AppError('OAUTH_STATE_INVALID', `This sign-in cannot be completed (${why}); start again`);
  if (!cookie) throw refuse('no sign-in was started in this browser');
  const text = await verifyToken(appSecret, cookie);
  if (!text) throw refuse('the sign-in cookie was altered');
  let state: OAuthState;
  try {
    state = JSON.parse(text) as OAuthState;
  } catch {
    throw refuse('the sign-in cookie is malformed');
  }
  if (state.provider !== provider) throw refuse('the sign-in was started with another provider');
  if (!(state.expiresAt > Date.now())) throw refuse('the sign-in took too long');
  if (!returnedState || !sameText(state.state, returnedState)) throw refuse('the state does not match');
  return state;
}
