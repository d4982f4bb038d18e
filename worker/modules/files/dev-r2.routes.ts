import { Hono } from 'hono';
import type { AppEnv } from '../../env.ts';
import { devInboxAllowed } from '../../kernel/config.ts';
import { AppError } from '../../kernel/errors.ts';
import { type S3Refusal, verifyPresignedRequest } from './sigv4-verify.ts';

const PREFIX = '/dev/r2/';

const xml = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** S3's error document, as R2 sends it. */
const s3Error = (status: number, code: string, message: string) =>
  new Response(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${xml(message)}</Message></Error>`, {
    status,
    headers: { 'content-type': 'application/xml' },
  });

const refused = (refusal: S3Refusal) => s3Error(refusal.status, refusal.code, refusal.message);

const base64 = (buffer: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(buffer)));
const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** The bucket and key of `/dev/r2/<bucket>/<key>`, or null. */
function objectOf(pathname: string): { bucket: string; key: string } | null {
  let rest: string;
  try {
    rest = decodeURIComponent(pathname.slice(PREFIX.length));
  } catch {
    return null;
  }
  const slash = rest.indexOf('/');
  if (slash <= 0 || slash === rest.length - 1) return null;
  return { bucket: rest.slice(0, slash), key: rest.slice(slash + 1) };
}

async function putObject(request: Request, bucket: R2Bucket, key: string): Promise<Response> {
  const body = await request.arrayBuffer();
  const declared = request.headers.get('content-length');
  if (declared === null) return s3Error(411, 'MissingContentLength', 'You must provide the Content-Length HTTP header');
  if (Number(declared) !== body.byteLength) {
    return s3Error(400, 'IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header');
  }
  const digest = await crypto.subtle.digest('SHA-256', body);
  const checksum = request.headers.get('x-amz-checksum-sha256');
  if (checksum !== null && checksum !== base64(digest)) {
    return s3Error(400, 'BadDigest', 'The SHA256 checksum you specified did not match the calculated checksum');
  }
  const contentType = request.headers.get('content-type') ?? 'application/octet-stream';
  const stored = await bucket.put(key, body, { httpMetadata: { contentType }, ...(checksum !== null ? { sha256: hex(digest) } : {}) });
  return new Response(null, { status: 200, headers: { etag: `"${stored.etag}"` } });
}

/** A GET honours the signed `response-content-type` and `response-content-disposition` overrides, as S3 does. */
async function getObject(url: URL, bucket: R2Bucket, key: string): Promise<Response> {
  const object = await bucket.get(key);
  if (!object) return s3Error(404, 'NoSuchKey', 'The specified key does not exist.');
  const headers = new Headers({
    'content-type': url.searchParams.get('response-content-type') ?? object.httpMetadata?.contentType ?? 'application/octet-stream',
    'content-length': String(object.size),
    etag: `"${object.etag}"`,
  });
  const disposition = url.searchParams.get('response-content-disposition');
  if (disposition) headers.set('content-disposition', disposition);
  return new Response(object.body, { status: 200, headers });
}

/**
 * Development stand-in for R2's S3 endpoint, served by the Worker itself at
 * `/dev/r2/<bucket>/<key>`: it verifies presigned PUTs and GETs as R2 does (`sigv4-verify.ts`:
 * expiry, signed headers, signature; then the exact length and the signed SHA-256) and stores into
 * the `FILES` binding, the bucket the rest of the Worker reads. It exists only when APP_ENV is
 * development or test and an S3 key pair is configured; anywhere else every path answers 404.
 * Why: docs/decisions/044-presigned-uploads-and-local-r2-endpoint.md.
 */
export const devR2Routes = new Hono<AppEnv>().on(['PUT', 'GET'], `${PREFIX}*`, async (c) => {
  const config = c.get('config');
  const { R2_ACCESS_KEY_ID: accessKeyId, R2_SECRET_ACCESS_KEY: secretAccessKey } = config;
  if (!devInboxAllowed(config.APP_ENV) || !accessKeyId || !secretAccessKey) throw new AppError('NOT_FOUND', 'No such route');
  const url = new URL(c.req.url);
  const target = objectOf(url.pathname);
  if (!target || target.bucket !== config.R2_BUCKET) return s3Error(404, 'NoSuchBucket', 'The specified bucket does not exist');
  const refusal = await verifyPresignedRequest(c.req.raw, { accessKeyId, secretAccessKey });
  if (refusal) return refused(refusal);
  const bucket = c.env.FILES as R2Bucket;
  return c.req.method === 'PUT' ? putObject(c.req.raw, bucket, target.key) : getObject(url, bucket, target.key);
});
