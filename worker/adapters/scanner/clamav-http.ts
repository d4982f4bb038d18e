import type { Scanner, ScanVerdict } from '../../kernel/scanner.ts';

/** One file's result as ajilach/clamav-rest's `/v2/scan` reports it. */
interface ClamAvResult {
  Status?: string;
  Description?: string;
}

/**
 * A ClamAV daemon behind an HTTP front, speaking the `POST /v2/scan` contract of clamav-rest
 * (github.com/ajilach/clamav-rest): the file as the `file` part of a multipart form; 200 with
 * `[{"Status":"OK"}]` when clean, 406 with `[{"Status":"FOUND","Description":"<signature>"}]`
 * when infected. Anything else (a scan error, a file over the service's limit, an outage) throws,
 * so the scan job retries and the file stays unavailable. Why this service: docs/decisions/045.
 */
export class ClamAvHttpScanner implements Scanner {
  readonly #url: string;
  readonly #token: string | undefined;
  readonly #fetch: typeof fetch;

  constructor(options: { url: string; token?: string | undefined; fetch?: typeof fetch }) {
    this.#url = options.url;
    this.#token = options.token;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  async scan(file: { body: ReadableStream<Uint8Array>; name: string }): Promise<ScanVerdict> {
    const form = new FormData();
    // The stored name is not needed by the scanner; a neutral one keeps it out of the service's logs.
    form.append('file', new Blob([await new Response(file.body).arrayBuffer()]), 'upload.bin');
    const headers: Record<string, string> = this.#token ? { authorization: `Bearer ${this.#token}` } : {};
    const response = await this.#fetch(this.#url, { method: 'POST', body: form, headers });
    const text = await response.text();
    if (response.status !== 200 && response.status !== 406) {
      throw new Error(`The scanner answered ${response.status}: ${text.slice(0, 200)}`);
    }
    const results = parseResults(text);
    const found = results.find((r) => r.Status === 'FOUND');
    if (response.status === 406 || found) return { verdict: 'infected', signature: found?.Description || 'unnamed signature' };
    if (results.length === 0 || results.some((r) => r.Status !== 'OK'))
      throw new Error(`The scanner gave no verdict: ${text.slice(0, 200)}`);
    return { verdict: 'clean' };
  }
}

function parseResults(text: string): ClamAvResult[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return (Array.isArray(parsed) ? parsed : [parsed]).filter((r): r is ClamAvResult => typeof r === 'object' && r !== null);
  } catch {
    return [];
  }
}
