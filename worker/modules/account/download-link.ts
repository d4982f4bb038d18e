import { base64url, fromBase64url, hmacKey } from '../../kernel/crypto.ts';

/** A download link works this long after it was handed out; the archive itself lives longer. */
export const DOWNLOAD_LINK_TTL_SECONDS = 15 * 60;

const encoder = new TextEncoder();
const signedText = (exportPublicId: string, expires: number) => `personal-export:${exportPublicId}:${expires}`;

/**
 * A link that downloads one export until `expires` (Unix seconds) without a session, so a plain
 * `<a href>` or a mail client can fetch it. HMAC-SHA-256 with `APP_SECRET` over the export id and
 * the expiry: neither can be changed without breaking the signature.
 */
export async function signDownloadLink(secret: string, exportPublicId: string, now = Date.now()) {
  const expires = Math.floor(now / 1000) + DOWNLOAD_LINK_TTL_SECONDS;
  const key = await hmacKey(secret);
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(signedText(exportPublicId, expires))));
  return {
    url: `/api/v1/exports/${exportPublicId}/download?expires=${expires}&signature=${base64url(signature)}`,
    expiresAt: new Date(expires * 1000).toISOString(),
  };
}

export type LinkCheck = 'valid' | 'invalid' | 'expired';

/** The signature is checked first, so an expiry is only believed when it was signed. */
export async function checkDownloadLink(
  secret: string,
  link: { exportPublicId: string; expires: number; signature: string },
  now = Date.now(),
): Promise<LinkCheck> {
  const signature = fromBase64url(link.signature);
  if (!signature) return 'invalid';
  const key = await hmacKey(secret);
  const ok = await crypto.subtle.verify('HMAC', key, signature, encoder.encode(signedText(link.exportPublicId, link.expires)));
  if (!ok) return 'invalid';
  return link.expires * 1000 <= now ? 'expired' : 'valid';
}
