/**
 * Verification of SigV4 presigned (query-string) requests the way R2's S3 API does it, for the
 * development endpoint (`dev-r2.routes.ts`). Deliberately ours and small: the signing side is
 * aws4fetch, so a test that passes here checks one implementation against another.
 * Reference: AWS "Authenticating Requests: Using Query Parameters (SigV4)".
 */

export interface S3Refusal {
  status: 400 | 403;
  code: 'AuthorizationQueryParametersError' | 'InvalidAccessKeyId' | 'AccessDenied' | 'SignatureDoesNotMatch';
  message: string;
}

const MAX_EXPIRES = 604_800;
/** How far the signing clock may run ahead of ours. */
const CLOCK_SKEW_MS = 15 * 60 * 1000;
const encoder = new TextEncoder();

const refuse = (status: S3Refusal['status'], code: S3Refusal['code'], message: string): S3Refusal => ({ status, code, message });

/** encodeURIComponent plus the characters RFC 3986 reserves and it leaves alone. */
const rfc3986 = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function canonicalUri(pathname: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    decoded = pathname;
  }
  return decoded.split('/').map(rfc3986).join('/');
}

function canonicalQuery(params: URLSearchParams): string {
  return [...params]
    .filter(([key]) => key !== 'X-Amz-Signature')
    .map(([key, value]) => [rfc3986(key), rfc3986(value)] as const)
    .sort(([k1, v1], [k2, v2]) => (k1 < k2 ? -1 : k1 > k2 ? 1 : v1 < v2 ? -1 : v1 > v2 ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
}

async function hmac(key: BufferSource, text: string): Promise<ArrayBuffer> {
  const cryptoKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(text));
}

const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');

function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

function signedAt(amzDate: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
}

/**
 * Checks a presigned request against the one key pair this endpoint knows: the algorithm, the
 * credential scope, the expiry, and the signature over the method, path, query and every signed
 * header as the request actually carries it. Null when it holds; otherwise S3's error for it.
 */
export async function verifyPresignedRequest(
  request: Request,
  credentials: { accessKeyId: string; secretAccessKey: string },
  now: number = Date.now(),
): Promise<S3Refusal | null> {
  const url = new URL(request.url);
  const q = url.searchParams;
  const algorithm = q.get('X-Amz-Algorithm');
  const credential = q.get('X-Amz-Credential');
  const amzDate = q.get('X-Amz-Date');
  const expires = q.get('X-Amz-Expires');
  const signedHeaders = q.get('X-Amz-SignedHeaders');
  const signature = q.get('X-Amz-Signature');
  if (!algorithm || !credential || !amzDate || !expires || !signedHeaders || !signature) {
    return refuse(400, 'AuthorizationQueryParametersError', 'Query-string authentication requires the X-Amz-* parameters');
  }
  if (algorithm !== 'AWS4-HMAC-SHA256') return refuse(400, 'AuthorizationQueryParametersError', 'Unsupported X-Amz-Algorithm');

  const scope = credential.split('/');
  const [accessKeyId, scopeDate, region, service, terminator] = scope;
  if (scope.length !== 5 || service !== 's3' || terminator !== 'aws4_request' || region === undefined) {
    return refuse(400, 'AuthorizationQueryParametersError', 'Malformed X-Amz-Credential');
  }
  if (!sameText(accessKeyId ?? '', credentials.accessKeyId)) return refuse(403, 'InvalidAccessKeyId', 'The access key ID does not exist');

  const signed = signedAt(amzDate);
  const lifetime = /^\d{1,6}$/.test(expires) ? Number(expires) : Number.NaN;
  if (signed === null || scopeDate !== amzDate.slice(0, 8)) return refuse(400, 'AuthorizationQueryParametersError', 'Malformed X-Amz-Date');
  if (!(lifetime >= 1 && lifetime <= MAX_EXPIRES)) {
    return refuse(400, 'AuthorizationQueryParametersError', `X-Amz-Expires must be between 1 and ${MAX_EXPIRES} seconds`);
  }
  if (now > signed + lifetime * 1000) return refuse(403, 'AccessDenied', 'Request has expired');
  if (signed > now + CLOCK_SKEW_MS) return refuse(403, 'AccessDenied', 'Request is not yet valid');

  const headerNames = signedHeaders.split(';');
  const sortedLowercase = headerNames.every((name, i) => name === name.toLowerCase() && (i === 0 || (headerNames[i - 1] as string) < name));
  if (!sortedLowercase || !headerNames.includes('host')) {
    return refuse(400, 'AuthorizationQueryParametersError', 'X-Amz-SignedHeaders must be sorted, lowercase and include host');
  }
  const canonicalHeaders = headerNames
    .map((name) => {
      const value = name === 'host' ? url.host : (request.headers.get(name) ?? '');
      return `${name}:${value.trim().replace(/\s+/g, ' ')}\n`;
    })
    .join('');
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalUri(url.pathname),
    canonicalQuery(q),
    canonicalHeaders,
    signedHeaders,
    request.headers.get('x-amz-content-sha256') ?? 'UNSIGNED-PAYLOAD',
  ].join('\n');
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope.slice(1).join('/'),
    hex(await crypto.subtle.digest('SHA-256', encoder.encode(canonicalRequest))),
  ].join('\n');
  let key: ArrayBuffer = await hmac(encoder.encode(`AWS4${credentials.secretAccessKey}`), scopeDate);
  for (const part of [region, service, terminator]) key = await hmac(key, part);
  const expected = hex(await hmac(key, stringToSign));
  if (!sameText(expected, signature.toLowerCase())) {
    return refuse(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided');
  }
  return null;
}
