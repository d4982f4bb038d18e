import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

interface InboxMessage {
  tag: string | null;
  text: string;
}

/** The first link matching `pattern` in the newest mail of kind `tag` to `to`, waiting for it to arrive. */
export async function mailedLink(baseUrl: string, to: string, tag: string, pattern: RegExp): Promise<URL> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const response = await fetch(`${baseUrl}/api/dev/inbox?to=${encodeURIComponent(to)}`, { signal: AbortSignal.timeout(10_000) });
    const { data } = (await response.json()) as { data: InboxMessage[] };
    const link = pattern.exec(data.find((m) => m.tag === tag)?.text ?? '')?.[0];
    if (link) return new URL(link);
    assert.ok(Date.now() < deadline, `no ${tag} mail arrived for ${to}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Confirms the address of the signed-in person with the link mailed at sign-up, as they would. */
export async function confirmEmail(page: Page, baseUrl: string, email: string): Promise<void> {
  const link = await mailedLink(baseUrl, email, 'verify-email', /https?:\/\/\S+\/verify-email#token=[A-Za-z0-9_-]{43}/);
  await page.goto(`${link.pathname}${link.hash}`);
  await page.getByText('is verified').waitFor();
}
