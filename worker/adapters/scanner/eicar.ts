import type { Scanner, ScanVerdict } from '../../kernel/scanner.ts';

/**
 * The EICAR anti-malware test file's 68-character signature. Scanners report any file that starts
 * with it (optionally followed by whitespace, up to 128 bytes in all) as infected; so does this one.
 */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';
const MAX_EICAR_FILE = 128;

/**
 * The development and test scanner: finds the EICAR test file, nothing else. Refused outside
 * development and tests (`kernel/config.ts`), so a deployment never mistakes it for protection.
 */
export class EicarScanner implements Scanner {
  async scan(file: { body: ReadableStream<Uint8Array>; size: number }): Promise<ScanVerdict> {
    if (file.size < EICAR.length || file.size > MAX_EICAR_FILE) {
      await file.body.cancel();
      return { verdict: 'clean' };
    }
    const text = new TextDecoder('latin1').decode(await new Response(file.body).arrayBuffer());
    const infected = text.startsWith(EICAR) && /^\s*$/.test(text.slice(EICAR.length));
    return infected ? { verdict: 'infected', signature: 'Eicar-Test-Signature' } : { verdict: 'clean' };
  }
}
