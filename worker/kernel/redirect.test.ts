import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from './redirect.ts';

describe('safeRedirectPath', () => {
  const kept: Array<[input: string, expected: string]> = [
    ['/', '/'],
    ['/dashboard', '/dashboard'],
    ['/w/acme/projects?tab=open&page=2#recent', '/w/acme/projects?tab=open&page=2#recent'],
    ['/search?q=a%20b', '/search?q=a%20b'],
    ['/files/a%2Fb', '/files/a%2Fb'],
    ['/a/./b/../c', '/a/c'],
    ['/../dashboard', '/dashboard'],
    ['/caf\u00e9', '/caf%C3%A9'],
    ['/next?return_to=//evil.com', '/next?return_to=//evil.com'],
    ['/page#//evil.com', '/page#//evil.com'],
    ['/time:12:00', '/time:12:00'],
  ];

  it.each(kept)('keeps the same-origin path %j', (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });

  const refused: Array<[why: string, input: unknown]> = [
    ['protocol-relative', '//evil.com'],
    ['protocol-relative with a path', '//evil.com/login'],
    ['three slashes', '///evil.com'],
    ['slash backslash', '/\\evil.com'],
    ['two backslashes', '\\\\evil.com'],
    ['backslash slash', '\\/evil.com'],
    ['backslash later in the path', '/a\\..\\\\evil.com'],
    ['encoded slashes after a slash', '/%2F%2Fevil.com'],
    ['lower-case encoded slashes', '/%2f%2fevil.com'],
    ['encoded slash after a slash', '/%2Fevil.com'],
    ['encoded backslash after a slash', '/%5Cevil.com'],
    ['lower-case encoded backslash', '/%5cevil.com'],
    ['encoded slashes only', '%2F%2Fevil.com'],
    ['double-encoded slashes', '/%252F%252Fevil.com'],
    ['triple-encoded slashes', '/%25252F%25252Fevil.com'],
    ['encoded newline', '/%0A/evil.com'],
    ['broken percent escape', '/%E0%A4%A'],
    ['absolute https URL', 'https://evil.com'],
    ['absolute http URL', 'http://evil.com/path'],
    ['look-alike host', 'http://app.example.com.evil.com/'],
    ['same-looking host without scheme', 'app.example.com.evil.com'],
    ['credentials in a URL', 'https://app.example.com@evil.com/'],
    ['scheme without slashes', 'http:evil.com'],
    ['javascript: scheme', 'javascript:alert(1)'],
    ['mixed-case javascript: scheme', 'JaVaScRiPt:alert(document.cookie)'],
    ['javascript: after whitespace', ' javascript:alert(1)'],
    ['javascript: split by a tab', 'java\tscript:alert(1)'],
    ['data: URL', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
    ['vbscript: scheme', 'vbscript:msgbox(1)'],
    ['tab inside', '/\t/evil.com'],
    ['newline inside', '/\n/evil.com'],
    ['carriage return inside', '/\r/evil.com'],
    ['null byte', '/\u0000/evil.com'],
    ['leading space before //', ' //evil.com'],
    ['dot segment to //', '/..//evil.com'],
    ['dot segments to //', '/a/../..//evil.com'],
    ['single dot to //', '/.//evil.com'],
    ['encoded dot segment to //', '/%2e%2e//evil.com'],
    ['encoded dot segment and slash', '/%2E%2E/%2Fevil.com'],
    ['relative path', 'dashboard'],
    ['dot-relative path', './dashboard'],
    ['query only', '?next=/x'],
    ['empty string', ''],
    ['too long', `/${'a'.repeat(2048)}`],
    ['undefined', undefined],
    ['null', null],
    ['number', 42],
    ['array', ['/dashboard']],
    ['object', { toString: () => '/dashboard' }],
  ];

  it.each(refused)('collapses %s to /', (_why, input) => {
    expect(safeRedirectPath(input)).toBe('/');
  });

  it('always answers a path with exactly one leading slash', () => {
    for (const [, input] of refused) expect(safeRedirectPath(input)).toMatch(/^\/(?![/\\])/);
    for (const [input] of kept) expect(safeRedirectPath(input)).toMatch(/^\/(?![/\\])/);
  });
});
