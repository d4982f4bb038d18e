import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/errors.ts';
import { DevInboxMailer } from './dev-inbox.ts';
import { from, uniqueAddress } from './testing.ts';

const inbox = () => new DevInboxMailer(env.DEV_INBOX, from);

describe('DevInboxMailer', () => {
  it('stores each message and lists them newest first, by recipient', async () => {
    const to = uniqueAddress();
    const other = uniqueAddress();
    const first = await inbox().send({ to, subject: 'First', html: '<p>1</p>', text: '1', tag: 'welcome' });
    await inbox().send({ to: other, subject: 'Elsewhere', html: '<p>x</p>', text: 'x' });
    const second = await inbox().send({ to, subject: 'Second', html: '<p>2</p>', text: '2' });
    expect(first.id).toMatch(/^dev_[0-9a-f]{32}$/);

    const listed = await inbox().list({ to });
    expect(listed.map((m) => m.id)).toEqual([second.id, first.id]);
    expect(listed[1]).toMatchObject({ from, to, subject: 'First', html: '<p>1</p>', text: '1', tag: 'welcome' });
    expect(listed[0]?.tag).toBeNull();
    expect(Date.parse(listed[0]?.createdAt ?? '')).not.toBeNaN();

    // The address is compared case-insensitively; the full list holds both recipients.
    expect((await inbox().list({ to: to.toUpperCase() })).map((m) => m.id)).toEqual([second.id, first.id]);
    const all = await inbox().list({ limit: 10 });
    expect(all.slice(0, 3).map((m) => m.to)).toEqual([to, other, to]);

    expect(await inbox().get(first.id)).toMatchObject({ id: first.id, subject: 'First' });
    expect(await inbox().get('dev_missing')).toBeNull();
  });

  it('refuses a recipient that smuggles a second one and stores nothing', async () => {
    const marker = uniqueAddress();
    for (const to of [`${marker},b@y.com`, `${marker}\r\nBcc: b@y.com`, `A <${marker}>`]) {
      await expect(inbox().send({ to, subject: 'x', html: '<p>x</p>', text: 'x' })).rejects.toBeInstanceOf(AppError);
    }
    expect(await inbox().list({ to: marker })).toEqual([]);
  });
});
