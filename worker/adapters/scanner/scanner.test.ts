import { describe, expect, it } from 'vitest';
import { ClamAvHttpScanner } from './clamav-http.ts';
import { EICAR, EicarScanner } from './eicar.ts';

const streamOf = (text: string) => new Response(text).body as ReadableStream<Uint8Array>;
const file = (text: string) => ({ body: streamOf(text), name: 'report.pdf', size: new TextEncoder().encode(text).byteLength });

/**
 * clamav-rest's `POST /v2/scan` as its README documents it: the file as the multipart part `file`;
 * 200 `[{"Status":"OK",…}]`, 406 `[{"Status":"FOUND","Description":<signature>,…}]`. It reads the
 * form the adapter really sent, and records it.
 */
function clamAvRest(received: Array<{ url: string; authorization: string | null; fileName: string; text: string }>, status?: number) {
  return async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const form = await request.formData();
    const part = form.get('file');
    if (!(part instanceof File)) return Response.json({ error: 'Filename is missing in MimePart' }, { status: 422 });
    const text = await part.text();
    received.push({ url: request.url, authorization: request.headers.get('authorization'), fileName: part.name, text });
    if (status) return new Response('ClamAV returned general error for file', { status });
    return text.startsWith(EICAR)
      ? Response.json([{ Status: 'FOUND', Description: 'Win.Test.EICAR_HDB-1', FileName: part.name }], { status: 406 })
      : Response.json([{ Status: 'OK', Description: '', FileName: part.name }], { status: 200 });
  };
}

describe('ClamAvHttpScanner (clamav-rest /v2/scan)', () => {
  it('sends the bytes as the form part `file` with a neutral name and the bearer token, and reads the verdict', async () => {
    const received: Parameters<typeof clamAvRest>[0] = [];
    const scanner = new ClamAvHttpScanner({ url: 'https://scanner.internal/v2/scan', token: 'scan-token', fetch: clamAvRest(received) });
    expect(await scanner.scan(file('%PDF-1.7 harmless'))).toEqual({ verdict: 'clean' });
    expect(await scanner.scan(file(EICAR))).toEqual({ verdict: 'infected', signature: 'Win.Test.EICAR_HDB-1' });
    expect(received).toEqual([
      { url: 'https://scanner.internal/v2/scan', authorization: 'Bearer scan-token', fileName: 'upload.bin', text: '%PDF-1.7 harmless' },
      { url: 'https://scanner.internal/v2/scan', authorization: 'Bearer scan-token', fileName: 'upload.bin', text: EICAR },
    ]);
  });

  it.each([400, 412, 413, 500, 502])('throws on %i, so the job retries and the file stays unavailable', async (status) => {
    const scanner = new ClamAvHttpScanner({ url: 'https://scanner.internal/v2/scan', fetch: clamAvRest([], status) });
    await expect(scanner.scan(file('anything'))).rejects.toThrow(`The scanner answered ${status}`);
  });

  it('throws on a 200 without a verdict', async () => {
    const scanner = new ClamAvHttpScanner({ url: 'https://scanner.internal/v2/scan', fetch: async () => new Response('[]') });
    await expect(scanner.scan(file('anything'))).rejects.toThrow('The scanner gave no verdict');
  });
});

describe('EicarScanner', () => {
  it('finds the EICAR test file, with trailing whitespace, and nothing else', async () => {
    const scanner = new EicarScanner();
    expect(await scanner.scan(file(EICAR))).toEqual({ verdict: 'infected', signature: 'Eicar-Test-Signature' });
    expect(await scanner.scan(file(`${EICAR}\r\n`))).toEqual({ verdict: 'infected', signature: 'Eicar-Test-Signature' });
    expect(await scanner.scan(file(`${EICAR} and more`))).toEqual({ verdict: 'clean' });
    expect(await scanner.scan(file('plain text'))).toEqual({ verdict: 'clean' });
  });
});
