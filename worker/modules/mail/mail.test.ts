import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { Img } from '@react-email/img';
import { render } from '@react-email/render';
import { createElement, Fragment } from 'react';
import { describe, expect, it } from 'vitest';
import { appWithEveryRoute } from '../../app.ts';
import { loadConfig } from '../../kernel/config.ts';
import { requireMailer } from '../../kernel/mailer.ts';
import { call } from '../../test/client.ts';
import { postmarkUrl, receivedFor, resendUrl, uniqueAddress } from '../../adapters/mail/testing.ts';
import type { Bindings } from '../../env.ts';
import { wire } from '../../wiring.ts';
import { ActionLink, EmailLayout, Note, Paragraph } from './templates/layout.tsx';
import { loginLockedEmail } from './templates/login-locked.tsx';
import { magicLinkEmail } from './templates/magic-link.tsx';
import { passwordResetEmail } from './templates/password-reset.tsx';
import { renderEmail } from './templates/render.ts';
import { signupAttemptEmail } from './templates/signup-attempt.tsx';
import { verifyEmail } from './templates/verify-email.tsx';
import { welcomeEmail } from './templates/welcome.tsx';

const bindings = env as unknown as Bindings;

async function fetchWith(path: string, overrides: Record<string, unknown>) {
  const { NEON_LOCAL_PROXY: _, WEBHOOK_EXEMPT_ORIGINS: _exempt, ...rest } = bindings;
  const ctx = createExecutionContext();
  const response = await (await appWithEveryRoute()).fetch(
    new Request(`http://localhost:8787${path}`, { headers: { 'cf-connecting-ip': '10.201.0.1' } }),
    { ...rest, MAIL_FROM: 'Edge SaaS <no-reply@example.com>', ...overrides } as unknown as typeof env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return { status: response.status, text: await response.text() };
}

describe('welcome template (React Email, rendered inside workerd)', () => {
  it('has a subject, an HTML part in the shared layout and a plain-text part with the footer', async () => {
    const mail = await welcomeEmail({ name: 'Ada', appOrigin: 'https://app.example.com' });
    expect(mail.subject).toBe('Welcome to Edge SaaS, Ada');
    expect(mail.tag).toBe('welcome');
    expect(mail.html).toMatch(/^<!DOCTYPE html/);
    expect(mail.html).toContain('<title>Welcome to Edge SaaS, Ada</title>');
    expect(mail.html).toMatch(/Hi (<!-- -->)?Ada(<!-- -->)?,/);
    expect(mail.html).toContain('href="https://app.example.com/"');
    expect(mail.html).toContain('Your Edge SaaS account is ready.');
    expect(mail.text).toContain('Hi Ada,');
    expect(mail.text).toContain('Open Edge SaaS https://app.example.com/');
    expect(mail.text).toMatch(/\nEdge SaaS · https:\/\/app\.example\.com\/\n$/);
    expect(mail.text).not.toContain('<');
    // The preheader is for inbox previews only, not for the text part.
    expect(mail.text).not.toContain('Your Edge SaaS account is ready.\n\nHi');
  });

  it('escapes every interpolated value in the HTML and keeps the subject on one line', async () => {
    const name = '<script>alert("x")</script> & \'q\'\r\nBcc: evil@example.com';
    const mail = await welcomeEmail({ name, appOrigin: 'https://app.example.com' });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;q&#x27; Bcc: evil@example.com');
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.text).toContain('Hi <script>alert("x")</script> & \'q\' Bcc: evil@example.com,');
  });

  it('shares one layout across every template', async () => {
    const appOrigin = 'https://app.example.com';
    const token = 'A'.repeat(43);
    const all = await Promise.all([
      welcomeEmail({ name: 'Ada', appOrigin }),
      verifyEmail({ name: 'Ada', token, appOrigin }),
      passwordResetEmail({ token, appOrigin }),
      magicLinkEmail({ token, appOrigin }),
      loginLockedEmail({ until: new Date('2030-01-01T10:00:00Z'), appOrigin }),
      signupAttemptEmail({ appOrigin }),
    ]);
    expect(new Set(all.map((m) => m.tag)).size).toBe(6);
    for (const mail of all) {
      expect(mail.html).toContain('max-width:560px');
      expect(mail.html).toContain(`<title>${mail.subject}</title>`);
      expect(mail.text).toMatch(/\nEdge SaaS · https:\/\/app\.example\.com\/\n$/);
    }
    expect(all[1]?.text).toContain(`https://app.example.com/verify-email#token=${token}`);
    expect(all[2]?.text).toContain(`https://app.example.com/reset-password#token=${token}`);
    expect(all[3]?.text).toContain(`https://app.example.com/magic-link#token=${token}`);
    expect(all[4]?.text).toContain('2030-01-01 10:00 UTC');
  });
});

function BrokenPart(): never {
  throw new Error('broken template');
}

describe('renderEmail', () => {
  it("gives exactly what React Email's render gives, HTML and plain text, from one rendering", async () => {
    const appOrigin = 'https://app.example.com';
    const children = createElement(
      Fragment,
      null,
      createElement(Paragraph, null, 'Hello ', '<b>you</b>', ' ünïcødé 😀'),
      // An image makes React add a preload hint to the head, which neither renderer keeps.
      createElement(Img, { src: 'https://app.example.com/logo.png', alt: 'Logo', width: 40, height: 40 }),
      createElement(ActionLink, { label: 'Open it', href: `${appOrigin}/open#token=abc` }),
      createElement(Note, null, 'A note with a ', createElement('a', { href: 'mailto:help@example.com' }, 'help@example.com'), ' link.'),
    );
    const element = createElement(EmailLayout, { title: 'A <title> & more', preheader: 'Preview text', appOrigin, children });
    const mail = await renderEmail(element, { subject: 'A subject', tag: 'test' });
    expect(mail.html).toBe(await render(element));
    expect(mail.text).toBe(`${(await render(element, { plainText: true })).trim()}\n`);
    expect(mail.html).toContain('<img alt="Logo"');
    expect(mail.html).not.toMatch(/<link[^>]*rel="preload"/);
  });

  it('fails when a template throws, like React Email', async () => {
    const children = createElement(BrokenPart);
    const element = createElement(EmailLayout, { title: 't', preheader: 'p', appOrigin: 'https://app.example.com', children });
    await expect(render(element)).rejects.toThrow('broken template');
    await expect(renderEmail(element, { subject: 's', tag: 't' })).rejects.toThrow('broken template');
  });
});

describe('mailer wiring', () => {
  it('uses the dev inbox in tests by default, with its reader', () => {
    const services = wire(bindings, loadConfig(bindings));
    expect(services.mailer?.constructor.name).toBe('DevInboxMailer');
    expect(services.devInbox).toBe(services.mailer);
  });

  it.each([
    ['resend', resendUrl],
    ['postmark', postmarkUrl],
  ])('MAIL_PROVIDER=%s sends through that provider, with no dev inbox', async (provider, url) => {
    const copy = { ...bindings, MAIL_PROVIDER: provider };
    const services = wire(copy, loadConfig(copy));
    expect(services.devInbox).toBeUndefined();
    const to = uniqueAddress();
    await requireMailer(services.mailer).send({ to, ...(await welcomeEmail({ name: 'Ada', appOrigin: 'http://localhost:8787' })) });
    expect(await receivedFor(url as string, to)).toHaveLength(1);
  });
});

describe('dev inbox routes', () => {
  it('lists messages newest first as JSON, narrowed by ?to=, and reads one', async () => {
    const to = uniqueAddress();
    const mailer = requireMailer(wire(bindings, loadConfig(bindings)).mailer);
    const first = await mailer.send({ to, ...(await welcomeEmail({ name: 'Ada', appOrigin: 'http://localhost:8787' })) });
    const second = await mailer.send({ to, subject: 'Again', html: '<p>again</p>', text: 'again' });

    const list = await call('GET', `/api/dev/inbox?to=${encodeURIComponent(to)}`);
    expect(list.status).toBe(200);
    expect(list.json.data.map((m: { id: string }) => m.id)).toEqual([second.id, first.id]);
    expect(list.json.data[1]).toMatchObject({ to, subject: 'Welcome to Edge SaaS, Ada', tag: 'welcome' });

    const one = await call('GET', `/api/dev/inbox/${first.id}`);
    expect(one.status).toBe(200);
    expect(one.json).toMatchObject({ id: first.id, to });
    expect((await call('GET', '/api/dev/inbox/dev_missing')).status).toBe(404);
  });

  it('serves the HTML pages, escaping what the messages hold', async () => {
    const to = uniqueAddress();
    const mailer = requireMailer(wire(bindings, loadConfig(bindings)).mailer);
    const { id } = await mailer.send({ to, subject: '<b>bold</b> subject', html: '<p onclick="x()">hi</p>', text: 'plain <text>' });

    const page = await call('GET', `/dev/inbox?to=${encodeURIComponent(to)}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain('&lt;b&gt;bold&lt;/b&gt; subject');
    expect(page.text).toContain(`href="/dev/inbox/${id}"`);

    const message = await call('GET', `/dev/inbox/${id}`);
    expect(message.status).toBe(200);
    expect(message.text).toContain('<iframe sandbox="" title="HTML part" srcdoc="&lt;p onclick=&quot;x()&quot;&gt;hi&lt;/p&gt;">');
    expect(message.text).toContain('<pre>plain &lt;text&gt;</pre>');
  });

  it.each(['/api/dev/inbox', '/api/dev/inbox/dev_x', '/dev/inbox', '/dev/inbox/dev_x'])(
    'answers 404 for %s in production, and when mail goes to a real provider',
    async (path) => {
      const production = await fetchWith(path, { APP_ENV: 'production', MAIL_PROVIDER: 'resend' });
      expect(production.status).toBe(404);
      expect(JSON.parse(production.text).error.code).toBe('NOT_FOUND');
      const preview = await fetchWith(path, { APP_ENV: 'preview', MAIL_PROVIDER: 'postmark' });
      expect(preview.status).toBe(404);
      const testWithProvider = await fetchWith(path, { MAIL_PROVIDER: 'resend' });
      expect(testWithProvider.status).toBe(404);
    },
  );

  it('is refused in production even when configured by hand: the worker will not start with the dev inbox', async () => {
    const res = await fetchWith('/api/dev/inbox', { APP_ENV: 'production', MAIL_PROVIDER: 'dev-inbox' });
    expect(res.status).toBe(500);
    expect(JSON.parse(res.text).error).toMatchObject({ code: 'BAD_ENVIRONMENT' });
    expect(res.text).toContain('MAIL_PROVIDER=dev-inbox is for development and tests');
  });
});
