import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import { AppError } from '../kernel/errors.ts';

const methodsWithBody = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const jsonType = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const wholeNumber = /^\d+$/;
// A `\u0000` escape: preceded by an even number of backslashes (after an odd number, the backslash
// before `u0000` is itself escaped and the string holds the text "\u0000", which is fine).
const escapedNul = /(?:^|[^\\])(?:\\\\)*\\u0000/;
// Holds no state between whole-input decodes, so one serves every request.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

async function readLimited(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new AppError('PAYLOAD_TOO_LARGE', `Request body exceeds ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * The API speaks JSON only. A body must be declared JSON (415), fit the limit whether or not a
 * Content-Length was sent (413), be valid UTF-8 without NUL characters and parse (400). The checked
 * text is handed to the validators through Hono's body cache, so the body is read once.
 */
export function jsonBody() {
  return createMiddleware<AppEnv>(async function jsonBody(c, next) {
    const raw = c.req.raw;
    if (!methodsWithBody.has(raw.method) || raw.body === null || raw.headers.get('content-length') === '0') {
      return next();
    }
    const maxBytes = c.get('config').MAX_BODY_BYTES;
    if (!jsonType.test(raw.headers.get('content-type') ?? '')) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
    }
    const declared = raw.headers.get('content-length');
    const declaredLength = declared !== null && wholeNumber.test(declared) ? Number(declared) : null;
    if (declaredLength !== null && declaredLength > maxBytes) {
      throw new AppError('PAYLOAD_TOO_LARGE', `Request body exceeds ${maxBytes} bytes`);
    }
    // HTTP framing ends a body at its declared length, so one read suffices; a body sent without
    // one (chunked) is read piece by piece and cut off at the limit.
    const bytes = declaredLength === null ? await readLimited(raw.body, maxBytes) : new Uint8Array(await raw.arrayBuffer());
    if (bytes.byteLength > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `Request body exceeds ${maxBytes} bytes`);
    let text: string;
    try {
      text = strictUtf8.decode(bytes);
    } catch {
      throw new AppError('INVALID_ENCODING', 'Request body is not valid UTF-8');
    }
    if (text.includes('\u0000') || escapedNul.test(text)) {
      throw new AppError('INVALID_ENCODING', 'Request body must not contain NUL characters');
    }
    if (text.trim() !== '') {
      try {
        JSON.parse(text);
      } catch {
        throw new AppError('MALFORMED_JSON', 'Request body is not valid JSON');
      }
    }
    // Hono's body cache holds promises at run time although its type says otherwise.
    (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve(text);
    await next();
  });
}
