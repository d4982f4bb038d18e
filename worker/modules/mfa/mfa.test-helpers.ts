import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { call, signUp } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import { totpStepAt } from './totp.ts';
import { parsePublicId } from '../../kernel/ids.ts';

/** The code of the current time step plus `offset`. */
export const codeAt = (key: Uint8Array, offset = 0) => generateHOTP(key, BigInt(totpStepAt(Date.now()) + offset), 6);

/**
 * Waits out the last seconds of a time step, so a code computed here and checked in the worker
 * belong to the same step (the test asserts which steps are accepted, never how long anything takes).
 */
export async function awayFromStepEdge() {
  const intoStep = (Date.now() / 1000) % 30;
  if (intoStep > 27) await new Promise((resolve) => setTimeout(resolve, (30 - intoStep) * 1000 + 100));
}

/** As if the last accepted code was from a few minutes ago: frees the current steps for the next sign-in. */
export async function forgetRecentCodes(userId: string) {
  await inspectSql()`update totp_credential set last_used_step = last_used_step - 10 where user_id = ${userId}`;
}

export const challengeCookieFrom = (headers: Headers) => {
  const match = /__Host-sign-in=([^;]+)/.exec(headers.get('set-cookie') ?? '');
  if (!match?.[1]) throw new Error(`no sign-in challenge cookie in: ${headers.get('set-cookie')}`);
  return `__Host-sign-in=${match[1]}`;
};

/** Signs up and enrols an authenticator app; returns the person, the key and the backup codes. */
export async function signUpWithTotp(name = 'Ada') {
  const person = await signUp(name);
  const userId = parsePublicId('user', person.user.id) as string;
  const started = await call('POST', '/api/v1/me/mfa/totp', { cookie: person.cookie });
  if (started.status !== 200) throw new Error(`enrolment failed: ${started.status} ${started.text}`);
  const key = decodeBase32IgnorePadding(started.json.secret as string);
  await awayFromStepEdge();
  const confirmed = await call('POST', '/api/v1/me/mfa/totp/confirm', { cookie: person.cookie, body: { code: codeAt(key) } });
  if (confirmed.status !== 200) throw new Error(`confirmation failed: ${confirmed.status} ${confirmed.text}`);
  await forgetRecentCodes(userId);
  return { ...person, userId, key, backupCodes: confirmed.json.backup_codes as string[] };
}

/** Password log-in for a person with TOTP: the pending sign-in's cookie. */
export async function passwordStep(person: { email: string; password: string }, ip?: string) {
  const res = await call('POST', '/api/v1/auth/login', { body: { email: person.email, password: person.password }, ...(ip ? { ip } : {}) });
  if (res.status !== 200 || res.json.second_factor_required !== true)
    throw new Error(`expected a second factor: ${res.status} ${res.text}`);
  return challengeCookieFrom(res.headers);
}

export const verify = (challenge: string, body: { code: string } | { backup_code: string }) =>
  call('POST', '/api/v1/auth/mfa/verify', { cookie: challenge, body });
