import { env, exports } from 'cloudflare:workers';
import { Database } from '../../db/gateway.ts';
import { loadConfig } from '../../kernel/config.ts';
import { batchServices } from '../../wiring.ts';
import { eventually } from '../../../queues/test/fixtures.ts';
import { call } from '../../test/client.ts';
import { inspectSql } from '../../test/db.ts';
import { runScan } from './files.jobs.ts';

export const bytesOf = (text: string) => new TextEncoder().encode(text);

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Announces a file through the API; the declared facts default to those of `bytes`. */
export async function startUpload(
  slug: string,
  cookie: string,
  bytes: Uint8Array,
  declared: { name?: string; content_type?: string; size?: number; sha256?: string } = {},
) {
  const body = {
    name: declared.name ?? 'notes.txt',
    content_type: declared.content_type ?? 'text/plain',
    size: declared.size ?? bytes.byteLength,
    sha256: declared.sha256 ?? (await sha256Hex(bytes)),
  };
  return call('POST', `/api/v1/w/${slug}/files`, { cookie, body });
}

/** Sends a presigned request the way a browser would: straight to the URL, with the given headers and body. */
export async function sendPresigned(url: string, init: { method: string; headers?: Record<string, string>; body?: Uint8Array }) {
  const headers = new Headers(init.headers);
  // A browser computes Content-Length from the body itself; it cannot be set by script.
  headers.delete('content-length');
  const response = await exports.default.fetch(new Request(url, { method: init.method, headers, body: init.body }));
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Announce, PUT and confirm: a file that waits for its scan. Returns its public id. */
export async function uploadFile(slug: string, cookie: string, bytes: Uint8Array, declared: { name?: string; content_type?: string } = {}) {
  const created = await startUpload(slug, cookie, bytes, declared);
  if (created.status !== 201) throw new Error(`presign: ${created.status} ${created.text}`);
  const put = await sendPresigned(created.json.upload.url, { method: 'PUT', headers: created.json.upload.headers, body: bytes });
  if (put.status !== 200) throw new Error(`upload: ${put.status} ${put.text}`);
  const confirmed = await call('POST', `/api/v1/w/${slug}/files/${created.json.file.id}/confirm`, { cookie });
  if (confirmed.status !== 202) throw new Error(`confirm: ${confirmed.status} ${confirmed.text}`);
  return created.json.file.id as string;
}

export function scanDeps() {
  const config = loadConfig(env);
  return { db: new Database(config), config, services: batchServices(env as never, config) };
}

/**
 * The verdict the queue's own `files.scan` reached for a confirmed file: waits until the file is no
 * longer waiting for its scan (the consumer takes the message at once), then reads its status.
 */
export async function scannedByQueue(workspaceId: string, fileUuid: string): Promise<string> {
  const status = async () =>
    ((await inspectSql()`select status from file where workspace_id = ${workspaceId} and id = ${fileUuid}`) as Array<{ status: string }>)[0]
      ?.status ?? 'missing';
  return eventually(status, (s) => s !== 'uploaded' && s !== 'pending');
}

/** Announces and PUTs a file without confirming it: no scan is queued, so it stays unscanned. */
export async function unconfirmedFile(
  slug: string,
  cookie: string,
  bytes: Uint8Array,
  declared: { name?: string; content_type?: string } = {},
) {
  const created = await startUpload(slug, cookie, bytes, declared);
  if (created.status !== 201) throw new Error(`presign: ${created.status} ${created.text}`);
  const put = await sendPresigned(created.json.upload.url, { method: 'PUT', headers: created.json.upload.headers, body: bytes });
  if (put.status !== 200) throw new Error(`upload: ${put.status} ${put.text}`);
  return created.json.file.id as string;
}

/** Runs the scan job for a file as the queue consumer would, relaying the mail it wrote afterwards. */
export async function scan(workspaceId: string, fileUuid: string) {
  const deps = scanDeps();
  try {
    return await runScan(deps, workspaceId, fileUuid);
  } finally {
    await deps.services.mail?.relay(env.JOBS);
  }
}
