import { isoBase64URL, isoCBOR } from '@simplewebauthn/server/helpers';

const encoder = new TextEncoder();
const b64 = (bytes: Uint8Array) => isoBase64URL.fromBuffer(bytes as Uint8Array<ArrayBuffer>);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};
const sha256 = async (bytes: Uint8Array) => new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
const uint32 = (n: number) => new Uint8Array([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);

/** An ECDSA signature as WebAuthn carries it: ASN.1 DER, not WebCrypto's raw r‖s. */
function derSignature(raw: Uint8Array): Uint8Array {
  const integer = (bytes: Uint8Array) => {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start++;
    const trimmed = bytes.slice(start);
    const body = (trimmed[0] ?? 0) & 0x80 ? concat(new Uint8Array([0]), trimmed) : trimmed;
    return concat(new Uint8Array([0x02, body.length]), body);
  };
  const r = integer(raw.slice(0, 32));
  const s = integer(raw.slice(32));
  return concat(new Uint8Array([0x30, r.length + s.length]), r, s);
}

export interface Ceremony {
  origin: string;
  rpId: string;
  userVerified?: boolean;
}

/**
 * A software authenticator speaking WebAuthn's data formats (RFC 8152 COSE keys, CBOR attestation
 * objects, ES256 signatures), so the server library is tested against well-formed responses
 * without a browser. The browser test uses Chromium's virtual authenticator instead.
 */
export class SoftAuthenticator {
  readonly credentialId = crypto.getRandomValues(new Uint8Array(16));
  private counter = 0;
  private userHandle: string | undefined;

  private constructor(private readonly keys: CryptoKeyPair) {}

  static async create() {
    const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    return new SoftAuthenticator(keys);
  }

  get id() {
    return b64(this.credentialId);
  }

  private async coseKey() {
    const jwk = (await crypto.subtle.exportKey('jwk', this.keys.publicKey)) as JsonWebKey;
    return isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, isoBase64URL.toBuffer(jwk.x ?? '')],
        [-3, isoBase64URL.toBuffer(jwk.y ?? '')],
      ]),
    );
  }

  private flags(userVerified: boolean, attested: boolean) {
    return new Uint8Array([0x01 | (userVerified ? 0x04 : 0) | (attested ? 0x40 : 0)]);
  }

  async register(options: { challenge?: unknown; user?: { id?: string } }, ceremony: Ceremony) {
    this.userHandle = options.user?.id;
    const clientData = encoder.encode(
      JSON.stringify({ type: 'webauthn.create', challenge: options.challenge, origin: ceremony.origin, crossOrigin: false }),
    );
    const attested = concat(new Uint8Array(16), new Uint8Array([0, this.credentialId.length]), this.credentialId, await this.coseKey());
    const authData = concat(
      await sha256(encoder.encode(ceremony.rpId)),
      this.flags(ceremony.userVerified ?? true, true),
      uint32(this.counter),
      attested,
    );
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Uint8Array | Map<string, string>>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, string>()],
        ['authData', authData as Uint8Array],
      ]),
    );
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key' as const,
      response: { clientDataJSON: b64(clientData), attestationObject: b64(attestationObject), transports: ['internal'] },
      clientExtensionResults: {},
    };
  }

  async authenticate(options: { challenge?: unknown }, ceremony: Ceremony) {
    this.counter += 1;
    const clientData = encoder.encode(JSON.stringify({ type: 'webauthn.get', challenge: options.challenge, origin: ceremony.origin }));
    const authData = concat(
      await sha256(encoder.encode(ceremony.rpId)),
      this.flags(ceremony.userVerified ?? true, false),
      uint32(this.counter),
    );
    const signed = concat(authData, await sha256(clientData));
    const raw = new Uint8Array(
      await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, this.keys.privateKey, signed as Uint8Array<ArrayBuffer>),
    );
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key' as const,
      response: {
        clientDataJSON: b64(clientData),
        authenticatorData: b64(authData),
        signature: b64(derSignature(raw)),
        ...(this.userHandle ? { userHandle: this.userHandle } : {}),
      },
      clientExtensionResults: {},
    };
  }
}
