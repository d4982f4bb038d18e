/** The few pieces of the PostgreSQL frontend/backend protocol (v3) this server needs. */

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

export const TERMINATE = 0x58; // 'X'
const QUERY = 0x51; // 'Q'
const SYNC = 0x53; // 'S'
const READY_FOR_QUERY = 0x5a; // 'Z'
const IDLE = 0x49; // 'I'

export type FrontendMessage =
  /** SSLRequest or GSSENCRequest: answered with 'N' (no encryption), never forwarded. */
  | { kind: 'encryption-request' }
  | { kind: 'cancel-request' }
  | { kind: 'startup'; bytes: Uint8Array }
  | { kind: 'typed'; type: number; bytes: Uint8Array };

/**
 * Splits a client's byte stream into messages. Before startup, messages have no type byte
 * (SSLRequest, GSSENCRequest, CancelRequest, StartupMessage); afterwards every message does.
 */
export class FrontendFramer {
  #buffer: Buffer = Buffer.alloc(0);
  #started = false;

  push(chunk: Buffer): FrontendMessage[] {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    const messages: FrontendMessage[] = [];
    for (;;) {
      const message = this.#next();
      if (!message) return messages;
      messages.push(message);
    }
  }

  #next(): FrontendMessage | undefined {
    const buffer = this.#buffer;
    if (this.#started) {
      if (buffer.length < 5) return undefined;
      const length = 1 + buffer.readInt32BE(1);
      if (length < 5) throw new Error('malformed message length');
      if (buffer.length < length) return undefined;
      this.#buffer = buffer.subarray(length);
      return { kind: 'typed', type: buffer[0] ?? 0, bytes: copy(buffer.subarray(0, length)) };
    }
    if (buffer.length < 8) return undefined;
    const length = buffer.readInt32BE(0);
    if (length < 8) throw new Error('malformed startup message length');
    if (buffer.length < length) return undefined;
    const code = buffer.readInt32BE(4);
    this.#buffer = buffer.subarray(length);
    if (code === SSL_REQUEST || code === GSSENC_REQUEST) return { kind: 'encryption-request' };
    if (code === CANCEL_REQUEST) return { kind: 'cancel-request' };
    this.#started = true;
    return { kind: 'startup', bytes: copy(buffer.subarray(0, length)) };
  }
}

function copy(bytes: Buffer): Uint8Array {
  return new Uint8Array(bytes);
}

export function queryMessage(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`, 'utf8');
  const header = Buffer.alloc(5);
  header[0] = QUERY;
  header.writeInt32BE(4 + text.length, 1);
  return new Uint8Array(Buffer.concat([header, text]));
}

export const syncMessage = new Uint8Array([SYNC, 0, 0, 0, 4]);

/**
 * Watches a backend response stream and tells whether it ended with ReadyForQuery('I'),
 * i.e. the session is idle outside any transaction and may be handed to another client.
 * Every backend message ends with a NUL or a fixed-size field, and a response that reaches
 * ReadyForQuery ends with it, so looking at the last six bytes is enough.
 */
export class ReadyForQueryWatcher {
  #tail: number[] = [];

  observe(chunk: Uint8Array): void {
    for (const byte of chunk.subarray(Math.max(0, chunk.length - 6))) {
      this.#tail.push(byte);
      if (this.#tail.length > 6) this.#tail.shift();
    }
  }

  get endedIdle(): boolean {
    const [type, l0, l1, l2, l3, status] = this.#tail;
    return type === READY_FOR_QUERY && l0 === 0 && l1 === 0 && l2 === 0 && l3 === 5 && status === IDLE;
  }
}
