/**
 * Security headers on every HTML answer: the web app's pages (static assets, whose headers come from
 * web/public/_headers) and the Worker's own pages. e2e/run.ts fails any scenario whose pages report a
 * Content-Security-Policy violation; the last step shows that such a violation is seen.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { ConsoleMessage } from 'playwright-core';
import type { Step } from './helpers.ts';

const appPages = ['/', '/login', '/signup', '/settings/sessions', '/settings/security', '/w/some-workspace/members', '/favicon.svg'];
/** Pages that carry a token in their path or read one from a mailed link. */
const tokenPages = [
  `/invites/${randomBytes(24).toString('base64url')}`,
  '/login/link',
  '/reset-password',
  '/verify-email',
  '/magic-link',
  '/confirm-email-change',
];
const workerPages = ['/api/v1/docs', '/dev/inbox'];

async function headersOf(baseUrl: string, path: string): Promise<Headers> {
  const response = await fetch(`${baseUrl}${path}`, { signal: AbortSignal.timeout(15_000) });
  assert.equal(response.status, 200, `${path} answered ${response.status}`);
  await response.arrayBuffer();
  return response.headers;
}

function assertFramedByNobodyAndSniffedNever(path: string, headers: Headers): void {
  assert.equal(headers.get('x-frame-options'), 'DENY', `${path}: X-Frame-Options`);
  assert.equal(headers.get('x-content-type-options'), 'nosniff', `${path}: X-Content-Type-Options`);
  const policy = headers.get('content-security-policy') ?? '';
  assert.match(policy, /frame-ancestors 'none'/, `${path}: frame-ancestors`);
  assert.match(policy, /default-src '(self|none)'/, `${path}: default-src`);
  assert.doesNotMatch(policy, /'unsafe-eval'/, `${path}: no eval`);
}

export const scenario: Step[] = [
  {
    name: "every page of the web app carries the security headers and a script policy of 'self' only",
    async run({ baseUrl }) {
      for (const path of appPages) {
        const headers = await headersOf(baseUrl, path);
        assertFramedByNobodyAndSniffedNever(path, headers);
        assert.match(headers.get('content-security-policy') ?? '', /script-src 'self'(;|$)/, `${path}: script-src`);
        assert.equal(headers.get('referrer-policy'), 'strict-origin-when-cross-origin', `${path}: Referrer-Policy`);
      }
    },
  },
  {
    name: 'pages with a token in their path or their link send no Referer',
    async run({ baseUrl }) {
      for (const path of tokenPages) {
        const headers = await headersOf(baseUrl, path);
        assertFramedByNobodyAndSniffedNever(path, headers);
        assert.equal(headers.get('referrer-policy'), 'no-referrer', `${path}: Referrer-Policy`);
      }
    },
  },
  {
    name: "the Worker's own pages: the dev inbox runs no script, the API reference only the origin's",
    async run({ baseUrl }) {
      for (const path of workerPages) {
        const headers = await headersOf(baseUrl, path);
        assertFramedByNobodyAndSniffedNever(path, headers);
        const policy = headers.get('content-security-policy') ?? '';
        if (path === '/api/v1/docs') assert.match(policy, /script-src 'self';/, `${path}: script-src`);
        else assert.doesNotMatch(policy, /script-src/, `${path}: no script source`);
      }
    },
  },
  {
    name: 'an inline script injected into a page is refused and reported',
    async run({ page }) {
      // A page of its own: the violation it provokes must not count against this scenario.
      const probe = await page.context().newPage();
      try {
        const reports: string[] = [];
        probe.on('console', (message: ConsoleMessage) => {
          if (message.text().includes('Content Security Policy')) reports.push(message.text());
        });
        await probe.goto('/login');
        const ran = await probe.evaluate(`(() => {
          const script = document.createElement('script');
          script.textContent = 'window.__injected = true';
          document.body.append(script);
          return window.__injected === true;
        })()`);
        assert.equal(ran, false, 'the inline script ran');
        await probe.waitForTimeout(200);
        assert.ok(reports.length > 0, 'no violation was reported');
      } finally {
        await probe.close();
      }
    },
  },
];
