/**
 * The Standard Webhooks scheme (https://www.standardwebhooks.com): a secret is `whsec_` and base64 of
 * random bytes; a signature is `v1,` and base64 of HMAC-SHA256 over `{id}.{timestamp}.{body}` keyed by
 * those bytes. Several signatures (during a rotation) are separated by spaces.
 */
const SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;

const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
  try {
    return Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));
  } catch {
    return null;
  }
}

export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${base64(crypto.getRandomValues(new Uint8Array(SECRET_BYTES)))}`;
}

async function signOne(secret: string, content: string): Promise<string> {
  const keyBytes = fromBase64(secret.slice(SECRET_PREFIX.length));
  if (!secret.startsWith(SECRET_PREFIX) || !keyBytes) throw new Error('Not a webhook secret');
  const key = await crypto.subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(content)));
  return `v1,${base64(mac)}`;
}

/** The three headers of one attempt, signed with every given secret (current first). */
export async function signedHeaders(secrets: readonly string[], message: { id: string; timestamp: number; body: string }) {
  const content = `${message.id}.${message.timestamp}.${message.body}`;
  const signatures = await Promise.all(secrets.map((secret) => signOne(secret, content)));
  return {
    'webhook-id': message.id,
    'webhook-timestamp': String(message.timestamp),
    'webhook-signature': signatures.join(' '),
  };
}
