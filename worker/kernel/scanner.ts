/** What a malware scan concluded. `infected` names the signature the scanner matched. */
export type ScanVerdict = { verdict: 'clean' } | { verdict: 'infected'; signature: string };

/**
 * The malware-scanning seam for uploaded files. Implementations (`adapters/scanner/`): a ClamAV REST
 * service over HTTP (production) and an EICAR detector (development and tests), chosen by `SCANNER`
 * in `wiring.ts`. A scanner that cannot decide throws; the scan job is then retried, and the file
 * stays undownloadable meanwhile.
 */
export interface Scanner {
  scan(file: { body: ReadableStream<Uint8Array>; name: string; size: number }): Promise<ScanVerdict>;
}
