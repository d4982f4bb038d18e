import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { describe, expect, it } from 'vitest';
import { hashBackupCode, newBackupCode, normalizeBackupCode } from './backup-codes.ts';
import { decryptTotpSecret, encryptTotpSecret, matchTotpStep, newTotpSecret, totpAt, totpSecretText, totpStepAt, totpUri } from './totp.ts';

const rfcKey = new TextEncoder().encode('12345678901234567890');
const appSecret = 'unit-test-secret-unit-test-secret-0123';

describe('RFC 6238 (TOTP) and RFC 4226 (HOTP) test vectors', () => {
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('at T=%i the SHA-1 code is %s', (seconds, code) => {
    expect(totpAt(rfcKey, seconds * 1000, 8)).toBe(code);
  });

  it('derives the same HOTP values as RFC 4226 appendix D', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, counter) => generateHOTP(rfcKey, BigInt(counter), 6))).toEqual(expected);
  });
});

describe('matching a code to its time step', () => {
  const now = 1_700_000_000_000;
  const step = totpStepAt(now);
  const codeAt = (offset: number) => generateHOTP(rfcKey, BigInt(step + offset), 6);

  it('accepts the current step and one on either side, nothing further', () => {
    expect(matchTotpStep(rfcKey, codeAt(0), now)).toBe(step);
    expect(matchTotpStep(rfcKey, codeAt(-1), now)).toBe(step - 1);
    expect(matchTotpStep(rfcKey, codeAt(1), now)).toBe(step + 1);
    expect(matchTotpStep(rfcKey, codeAt(-2), now)).toBeNull();
    expect(matchTotpStep(rfcKey, codeAt(2), now)).toBeNull();
  });

  it('refuses anything but six digits', () => {
    expect(matchTotpStep(rfcKey, ` ${codeAt(0)}`, now)).toBeNull();
    expect(matchTotpStep(rfcKey, codeAt(0).slice(0, 5), now)).toBeNull();
    expect(matchTotpStep(rfcKey, 'abcdef', now)).toBeNull();
  });
});

describe('the secret at rest', () => {
  it('round-trips through AES-GCM, bound to the person', async () => {
    const secret = newTotpSecret();
    expect(secret).toHaveLength(20);
    const sealed = await encryptTotpSecret(appSecret, 'user-a', secret);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain(totpSecretText(secret));
    expect(await decryptTotpSecret(appSecret, 'user-a', sealed)).toEqual(secret);
    await expect(decryptTotpSecret(appSecret, 'user-b', sealed)).rejects.toThrow();
    await expect(decryptTotpSecret(`${appSecret}-other`, 'user-a', sealed)).rejects.toThrow();
    // A fresh IV each time: the same secret never seals to the same text.
    expect(await encryptTotpSecret(appSecret, 'user-a', secret)).not.toBe(sealed);
  });

  it('names the issuer, account and parameters in the otpauth URI', () => {
    const secret = newTotpSecret();
    const uri = new URL(totpUri('Edge SaaS', 'ada@example.com', secret));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Edge SaaS:ada@example.com');
    expect(uri.searchParams.get('issuer')).toBe('Edge SaaS');
    expect(uri.searchParams.get('period')).toBe('30');
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(decodeBase32IgnorePadding(uri.searchParams.get('secret') ?? '')).toEqual(secret);
  });
});

describe('backup codes', () => {
  it('are ten symbols of Crockford base32 in two groups, and differ', () => {
    const codes = Array.from({ length: 50 }, newBackupCode);
    for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
    expect(new Set(codes).size).toBe(50);
  });

  it('hash the same whatever the case, spacing or look-alike letters', async () => {
    const hash = await hashBackupCode(appSecret, 'ab01c-d2e3f');
    expect(normalizeBackupCode(' AB0I C-D2E3F ')).toBe('ab01cd2e3f');
    expect(await hashBackupCode(appSecret, 'ABOlC D2E3F')).toBe(hash);
    expect(await hashBackupCode(appSecret, 'ab01c-d2e3g')).not.toBe(hash);
    expect(await hashBackupCode(`${appSecret}x`, 'ab01c-d2e3f')).not.toBe(hash);
  });
});
