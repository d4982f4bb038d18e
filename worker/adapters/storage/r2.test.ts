import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { R2Storage } from './r2.ts';

const MiB = 1024 * 1024;

/** A stream of unknown length: `total` bytes in chunks of `chunk` bytes, byte i being i % 251. */
function byteStream(total: number, chunk = 64 * 1024) {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const n = Math.min(chunk, total - sent);
      controller.enqueue(Uint8Array.from({ length: n }, (_, i) => (sent + i) % 251));
      sent += n;
    },
  });
}

async function bytesOf(stream: ReadableStream<Uint8Array>) {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const key = (name: string) => `test/${crypto.randomUUID()}/${name}`;

describe('R2 storage', () => {
  const storage = new R2Storage(env.FILES, { partBytes: 5 * MiB });

  it('writes a string and reads it back with its type and size; deletes it', async () => {
    const k = key('hello.txt');
    await storage.put(k, 'héllo\n', { contentType: 'text/plain' });
    const object = await storage.get(k);
    expect(object?.contentType).toBe('text/plain');
    expect(object?.size).toBe(7);
    expect(await new Response(object?.body).text()).toBe('héllo\n');
    await storage.delete(k);
    expect(await storage.get(k)).toBeNull();
  });

  it('writes a short stream of unknown length in one put, an empty one too', async () => {
    const k = key('short.bin');
    await storage.put(k, byteStream(100_000, 7_000), { contentType: 'application/octet-stream' });
    const object = await storage.get(k);
    expect(object?.size).toBe(100_000);
    const bytes = await bytesOf(object?.body as ReadableStream<Uint8Array>);
    expect(bytes.every((b, i) => b === i % 251)).toBe(true);

    const empty = key('empty.bin');
    await storage.put(empty, byteStream(0), { contentType: 'application/octet-stream' });
    expect((await storage.get(empty))?.size).toBe(0);
  });

  it('writes a stream longer than one part through a multipart upload, byte for byte', async () => {
    const k = key('long.bin');
    const total = 11 * MiB + 12_345;
    await storage.put(k, byteStream(total, 300_000), { contentType: 'application/x-ndjson' });
    const object = await storage.get(k);
    expect(object?.size).toBe(total);
    expect(object?.contentType).toBe('application/x-ndjson');
    const bytes = await bytesOf(object?.body as ReadableStream<Uint8Array>);
    expect(bytes.length).toBe(total);
    expect(bytes.every((b, i) => b === i % 251)).toBe(true);
  });

  it('leaves no object behind when the stream fails midway', async () => {
    const k = key('broken.bin');
    let sent = 0;
    const failing = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 6 * MiB) return controller.error(new Error('source failed'));
        controller.enqueue(new Uint8Array(MiB));
        sent += MiB;
      },
    });
    await expect(storage.put(k, failing, { contentType: 'application/octet-stream' })).rejects.toThrow('source failed');
    expect(await storage.get(k)).toBeNull();
  });

  it('returns null for a missing key', async () => {
    expect(await storage.get(key('missing'))).toBeNull();
  });
});
