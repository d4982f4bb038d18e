import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PresentedCredential } from '../../kernel/credential.ts';
import { call, sessionCookieFrom, signUp } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import { tokenFromMail, warmUpMailRendering } from '../../test/inbox.ts';
import { awayFromStepEdge, codeAt } from '../mfa/mfa.test-helpers.ts';
import { bearer, refresh, tokensFor } from '../tokens/token-test-helpers.ts';
import { parsePublicId } from '../../kernel/ids.ts';

beforeAll(warmUpMailRendering, 60_000);

type Person = Awaited<ReturnType<typeof signUp>> & { userId: string };

/** One credential of the person, opened before the event; `assertEnded` checks it no longer lets anyone in. */
interface WayIn {
  open(person: Person): Promise<{ assertEnded(): Promise<void> }>;
}

const meStatus = async (options: Parameters<typeof call>[2]) => (await call('GET', '/api/v1/me', options)).status;
const errorOf = (res: Awaited<ReturnType<typeof call>>) => ({
  status: res.status,
  code: res.json?.error?.code,
  message: res.json?.error?.message,
});

/**
 * Every credential a person can hold, keyed by the credential kinds the auth link accepts (API keys
 * belong to a workspace, not to the person, and are left out) plus the refresh token, which is no
 * bearer credential but is a way in. A new credential kind does not compile here until it has an
 * entry, so it cannot outlive a password reset unnoticed.
 */
const waysIn = {
  session: {
    async open(person) {
      const res = await call('POST', '/api/v1/auth/login', { body: { email: person.email, password: person.password } });
      const cookie = sessionCookieFrom(res.headers);
      expect(await meStatus({ cookie })).toBe(200);
      return { assertEnded: async () => expect(await meStatus({ cookie })).toBe(401) };
    },
  },
  access_token: {
    async open(person) {
      const { access_token } = await tokensFor(person);
      expect(await meStatus(bearer(access_token))).toBe(200);
      return { assertEnded: async () => expect(await meStatus(bearer(access_token))).toBe(401) };
    },
  },
  refresh_token: {
    async open(person) {
      const { refresh_token } = await tokensFor(person);
      return {
        async assertEnded() {
          // Refused exactly like a refresh token that never existed: nothing tells a thief why.
          const unknown = await refresh(`rt_${'x'.repeat(43)}`);
          const answer = await refresh(refresh_token);
          expect(errorOf(answer)).toEqual(errorOf(unknown));
          expect(answer.json.error.code).toBe('INVALID_GRANT');
        },
      };
    },
  },
  pat: {
    async open(person) {
      const made = await call('POST', '/api/v1/me/tokens', {
        cookie: person.cookie,
        body: { name: 'laptop', scopes: ['read'], expires_in_days: 30 },
      });
      expect(made.status).toBe(201);
      const token = made.json.token as string;
      expect(await meStatus(bearer(token))).toBe(200);
      return { assertEnded: async () => expect(await meStatus(bearer(token))).toBe(401) };
    },
  },
} satisfies Record<Exclude<PresentedCredential['kind'], 'api_key'> | 'refresh_token', WayIn>;

interface Event {
  /** The token families' `revoke_reason`. */
  reason: string;
  /** Whether the browser session that made the change stays signed in. */
  keepsActingSession: boolean;
  run(person: Person): Promise<void>;
}

/**
 * The changes after which nothing made before them may still get in. Each runs through its real
 * route; a later one (say, a new kind of second factor) adds an entry here.
 */
const events: Record<string, Event> = {
  'a password reset': {
    reason: 'password_reset',
    keepsActingSession: false,
    async run(person) {
      expect((await call('POST', '/api/v1/auth/password-reset/request', { body: { email: person.email } })).status).toBe(202);
      const token = await tokenFromMail(person.email, 'password-reset');
      const done = await call('POST', '/api/v1/auth/password-reset/complete', { body: { token, password: 'a brand new long password' } });
      expect(done.status).toBe(204);
    },
  },
  'a password change': {
    reason: 'password_change',
    keepsActingSession: true,
    async run(person) {
      const changed = await call('POST', '/api/v1/me/password', {
        cookie: person.cookie,
        body: { current_password: person.password, new_password: 'a brand new long password' },
      });
      expect(changed.status).toBe(200);
      expect(changed.json).toEqual({ sessions_ended: 1, app_sign_ins_ended: 2, personal_access_tokens_revoked: 1 });
    },
  },
  'turning on an authenticator app': {
    reason: 'second_factor_enabled',
    keepsActingSession: true,
    async run(person) {
      const started = await call('POST', '/api/v1/me/mfa/totp', { cookie: person.cookie });
      expect(started.status).toBe(200);
      await awayFromStepEdge();
      const code = codeAt(decodeBase32IgnorePadding(started.json.secret as string));
      const confirmed = await call('POST', '/api/v1/me/mfa/totp/confirm', { cookie: person.cookie, body: { code } });
      expect(confirmed.status).toBe(200);
      expect(confirmed.json).toMatchObject({ other_sessions_revoked: 1, app_sign_ins_ended: 2, personal_access_tokens_revoked: 1 });
    },
  },
};

describe.each(Object.entries(events))('%s ends every other way in', (_name, event) => {
  it('every credential made before it stops at once, refresh tokens included', async () => {
    const signedUp = await signUp('Holder');
    const person = { ...signedUp, userId: parsePublicId('user', signedUp.user.id) as string };
    const bystander = await signUp('Bystander');
    const bystanderTokens = await tokensFor(bystander);

    const opened: Array<[string, Awaited<ReturnType<WayIn['open']>>]> = [];
    for (const [kind, way] of Object.entries(waysIn)) opened.push([kind, await way.open(person)]);
    await event.run(person);
    for (const [kind, way] of opened) {
      try {
        await way.assertEnded();
      } catch (error) {
        throw new Error(`${kind} still works after the event`, { cause: error });
      }
    }

    const families = (await inspectSql()`select revoke_reason from token_family where user_id = ${person.userId}`) as Array<{
      revoke_reason: string | null;
    }>;
    expect(families.map((f) => f.revoke_reason)).toEqual([event.reason, event.reason]);
    expect(await inspectSql()`select id from personal_access_token where user_id = ${person.userId} and revoked_at is null`).toEqual([]);

    expect(await meStatus({ cookie: person.cookie })).toBe(event.keepsActingSession ? 200 : 401);
    if (event.keepsActingSession) {
      const listed = await call('GET', '/api/v1/me/sessions', { cookie: person.cookie });
      expect(listed.json.items.map((s: { kind: string; current: boolean }) => [s.kind, s.current])).toEqual([['browser', true]]);
    }

    // Someone else's sign-ins are no business of this change.
    expect(await meStatus(bearer(bystanderTokens.access_token))).toBe(200);
    expect((await refresh(bystanderTokens.refresh_token)).status).toBe(200);
  });
});
