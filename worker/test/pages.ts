import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { loadConfig } from '../kernel/config.ts';
import { encodeCursor } from '../kernel/cursor.ts';
import { type CallOptions, call } from './client.ts';

type Item = { id: string } & Record<string, unknown>;

/**
 * Reads a cursor-paginated list to its end, `limit` items a page, checking each page's shape; the
 * items in the order the pages gave them, and how many pages it took.
 */
export async function readEveryPage(path: string, auth: CallOptions, limit: number) {
  const items: Item[] = [];
  let pages = 0;
  let cursor: string | null = null;
  do {
    const query: string = `${path.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = await call('GET', `${path}${query}`, auth);
    expect(page.status, page.text).toBe(200);
    expect(page.json.has_more).toBe(page.json.next_cursor !== null);
    expect(page.json.items.length).toBeLessThanOrEqual(limit);
    if (page.json.has_more) expect(page.json.items).toHaveLength(limit);
    items.push(...page.json.items);
    cursor = page.json.next_cursor;
    pages++;
  } while (cursor && pages < 100);
  return { items, pages };
}

/**
 * The list's pages, `limit` at a time, hold every expected item exactly once over at least two
 * pages, and a forged cursor, a tampered one or another list's is refused with 400 `INVALID_CURSOR`.
 * Returns the items in page order, for the caller to check the order.
 */
export async function expectPagedList(path: string, auth: CallOptions, expectedIds: string[], limit = 2) {
  const { items, pages } = await readEveryPage(path, auth, limit);
  expect(pages).toBeGreaterThanOrEqual(2);
  const ids = items.map((i) => i.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect([...ids].sort()).toEqual([...expectedIds].sort());

  const first = await call('GET', `${path}${path.includes('?') ? '&' : '?'}limit=1`, auth);
  const own: string = first.json.next_cursor;
  const another = await encodeCursor(loadConfig(env).APP_SECRET, 'another-list', { value: 'x', id: crypto.randomUUID() });
  const tampered = `${own.startsWith('A') ? 'B' : 'A'}${own.slice(1)}`;
  for (const cursor of ['garbage', tampered, another]) {
    const refused = await call('GET', `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`, auth);
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe('INVALID_CURSOR');
  }
  return items;
}
