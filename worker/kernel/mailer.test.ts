import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { parseMessage, parseRecipient, parseSender } from './mailer.ts';

function refusal(input: unknown): AppError {
  try {
    parseRecipient(input);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error(`accepted ${JSON.stringify(input)}`);
}

describe('parseRecipient', () => {
  const smuggling: Array<[string, unknown]> = [
    ['a quoted local part carrying a second address', '"a@x.com"@y.com'],
    ['a comma list', 'a@x.com,b@y.com'],
    ['a comma list with a space', 'a@x.com, b@y.com'],
    ['a semicolon list', 'a@x.com;b@y.com'],
    ['CR/LF and a Bcc header', 'a@x.com\r\nBcc: b@y.com'],
    ['a bare LF', 'a@x.com\nb@y.com'],
    ['a bare CR', 'a@x.com\rb@y.com'],
    ['an array of two', ['a@x.com', 'b@y.com']],
    ['an array of one', ['a@x.com']],
    ['an object', { address: 'a@x.com' }],
    ['a display name', 'A <a@x.com>'],
    ['angle brackets only', '<a@x.com>'],
    ['a group', 'undisclosed:a@x.com,b@y.com;'],
    ['a comment', 'a@x.com (b@y.com)'],
    ['a leading space', ' a@x.com'],
    ['a trailing space', 'a@x.com '],
    ['an inner space', 'a b@x.com'],
    ['a tab', 'a\t@x.com'],
    ['NUL', 'a@x.com\u0000b@y.com'],
    ['a no-break space', 'a\u00a0@x.com'],
    ['two @', 'a@b@y.com'],
    ['a percent source route', 'a%y.com@x.com'],
    ['a bang path', 'y.com!a@x.com'],
    ['a pipe', '|cmd@x.com'],
    ['a backslash', 'a\\@x.com'],
    ['no domain dot (no TLD)', 'a@localhost'],
    ['a numeric TLD', 'a@x.123'],
    ['a one-letter TLD', 'a@x.c'],
    ['an IP literal', 'a@[127.0.0.1]'],
    ['an empty local part', '@x.com'],
    ['an empty domain', 'a@'],
    ['no @', 'a.x.com'],
    ['a leading dot', '.a@x.com'],
    ['two dots', 'a..b@x.com'],
    ['a trailing dot in the local part', 'a.@x.com'],
    ['an empty domain label', 'a@x..com'],
    ['a trailing dot in the domain', 'a@x.com.'],
    ['a hyphen-edged label', 'a@-x.com'],
    ['an underscore in the domain', 'a@x_y.com'],
    ['non-ASCII', 'ä@x.com'],
    ['an encoded word', '=?utf-8?q?a?=@x.com'.replace('?=', '?= ')],
    ['a local part over 64', `${'a'.repeat(65)}@x.com`],
    ['an address over 254', `a@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(63)}.com`],
    ['the empty string', ''],
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
  ];

  it.each(smuggling)('refuses %s', (_, input) => {
    const error = refusal(input);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.status).toBe(400);
    expect(error.fields).toEqual({ to: ['must be exactly one plain address, like name@example.com'] });
    if (typeof input === 'string' && input) expect(error.message).not.toContain(input);
  });

  it.each([
    'a@x.com',
    'ada.lovelace@example.co.uk',
    'first+tag@sub.example.org',
    "o'brien@example.ie",
    'UPPER_case-1@Example.COM',
    'x@xn--bcher-kva.example',
    'a@b.xn--p1ai',
    `${'a'.repeat(64)}@example.com`,
  ])('accepts %s unchanged', (address) => {
    expect(parseRecipient(address)).toBe(address);
  });

  it('names the field it was given', () => {
    try {
      parseRecipient('nope', 'email');
    } catch (error) {
      expect((error as AppError).fields).toHaveProperty('email');
      return;
    }
    throw new Error('accepted');
  });
});

describe('parseSender', () => {
  it('accepts an address or "Name <address>"', () => {
    expect(parseSender('no-reply@example.com')).toBe('no-reply@example.com');
    expect(parseSender('Edge SaaS <no-reply@example.com>')).toBe('Edge SaaS <no-reply@example.com>');
  });

  it.each(['Edge <a@x.com>, b@y.com', 'A\r\nBcc: b@y.com <a@x.com>', '"A" <a@x.com>', 'A <a@x.com', 'a@x.com,b@y.com', ''])(
    'refuses %j',
    (value) => {
      expect(parseSender(value)).toBeNull();
    },
  );
});

describe('parseMessage', () => {
  const message = { to: 'a@x.com', subject: 'Hello', html: '<p>Hi</p>', text: 'Hi' };

  it('passes a sound message through with exactly its fields', () => {
    expect(parseMessage({ ...message, tag: 'welcome' })).toEqual({ ...message, tag: 'welcome' });
    expect(parseMessage(message)).toEqual(message);
  });

  it.each([
    ['a smuggling recipient', { ...message, to: 'a@x.com,b@y.com' }],
    ['an array recipient', { ...message, to: ['a@x.com', 'b@y.com'] as unknown as string }],
    ['a subject with CR/LF', { ...message, subject: 'Hi\r\nBcc: b@y.com' }],
    ['an empty subject', { ...message, subject: '  ' }],
    ['no text part', { ...message, text: '' }],
    ['no HTML part', { ...message, html: '' }],
    ['a tag with spaces', { ...message, tag: 'two words' }],
  ])('refuses %s', (_, input) => {
    expect(() => parseMessage(input)).toThrow(AppError);
  });
});
