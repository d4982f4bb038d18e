import { beforeAll, describe, expect, it } from 'vitest';
import { call, randomIp, signUp, unique } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import { mailFor, settle, warmUpMailRendering } from '../../test/inbox.ts';
import { loginFailuresPerHour } from './login-throttle.service.ts';

beforeAll(warmUpMailRendering, 60_000);

/**
 * Everything a response says but the per-request values (its id and trace). The per-IP bucket's
 * `X-RateLimit-Reset` counts seconds on a clock that moves between two requests, so it is
 * compared to the second apart from the rest.
 */
function answer(res: Awaited<ReturnType<typeof call>>) {
  const headers = [...res.headers.entries()]
    .filter(([name]) => !['x-request-id', 'traceparent', 'x-ratelimit-reset'].includes(name))
    .sort();
  const body = res.json?.error ? { error: { ...res.json.error, request_id: undefined } } : res.json;
  return { status: res.status, headers, body, resetSeconds: Number(res.headers.get('x-ratelimit-reset') ?? 0) };
}

function expectSameAnswer(a: Awaited<ReturnType<typeof call>>, b: Awaited<ReturnType<typeof call>>) {
  const { resetSeconds: resetA, ...restA } = answer(a);
  const { resetSeconds: resetB, ...restB } = answer(b);
  expect(restA).toEqual(restB);
  expect(Math.abs(resetA - resetB)).toBeLessThanOrEqual(1);
}

const unknownAddress = () => `${unique('nobody')}@example.com`;

describe('answers that reveal nothing about who has an account', () => {
  it.each([
    ['password reset', '/api/v1/auth/password-reset/request'],
    ['magic link', '/api/v1/auth/magic-link/request'],
    ['verification resend', '/api/v1/auth/verify-email/resend'],
  ])('%s: an existing and an unknown address get the same status, body and headers', async (_, path) => {
    const { email } = await signUp('Known', { verified: false });
    // Each from a fresh address, so both draw from a full per-IP bucket.
    const existing = await call('POST', path, { body: { email }, ip: randomIp() });
    const unknown = await call('POST', path, { body: { email: unknownAddress() }, ip: randomIp() });
    expect(existing.status).toBe(202);
    expectSameAnswer(unknown, existing);
  });

  it('log-in: a wrong password and an unknown address get the same answer', async () => {
    const { email } = await signUp();
    const wrong = await call('POST', '/api/v1/auth/login', { body: { email, password: 'wrong password!' } });
    const unknown = await call('POST', '/api/v1/auth/login', { body: { email: unknownAddress(), password: 'wrong password!' } });
    expect(wrong.status).toBe(401);
    expectSameAnswer(unknown, wrong);
  });

  it('limits the mail-a-link requests per client address', async () => {
    const ip = randomIp();
    const statuses = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await call('POST', '/api/v1/auth/magic-link/request', { body: { email: unknownAddress() }, ip })).status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 202)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

describe('mail to one address', () => {
  it('goes out at most three times an hour per kind, silently, and one kind never holds back another', async () => {
    const { email } = await signUp('Flooded');
    for (let i = 0; i < 4; i++) {
      expect((await call('POST', '/api/v1/auth/magic-link/request', { body: { email }, ip: randomIp() })).status).toBe(202);
    }
    expect((await call('POST', '/api/v1/auth/password-reset/request', { body: { email }, ip: randomIp() })).status).toBe(202);
    expect(await mailFor(email, 'password-reset')).toHaveLength(1);
    await settle(800);
    expect(await mailFor(email, 'magic-link', { count: 4, timeoutMs: 0 })).toHaveLength(3);
    const skipped = await inspectSql()`select a.metadata from audit_log a join "user" u on u.id::text = a.target_id
      where u.email = ${email} and a.action = 'user.magic_link_not_sent'`;
    expect(skipped).toEqual([{ metadata: { reason: 'throttled' } }]);
  });
});

describe('log-in lockout per address', () => {
  async function failTimes(email: string, times: number) {
    const statuses = [];
    for (let i = 0; i < times; i++) {
      statuses.push((await call('POST', '/api/v1/auth/login', { body: { email, password: `wrong password ${i}` } })).status);
    }
    return statuses;
  }

  it('after 10 failures in an hour refuses even the right password, mails the owner and audits it', async () => {
    const account = await signUp('Locked');
    expect(await failTimes(account.email, loginFailuresPerHour)).toEqual(Array(loginFailuresPerHour).fill(401));

    const right = await call('POST', '/api/v1/auth/login', { body: { email: account.email, password: account.password } });
    expect(right.status).toBe(429);
    expect(right.json.error.code).toBe('LOGIN_LOCKED');
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(right.headers.get('set-cookie')).toBeNull();

    const [mail] = await mailFor(account.email, 'login-locked');
    expect(mail?.subject).toBe('Log-in to your Edge SaaS account is paused');
    const audit =
      await inspectSql()`select a.action, a.metadata->>'failures' as failures from audit_log a join "user" u on u.id::text = a.target_id
      where u.email = ${account.email} and a.action = 'user.locked_out'`;
    expect(audit).toEqual([{ action: 'user.locked_out', failures: String(loginFailuresPerHour) }]);
  });

  it('answers a locked unknown address exactly like a locked account', async () => {
    const account = await signUp('Locked');
    const nobody = unknownAddress();
    await failTimes(account.email, loginFailuresPerHour);
    await failTimes(nobody, loginFailuresPerHour);
    const locked = await call('POST', '/api/v1/auth/login', { body: { email: account.email, password: account.password } });
    const lockedUnknown = await call('POST', '/api/v1/auth/login', { body: { email: nobody, password: account.password } });
    expect(locked.status).toBe(429);
    const strip = (a: ReturnType<typeof answer>) => ({
      ...a,
      resetSeconds: 0,
      headers: a.headers.filter(([name]) => name !== 'retry-after'),
    });
    expect(strip(answer(lockedUnknown))).toEqual(strip(answer(locked)));
    expect(Math.abs(Number(locked.headers.get('retry-after')) - Number(lockedUnknown.headers.get('retry-after')))).toBeLessThan(120);
  });

  it('a password reset lifts the lockout', async () => {
    const account = await signUp('Unlock');
    await failTimes(account.email, loginFailuresPerHour);
    expect((await call('POST', '/api/v1/auth/login', { body: { email: account.email, password: account.password } })).status).toBe(429);
    await call('POST', '/api/v1/auth/password-reset/request', { body: { email: account.email } });
    const [mail] = await mailFor(account.email, 'password-reset');
    const token = /#token=([A-Za-z0-9_-]{43})/.exec(mail?.text ?? '')?.[1];
    const password = 'a fresh start password';
    expect((await call('POST', '/api/v1/auth/password-reset/complete', { body: { token, password } })).status).toBe(204);
    expect((await call('POST', '/api/v1/auth/login', { body: { email: account.email, password } })).status).toBe(200);
  });

  it('a successful log-in starts the count again', async () => {
    const account = await signUp('Recount');
    await failTimes(account.email, loginFailuresPerHour - 1);
    expect((await call('POST', '/api/v1/auth/login', { body: { email: account.email, password: account.password } })).status).toBe(200);
    expect(await failTimes(account.email, loginFailuresPerHour - 1)).toEqual(Array(loginFailuresPerHour - 1).fill(401));
    expect((await call('POST', '/api/v1/auth/login', { body: { email: account.email, password: account.password } })).status).toBe(200);
  });
});

describe('sign-up with a taken address', () => {
  it('says the address is taken, mails its owner and audits the attempt', async () => {
    const account = await signUp('Owner');
    const res = await call('POST', '/api/v1/auth/signup', {
      body: { email: account.email, password: 'another long password', name: 'Intruder' },
    });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('EMAIL_TAKEN');
    const [mail] = await mailFor(account.email, 'signup-attempt');
    expect(mail?.subject).toBe('Someone tried to sign up to Edge SaaS with your address');
    const audit = await inspectSql()`select a.action from audit_log a join "user" u on u.id::text = a.target_id
      where u.email = ${account.email} and a.action = 'user.signup_email_taken'`;
    expect(audit).toEqual([{ action: 'user.signup_email_taken' }]);
  });
});
