import type { ObjectHead, Storage, StoredObject } from '../../kernel/storage.ts';

const MiB = 1024 * 1024;
/** R2's smallest part but the last; every part but the last must also have the same size. */
const MIN_PART_BYTES = 5 * MiB;

/**
 * Cuts a byte stream into parts of exactly `size` bytes (the last may be shorter), reading one part
 * ahead at most, so memory stays near one part whatever the stream's length.
 */
class PartReader {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #size: number;
  #chunks: Uint8Array[] = [];
  #buffered = 0;
  #ended = false;

  constructor(stream: ReadableStream<Uint8Array>, size: number) {
    this.#reader = stream.getReader();
    this.#size = size;
  }

  /** The next part and whether it is the last one. */
  async next(): Promise<{ bytes: Uint8Array; last: boolean }> {
    // Read past the part's end, so that we know whether anything follows it.
    while (!this.#ended && this.#buffered <= this.#size) {
      const { done, value } = await this.#reader.read();
      if (done) this.#ended = true;
      else if (value.byteLength > 0) {
        this.#chunks.push(value);
        this.#buffered += value.byteLength;
      }
    }
    const bytes = this.#take(Math.min(this.#size, this.#buffered));
    return { bytes, last: this.#ended && this.#buffered === 0 };
  }

  async cancel(reason: unknown): Promise<void> {
    await this.#reader.cancel(reason).catch(() => {});
  }

  #take(length: number): Uint8Array {
    const out = new Uint8Array(length);
    let offset = 0;
    while (offset < length) {
      const chunk = this.#chunks[0] as Uint8Array;
      const n = Math.min(chunk.byteLength, length - offset);
      out.set(chunk.subarray(0, n), offset);
      offset += n;
      if (n === chunk.byteLength) this.#chunks.shift();
      else this.#chunks[0] = chunk.subarray(n);
    }
    this.#buffered -= length;
    return out;
  }
}

/**
 * The `Storage` seam over an R2 bucket. R2 needs the length of a streamed body up front, so a stream
 * that fits in one part is buffered and written with one `put`; a longer one goes up as a multipart
 * upload of equal parts (aborted if anything fails, so no half-written object becomes visible).
 *
 * @example
 * const storage = new R2Storage(env.FILES);
 * await storage.put('reports/2026.ndjson', stream, { contentType: 'application/x-ndjson' });
 */
export class R2Storage implements Storage {
  readonly #bucket: R2Bucket;
  readonly #partBytes: number;

  constructor(bucket: R2Bucket, options: { partBytes?: number } = {}) {
    this.#bucket = bucket;
    this.#partBytes = Math.max(MIN_PART_BYTES, options.partBytes ?? 8 * MiB);
  }

  async put(key: string, body: ReadableStream<Uint8Array> | string, { contentType }: { contentType: string }) {
    const httpMetadata = { contentType };
    if (typeof body === 'string') {
      await this.#bucket.put(key, body, { httpMetadata });
      return;
    }
    const parts = new PartReader(body, this.#partBytes);
    let part = await parts.next();
    if (part.last) {
      await this.#bucket.put(key, part.bytes, { httpMetadata });
      return;
    }
    const upload = await this.#bucket.createMultipartUpload(key, { httpMetadata });
    try {
      const uploaded: R2UploadedPart[] = [];
      for (;;) {
        if (part.bytes.byteLength > 0 || uploaded.length === 0) {
          uploaded.push(await upload.uploadPart(uploaded.length + 1, part.bytes));
        }
        if (part.last) break;
        part = await parts.next();
      }
      await upload.complete(uploaded);
    } catch (error) {
      await parts.cancel(error);
      await upload.abort().catch(() => {});
      throw error;
    }
  }

  async get(key: string): Promise<StoredObject | null> {
    const object = await this.#bucket.get(key);
    if (!object) return null;
    return {
      body: object.body,
      contentType: object.httpMetadata?.contentType ?? 'application/octet-stream',
      size: object.size,
    };
  }

  async head(key: string): Promise<ObjectHead | null> {
    const object = await this.#bucket.head(key);
    if (!object) return null;
    const sha256 = object.checksums.sha256;
    return {
      size: object.size,
      contentType: object.httpMetadata?.contentType ?? null,
      sha256: sha256 ? [...new Uint8Array(sha256)].map((b) => b.toString(16).padStart(2, '0')).join('') : null,
    };
  }

  async delete(key: string): Promise<void> {
    await this.#bucket.delete(key);
  }

  /** Lists a page of keys under the prefix and deletes them in one call, until none is left. */
  async deletePrefix(prefix: string): Promise<number> {
    if (!prefix.endsWith('/')) throw new Error(`A prefix to delete must end in "/": ${prefix}`);
    let deleted = 0;
    for (;;) {
      const page = await this.#bucket.list({ prefix, limit: 1000 });
      if (page.objects.length === 0) return deleted;
      await this.#bucket.delete(page.objects.map((object) => object.key));
      deleted += page.objects.length;
    }
  }
}
