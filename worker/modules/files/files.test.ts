import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { EICAR } from '../../adapters/scanner/eicar.ts';
import { call, createWorkspace, signUp } from '../../test/client.ts';
import { addMember, inspectSql } from '../../test/db.ts';
import { mailFor } from '../../test/inbox.ts';
import { workspaceUuid } from '../../test/lifecycle.ts';
import { parsePublicId } from '../../kernel/ids.ts';
import { fileIds } from './files.ids.ts';
import { bytesOf, scan, scannedByQueue, sendPresigned, sha256Hex, startUpload, unconfirmedFile, uploadFile } from './files.test-helpers.ts';
import { expectPagedList } from '../../test/pages.ts';

async function owner() {
  const person = await signUp('Uma');
  const ws = await createWorkspace(person.cookie);
  return { ...person, slug: ws.slug, workspaceId: workspaceUuid(ws.id) };
}

const fileUuid = (publicId: string) => fileIds.require(publicId, 'File');

describe('POST /w/{workspace}/files: a presigned PUT under a key the server chose', () => {
  it('answers a pending file and a PUT that expires within 15 minutes and signs type, length and SHA-256', async () => {
    const o = await owner();
    const bytes = bytesOf('hello, storage');
    const res = await startUpload(o.slug, o.cookie, bytes, { name: 'hello.txt' });
    expect(res.status).toBe(201);
    expect(res.json.file).toMatchObject({ name: 'hello.txt', content_type: 'text/plain', size: bytes.byteLength, status: 'pending' });

    const url = new URL(res.json.upload.url);
    expect(res.json.upload.method).toBe('PUT');
    expect(url.pathname).toBe(`/dev/r2/edge-saas-files/files/${o.workspaceId}/${fileUuid(res.json.file.id)}`);
    expect(url.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host;x-amz-checksum-sha256');
    expect(Date.parse(res.json.upload.expires_at) - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000);
    expect(res.json.upload.headers).toEqual({
      'content-type': 'text/plain',
      'content-length': String(bytes.byteLength),
      'x-amz-checksum-sha256': btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)))),
    });
  });

  it('takes no key, path or prefix from the client', async () => {
    const o = await owner();
    const res = await call('POST', `/api/v1/w/${o.slug}/files`, {
      cookie: o.cookie,
      body: { name: 'a.txt', content_type: 'text/plain', size: 1, sha256: 'a'.repeat(64), key: 'files/other/x' },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('VALIDATION_FAILED');
  });

  it.each([
    [{ size: 0 }, 'size', 'an empty file cannot be uploaded'],
    [{ size: 25 * 1024 * 1024 + 1 }, 'size', 'a file may be at most 26214400 bytes'],
    [{ sha256: 'not-a-digest' }, 'sha256', 'must be the SHA-256 of the file, 64 hexadecimal digits'],
    [{ content_type: 'text/html; charset=utf-8' }, 'content_type', 'must be a media type like image/png, without parameters'],
    [{ name: '\u202e\u200b ' }, 'name', 'must contain a printable character'],
  ])('refuses %j with a clear error and writes nothing', async (declared, field, message) => {
    const o = await owner();
    const res = await startUpload(o.slug, o.cookie, bytesOf('x'), declared);
    expect(res.status).toBe(400);
    expect(res.json.error.fields[field]).toEqual([message]);
    expect(await inspectSql()`select count(*)::int as n from file where workspace_id = ${o.workspaceId}`).toEqual([{ n: 0 }]);
  });

  it('refuses a name with NUL at the JSON body guard, like every body', async () => {
    const o = await owner();
    const res = await startUpload(o.slug, o.cookie, bytesOf('x'), { name: 'in\u0000voice.pdf' });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('INVALID_ENCODING');
  });

  it('stores hostile names as inert names, never as paths', async () => {
    const o = await owner();
    const long = `${'a'.repeat(996)}.pdf`;
    const cases: Array<[string, string]> = [
      ['../../etc/passwd', '_.._etc_passwd'],
      ['%2e%2e/%2e%2e/secret.txt', '%2e%2e_%2e%2e_secret.txt'],
      ['photo\u202egpj.exe', 'photogpj.exe'],
      ['line\r\nbreak "quoted".txt', 'linebreak "quoted".txt'],
      [long, `${'a'.repeat(251)}.pdf`],
    ];
    for (const [name, stored] of cases) {
      const res = await startUpload(o.slug, o.cookie, bytesOf('x'), { name });
      expect(res.status, name).toBe(201);
      expect(res.json.file.name).toBe(stored);
      expect(new URL(res.json.upload.url).pathname).toBe(`/dev/r2/edge-saas-files/files/${o.workspaceId}/${fileUuid(res.json.file.id)}`);
    }
  });
});

describe('the development S3 endpoint refuses what R2 refuses', () => {
  async function announced() {
    const o = await owner();
    const bytes = bytesOf('exactly these bytes');
    const res = await startUpload(o.slug, o.cookie, bytes, { content_type: 'text/plain' });
    return { o, bytes, upload: res.json.upload as { url: string; headers: Record<string, string> }, id: res.json.file.id as string };
  }

  it('stores a correct upload in the bucket the Worker reads', async () => {
    const { o, bytes, upload, id } = await announced();
    const put = await sendPresigned(upload.url, { method: 'PUT', headers: upload.headers, body: bytes });
    expect(put.status).toBe(200);
    const object = await env.FILES.get(`files/${o.workspaceId}/${fileUuid(id)}`);
    expect(await object?.text()).toBe('exactly these bytes');
    expect(object?.httpMetadata?.contentType).toBe('text/plain');
  });

  it('refuses a tampered URL (SignatureDoesNotMatch)', async () => {
    const { o, bytes, upload } = await announced();
    const tampered = upload.url.replace(`files/${o.workspaceId}/`, `files/${o.workspaceId}/x`);
    const put = await sendPresigned(tampered, { method: 'PUT', headers: upload.headers, body: bytes });
    expect(put.status).toBe(403);
    expect(put.text).toContain('<Code>SignatureDoesNotMatch</Code>');
    const longer = new URL(upload.url);
    longer.searchParams.set('X-Amz-Expires', '604800');
    expect((await sendPresigned(longer.toString(), { method: 'PUT', headers: upload.headers, body: bytes })).status).toBe(403);
  });

  it('refuses another content type, another length and other bytes of the same length', async () => {
    const { bytes, upload } = await announced();
    const wrongType = await sendPresigned(upload.url, {
      method: 'PUT',
      headers: { ...upload.headers, 'content-type': 'text/html' },
      body: bytes,
    });
    expect(wrongType.status).toBe(403);
    expect(wrongType.text).toContain('SignatureDoesNotMatch');
    const longer = await sendPresigned(upload.url, { method: 'PUT', headers: upload.headers, body: bytesOf('exactly these bytes!') });
    expect(longer.status).toBe(403);
    const shorter = await sendPresigned(upload.url, { method: 'PUT', headers: upload.headers, body: bytesOf('exactly') });
    expect(shorter.status).toBe(403);
    const otherBytes = await sendPresigned(upload.url, { method: 'PUT', headers: upload.headers, body: bytesOf('EXACTLY these bytes') });
    expect(otherBytes.status).toBe(400);
    expect(otherBytes.text).toContain('<Code>BadDigest</Code>');
  });

  it('refuses an expired URL (AccessDenied)', async () => {
    const { AwsV4Signer } = await import('aws4fetch');
    const { o, bytes, upload } = await announced();
    const url = new URL(upload.url);
    for (const name of [...url.searchParams.keys()])
      if (name.startsWith('X-Amz-') && name !== 'X-Amz-Expires') url.searchParams.delete(name);
    const twentyMinutesAgo = new Date(Date.now() - 20 * 60 * 1000).toISOString().replace(/[:-]|\.\d{3}/g, '');
    const signed = await new AwsV4Signer({
      method: 'PUT',
      url: url.toString(),
      headers: upload.headers,
      accessKeyId: 'test-r2-access-key',
      secretAccessKey: 'test-r2-secret-access-key-0123456789',
      service: 's3',
      region: 'auto',
      datetime: twentyMinutesAgo,
      signQuery: true,
      allHeaders: true,
    }).sign();
    const put = await sendPresigned(signed.url.toString(), { method: 'PUT', headers: upload.headers, body: bytes });
    expect(put.status).toBe(403);
    expect(put.text).toContain('<Code>AccessDenied</Code>');
    expect(put.text).toContain('Request has expired');
    expect(await env.FILES.head(`files/${o.workspaceId}/`)).toBeNull();
  });

  it('is absent outside development and tests', async () => {
    const { newApp } = await import('../../app.ts');
    const { createExecutionContext, waitOnExecutionContext } = await import('cloudflare:test');
    const { upload, bytes } = await announced();
    const { NEON_LOCAL_PROXY: _, WEBHOOK_EXEMPT_ORIGINS: _exempt, ...rest } = env as unknown as Record<string, unknown>;
    for (const APP_ENV of ['production', 'preview']) {
      const ctx = createExecutionContext();
      const headers = new Headers(upload.headers);
      headers.delete('content-length');
      headers.set('cf-connecting-ip', '10.202.0.1');
      const response = await newApp().fetch(
        new Request(upload.url, { method: 'PUT', headers, body: bytes }),
        { ...rest, APP_ENV, MAIL_PROVIDER: 'resend', MAIL_FROM: 'Edge SaaS <no-reply@example.com>', SCANNER: '' } as never,
        ctx,
      );
      await waitOnExecutionContext(ctx);
      expect(response.status, APP_ENV).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    }
  });
});

describe('confirm, scan, download', () => {
  it('confirms the object, scans it clean, then serves a 5-minute signed GET as an attachment', async () => {
    const o = await owner();
    const bytes = bytesOf('quarterly numbers');
    // Before its scan a file is not served (an unconfirmed one, which no queue can scan under the test).
    const waiting = await unconfirmedFile(o.slug, o.cookie, bytesOf('not yet'), { content_type: 'text/plain' });
    const early = await call('GET', `/api/v1/w/${o.slug}/files/${waiting}/download`, { cookie: o.cookie });
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe('FILE_NOT_READY');

    const id = await uploadFile(o.slug, o.cookie, bytes, { name: 'Bericht "Q4"\u00e4.txt', content_type: 'text/plain' });
    const uploaded = await call('GET', `/api/v1/w/${o.slug}/files/${id}`, { cookie: o.cookie });
    expect(uploaded.json).toMatchObject({ sha256: await sha256Hex(bytes) });

    // The confirmation queued the scan, and the queue's consumer takes it at once.
    expect(await scannedByQueue(o.workspaceId, fileUuid(id))).toBe('clean');
    expect(await scan(o.workspaceId, fileUuid(id))).toEqual({ outcome: 'already_scanned' });

    const link = await call('GET', `/api/v1/w/${o.slug}/files/${id}/download`, { cookie: o.cookie });
    expect(link.status).toBe(200);
    expect(link.json).toMatchObject({ method: 'GET', disposition: 'attachment' });
    const url = new URL(link.json.url);
    expect(Number(url.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(300);
    const got = await sendPresigned(link.json.url, { method: 'GET' });
    expect(got.status).toBe(200);
    expect(got.text).toBe('quarterly numbers');
    expect(got.headers.get('content-type')).toBe('application/octet-stream');
    expect(got.headers.get('content-disposition')).toBe(
      `attachment; filename="Bericht _Q4__.txt"; filename*=UTF-8''Bericht%20%22Q4%22%C3%A4.txt`,
    );
    // The signature covers the overrides: a link asking for inline display is refused.
    url.searchParams.set('response-content-disposition', 'inline');
    expect((await sendPresigned(url.toString(), { method: 'GET' })).status).toBe(403);
  });

  it('queues the scan once, on the confirmation that moves the file to uploaded; repeats queue nothing', async () => {
    const o = await owner();
    const bytes = bytesOf('confirm me twice');
    const created = await startUpload(o.slug, o.cookie, bytes);
    const upload = created.json.upload;
    expect((await sendPresigned(upload.url, { method: 'PUT', headers: upload.headers, body: bytes })).status).toBe(200);
    const send = vi.spyOn(env.JOBS, 'send');
    try {
      const path = `/api/v1/w/${o.slug}/files/${created.json.file.id}/confirm`;
      const first = await call('POST', path, { cookie: o.cookie });
      expect(first.status).toBe(202);
      expect(first.json.status).toBe('uploaded');
      const again = await call('POST', path, { cookie: o.cookie });
      expect(again.status).toBe(202);
      expect(again.json.status).toBe('uploaded');
      expect(send).toHaveBeenCalledTimes(1);
      expect(send.mock.calls[0]?.[0]).toMatchObject({
        job: 'files.scan',
        payload: { workspace_id: o.workspaceId, file_id: fileUuid(created.json.file.id) },
      });
    } finally {
      send.mockRestore();
    }
  });

  it('refuses to confirm before the upload, and deletes an object that differs from the declaration', async () => {
    const o = await owner();
    const bytes = bytesOf('twelve bytes');
    const created = await startUpload(o.slug, o.cookie, bytes);
    const id = created.json.file.id as string;
    const early = await call('POST', `/api/v1/w/${o.slug}/files/${id}/confirm`, { cookie: o.cookie });
    expect(early.status).toBe(409);
    expect(early.json.error).toMatchObject({ code: 'FILE_NOT_UPLOADED', message: 'Nothing has been uploaded for this file yet' });

    // Storage written some other way than the presigned PUT (say, a larger object under the key).
    const key = `files/${o.workspaceId}/${fileUuid(id)}`;
    await env.FILES.put(key, 'thirteen bytes', { httpMetadata: { contentType: 'text/plain' } });
    const mismatch = await call('POST', `/api/v1/w/${o.slug}/files/${id}/confirm`, { cookie: o.cookie });
    expect(mismatch.status).toBe(422);
    expect(mismatch.json.error).toMatchObject({
      code: 'FILE_MISMATCH',
      message: 'The upload does not match the file: the upload is 14 bytes, 12 were declared',
    });
    expect(await env.FILES.head(key)).toBeNull();
    expect((await call('GET', `/api/v1/w/${o.slug}/files/${id}`, { cookie: o.cookie })).json.status).toBe('pending');
  });

  it('checks the SHA-256 from the bytes when storage kept no checksum', async () => {
    const o = await owner();
    const bytes = bytesOf('same length, A');
    const created = await startUpload(o.slug, o.cookie, bytes);
    const id = created.json.file.id as string;
    const key = `files/${o.workspaceId}/${fileUuid(id)}`;
    await env.FILES.put(key, 'same length, B', { httpMetadata: { contentType: 'text/plain' } });
    const other = await call('POST', `/api/v1/w/${o.slug}/files/${id}/confirm`, { cookie: o.cookie });
    expect(other.status).toBe(422);
    expect(other.json.error.message).toBe('The upload does not match the file: the upload’s SHA-256 differs from the one declared');
    await env.FILES.put(key, bytes, { httpMetadata: { contentType: 'text/plain' } });
    const same = await call('POST', `/api/v1/w/${o.slug}/files/${id}/confirm`, { cookie: o.cookie });
    expect(same.status).toBe(202);
    expect(same.json.status).toBe('uploaded');
  });

  it('quarantines the EICAR test file, never serves it, deletes its bytes and tells the uploader', async () => {
    const o = await owner();
    const id = await uploadFile(o.slug, o.cookie, bytesOf(EICAR), { name: 'eicar.com', content_type: 'application/octet-stream' });
    expect(await scan(o.workspaceId, fileUuid(id))).toEqual({ outcome: 'quarantined' });
    const row = await call('GET', `/api/v1/w/${o.slug}/files/${id}`, { cookie: o.cookie });
    expect(row.json.status).toBe('quarantined');
    const download = await call('GET', `/api/v1/w/${o.slug}/files/${id}/download`, { cookie: o.cookie });
    expect(download.status).toBe(409);
    expect(download.json.error.code).toBe('FILE_QUARANTINED');
    expect(await env.FILES.head(`files/${o.workspaceId}/${fileUuid(id)}`)).toBeNull();
    const [mail] = await mailFor(o.email, 'file-quarantined');
    expect(mail?.text).toContain('eicar.com');
    const audit =
      await inspectSql()`select action, metadata from audit_log where workspace_id = ${o.workspaceId} and action = 'file.quarantined'`;
    expect(audit).toEqual([{ action: 'file.quarantined', metadata: { signature: 'Eicar-Test-Signature' } }]);
  });

  it('shows raster images inline on request, never SVG or HTML', async () => {
    const o = await owner();
    const kinds: Array<[string, string, 'inline' | 'attachment', string]> = [
      ['dot.png', 'image/png', 'inline', 'image/png'],
      ['logo.svg', 'image/svg+xml', 'attachment', 'application/octet-stream'],
      ['page.html', 'text/html', 'attachment', 'application/octet-stream'],
    ];
    for (const [name, type, disposition, served] of kinds) {
      const id = await uploadFile(o.slug, o.cookie, bytesOf(`<${name}>`), { name, content_type: type });
      await scan(o.workspaceId, fileUuid(id));
      const link = await call('GET', `/api/v1/w/${o.slug}/files/${id}/download?disposition=inline`, { cookie: o.cookie });
      expect(link.json.disposition, name).toBe(disposition);
      const got = await sendPresigned(link.json.url, { method: 'GET' });
      expect(got.headers.get('content-type'), name).toBe(served);
      expect(got.headers.get('content-disposition'), name).toMatch(new RegExp(`^${disposition}; `));
    }
  });

  it('answers 404 when a workspace’s path names another workspace’s file', async () => {
    const o = await owner();
    const other = await owner();
    const theirs = await uploadFile(other.slug, other.cookie, bytesOf('not yours'));
    await scan(other.workspaceId, fileUuid(theirs));
    for (const [method, suffix] of [
      ['GET', ''],
      ['POST', '/confirm'],
      ['GET', '/download'],
    ] as const) {
      const res = await call(method, `/api/v1/w/${o.slug}/files/${theirs}${suffix}`, { cookie: o.cookie });
      expect(res.status, `${method} ${suffix}`).toBe(404);
      expect(res.json.error.code).toBe('NOT_FOUND');
      expect(res.text).not.toContain('not yours');
    }
    const malformed = await call('GET', `/api/v1/w/${o.slug}/files/fil_nope/download`, { cookie: o.cookie });
    expect(malformed.status).toBe(404);
  });

  it('lists the workspace’s files to a viewer, and nothing of another workspace', async () => {
    const o = await owner();
    const other = await owner();
    await uploadFile(other.slug, other.cookie, bytesOf('theirs'));
    const id = await uploadFile(o.slug, o.cookie, bytesOf('ours'));
    const viewer = await signUp('Vic');
    await addMember(o.workspaceId, parsePublicId('user', viewer.user.id) ?? '', 'viewer');
    const list = await call('GET', `/api/v1/w/${o.slug}/files`, { cookie: viewer.cookie });
    expect(list.status).toBe(200);
    expect(list.json.items.map((f: { id: string }) => f.id)).toEqual([id]);
    const upload = await startUpload(o.slug, viewer.cookie, bytesOf('x'));
    expect(upload.status).toBe(403);
  });
});

describe('GET /w/{workspace}/files pages', () => {
  it('newest first with a cursor: every file once, over several pages; a bad cursor is refused', async () => {
    const { cookie } = await signUp();
    const ws = await createWorkspace(cookie);
    const ids: string[] = [];
    for (const name of ['a.txt', 'b.txt', 'c.txt']) ids.push((await startUpload(ws.slug, cookie, bytesOf(name), { name })).json.file.id);
    const items = await expectPagedList(`/api/v1/w/${ws.slug}/files`, { cookie }, ids);
    expect(items.map((f) => f.name)).toEqual(['c.txt', 'b.txt', 'a.txt']);
  });
});
