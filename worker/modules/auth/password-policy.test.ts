import { describe, expect, it } from 'vitest';
import { call, unique } from '../../test/client.ts';
import commonPasswordsText from './common-passwords.txt';
import { isCommonPassword, passwordProblems } from './password-policy.ts';
import { codePointLength, isEmailLike } from './password.input.ts';

const signup = (password: string, email = `${unique('policy')}@example.com`) =>
  call('POST', '/api/v1/auth/signup', { body: { email, password, name: 'Policy' } });

const login = (email: string, password: string) => call('POST', '/api/v1/auth/login', { body: { email, password } });

describe('the shipped list of common passwords', () => {
  const lines = commonPasswordsText.split('\n').filter(Boolean);

  it('holds 10,000 distinct lowercase entries, one a line', () => {
    expect(lines).toHaveLength(10_000);
    expect(new Set(lines).size).toBe(10_000);
    for (const line of lines) expect(line).toBe(line.trim().toLowerCase());
    expect(lines.slice(0, 3)).toEqual(['123456', 'password', '12345678']);
  });

  it('is matched without regard to case', () => {
    for (const password of ['password', 'PASSWORD', 'PassWord', 'qwertyuiop', 'Iloveyou', 'Trustno1']) {
      expect(isCommonPassword(password)).toBe(true);
    }
    expect(isCommonPassword('correct horse battery staple')).toBe(false);
  });
});

describe('password policy rules', () => {
  it('counts characters as code points, not UTF-16 units or bytes', () => {
    expect(codePointLength('abc')).toBe(3);
    expect(codePointLength('\u{1F600}')).toBe(1);
    expect('\u{1F600}'.length).toBe(2);
    expect(codePointLength('caf\u00e9')).toBe(4);
  });

  it('tells the email and its local part apart from other passwords', () => {
    expect(isEmailLike('Ada.Lovelace@Example.com', 'ada.lovelace@example.com')).toBe(true);
    expect(isEmailLike('ADA.LOVELACE', 'ada.lovelace@example.com')).toBe(true);
    expect(isEmailLike('ada.lovelace@example', 'ada.lovelace@example.com')).toBe(false);
    expect(isEmailLike('ada.lovelace!', 'ada.lovelace@example.com')).toBe(false);
  });

  it('answers one message per refusal', () => {
    expect(passwordProblems('a'.repeat(7))).toEqual(['must be at least 8 characters']);
    expect(passwordProblems('a'.repeat(129))).toEqual(['must be at most 128 characters']);
    expect(passwordProblems('Password1')).toEqual(['is too common']);
    expect(passwordProblems('grace.hopper', 'grace.hopper@example.com')).toEqual(['must not be your email address']);
    expect(passwordProblems('a'.repeat(8))).toEqual([]);
  });
});

describe('sign-up refuses weak passwords', () => {
  it.each(['password', 'PASSWORD', 'Password1', '12345678', 'qwertyuiop', 'iloveyou', 'Sunshine'])(
    'refuses the common password %j',
    async (password) => {
      const res = await signup(password);
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION_FAILED');
      expect(res.json.error.fields).toEqual({ password: ['is too common'] });
    },
  );

  it('refuses the email address and its local part as the password', async () => {
    const local = unique('margaret.hamilton');
    const email = `${local}@example.com`;
    for (const password of [email, email.toUpperCase(), local, local.toUpperCase()]) {
      const res = await signup(password, email);
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION_FAILED');
      expect(res.json.error.fields).toEqual({ password: ['must not be your email address'] });
    }
    const created = await signup(`${local} likes long walks`, email);
    expect(created.status).toBe(201);
  });

  it('measures the minimum in code points: seven emoji are too short, eight are enough', async () => {
    const short = await signup('\u{1F511}'.repeat(7));
    expect(short.status).toBe(400);
    expect(short.json.error.fields).toEqual({ password: ['must be at least 8 characters'] });
    expect((await signup('\u{1F511}'.repeat(8))).status).toBe(201);
  });
});

describe('128 characters, never truncated', () => {
  // 128 code points, 192 UTF-16 units and more bytes: the limit counts characters.
  const password128 = `${'\u{1F512}'.repeat(64)}${'p'.repeat(63)}!`;
  const prefix127 = [...password128].slice(0, 127).join('');

  it('signs up and logs in with a 128-character password, and its 127-character prefix does not log in', async () => {
    expect(codePointLength(password128)).toBe(128);
    expect(password128.length).toBe(192);
    const email = `${unique('long')}@example.com`;
    expect((await signup(password128, email)).status).toBe(201);

    expect((await login(email, password128)).status).toBe(200);
    const truncated = await login(email, prefix127);
    expect(truncated.status).toBe(401);
    expect(truncated.json.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('refuses 129 characters at sign-up and at log-in instead of cutting them', async () => {
    const password129 = `${password128}x`;
    const res = await signup(password129);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('VALIDATION_FAILED');
    expect(res.json.error.fields).toEqual({ password: ['must be at most 128 characters'] });

    const email = `${unique('long')}@example.com`;
    expect((await signup(password128, email)).status).toBe(201);
    const longer = await login(email, password129);
    expect(longer.status).toBe(400);
    expect(longer.json.error.fields).toEqual({ password: ['must be at most 128 characters'] });
  });

  it('accepts a 128-character ASCII password and refuses its 127-character prefix', async () => {
    const ascii = `${'0123456789abcdef'.repeat(8).slice(0, 127)}Z`;
    expect(ascii).toHaveLength(128);
    const email = `${unique('ascii')}@example.com`;
    expect((await signup(ascii, email)).status).toBe(201);
    expect((await login(email, ascii)).status).toBe(200);
    expect((await login(email, ascii.slice(0, 127))).status).toBe(401);
  });
});
