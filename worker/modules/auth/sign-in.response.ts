import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../../env.ts';
import { sha256Hex } from '../../kernel/crypto.ts';
import { safeRedirectPath } from '../../kernel/redirect.ts';
import { sessionCookieName } from '../../middleware/principal.ts';
import { userSchema } from './auth.schema.ts';
import { secondFactorTtlSeconds, type SignInOutcome, sessionTtlSeconds } from './sign-in.ts';

/**
 * How every sign-in route answers, whatever the method. The contract:
 *
 * JSON routes (`respondToSignIn(c, outcome)`, the form posts of the web app):
 *   - a session:          200 `{ user }`, the session in the `__Host-session` cookie;
 *   - a second factor:    200 `{ second_factor_required: true, methods, expires_at }`, no session;
 *                         the pending sign-in in the `__Host-sign-in` cookie (HttpOnly, 5 minutes).
 *                         The client shows the second-factor page, which posts the code to
 *                         `POST /api/v1/auth/mfa/verify` and gets `{ user }` and the session.
 * Redirect routes (`redirectAfterSignIn(c, outcome, next)`: links from mail, OAuth and
 * SSO callbacks), `next` being whatever the flow carried (checked here, never trusted):
 *   - a session:          302 to `next` when it is a path on this origin, else `/`;
 *   - a second factor:    302 to `/login/second-factor?next=<next>` (the web app's page), same cookie.
 * Errors are the one error envelope in both cases (a redirect route may prefer its own error page).
 */
export const signInChallengeCookieName = '__Host-sign-in';

/** The web app's page that asks for the second factor. */
export const secondFactorPagePath = '/login/second-factor';

export const secondFactorRequiredSchema = z
  .object({
    second_factor_required: z.literal(true),
    methods: z.array(z.enum(['totp', 'backup_code'])),
    expires_at: z.string(),
  })
  .openapi('SecondFactorRequired');

export const signInResponse = z.union([z.object({ user: userSchema }), secondFactorRequiredSchema]).openapi('SignInResult');

const cookieBase = { path: '/', httpOnly: true, secure: true, sameSite: 'Lax' } as const;

export function setSessionCookie(c: Context<AppEnv>, token: string) {
  setCookie(c, sessionCookieName, token, { ...cookieBase, maxAge: sessionTtlSeconds });
}

/** The hash of the session the browser presents, if any (sign-in revokes it: rotation). */
export async function presentedSessionHash(c: Context<AppEnv>) {
  const token = getCookie(c, sessionCookieName);
  return token ? sha256Hex(token) : null;
}

/** The pending sign-in the browser presents, if any. */
export const presentedChallengeToken = (c: Context<AppEnv>) => getCookie(c, signInChallengeCookieName) ?? null;

export const clearChallengeCookie = (c: Context<AppEnv>) => deleteCookie(c, signInChallengeCookieName, { path: '/', secure: true });

function applyCookies(c: Context<AppEnv>, outcome: SignInOutcome) {
  if (outcome.kind === 'session') {
    setSessionCookie(c, outcome.token);
    clearChallengeCookie(c);
  } else {
    setCookie(c, signInChallengeCookieName, outcome.challengeToken, { ...cookieBase, maxAge: secondFactorTtlSeconds });
  }
}

export type SignInResult = z.infer<typeof signInResponse>;

/** The answer of a JSON sign-in route (see the contract above). */
export function respondToSignIn(c: Context<AppEnv>, outcome: SignInOutcome) {
  applyCookies(c, outcome);
  const body: SignInResult =
    outcome.kind === 'session'
      ? { user: outcome.user }
      : { second_factor_required: true, methods: outcome.methods, expires_at: outcome.expiresAt.toISOString() };
  return c.json(body, 200);
}

/** The answer of a redirect sign-in route (see the contract above); `next` is checked here. */
export function redirectAfterSignIn(c: Context<AppEnv>, outcome: SignInOutcome, next: unknown) {
  applyCookies(c, outcome);
  const path = safeRedirectPath(next);
  if (outcome.kind === 'session') return c.redirect(path, 302);
  return c.redirect(`${secondFactorPagePath}?next=${encodeURIComponent(path)}`, 302);
}
