import { client, seg, unwrap } from '@/lib/api-client';

const w = client.api.v1.w[':workspace'];

export interface ImportRowError {
  row: number;
  column: string | null;
  message: string;
}

async function sha256Hex(file: File): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** PUTs the bytes straight to storage on the presigned URL, reporting the share sent (0–1). */
function putToStorage(upload: { url: string; headers: Record<string, string> }, file: File, onProgress: (share: number) => void) {
  return new Promise<void>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', upload.url);
    // The browser sets Content-Length itself from the body.
    for (const [name, value] of Object.entries(upload.headers))
      if (name.toLowerCase() !== 'content-length') xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new Error(`upload: HTTP ${xhr.status}`)));
    xhr.onerror = () => reject(new Error('upload: network error'));
    xhr.send(file);
  });
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Announces the file, uploads it straight to storage, confirms it and waits for its scan: the bytes
 * never pass through the API. Returns the file's id once it is clean.
 */
export async function uploadCsv(slug: string, file: File, onProgress: (share: number) => void): Promise<string> {
  const workspace = seg(slug);
  const json = { name: file.name, content_type: 'text/csv', size: file.size, sha256: await sha256Hex(file) };
  const created = await unwrap(w.files.$post({ param: { workspace }, query: {}, json }));
  await putToStorage(created.upload, file, onProgress);
  const id = created.file.id;
  await unwrap(w.files[':id'].confirm.$post({ param: { workspace, id }, query: {} }));
  for (;;) {
    const current = await unwrap(w.files[':id'].$get({ param: { workspace, id }, query: {} }));
    if (current.status === 'clean' || current.status === 'quarantined') return id;
    await wait(500);
  }
}

export const startImport = (slug: string, fileId: string) =>
  unwrap(w.projects.imports.$post({ param: { workspace: seg(slug) }, query: {}, json: { file_id: fileId } }));

export const getJob = (slug: string, id: string) => unwrap(w.jobs[':id'].$get({ param: { workspace: seg(slug), id }, query: {} }));

export const cancelJob = (slug: string, id: string) =>
  unwrap(w.jobs[':id'].cancel.$post({ param: { workspace: seg(slug), id }, query: {} }));

/** The error report as a CSV a spreadsheet opens; every cell is quoted, and none can start a formula. */
export function errorReportCsv(errors: readonly ImportRowError[]): string {
  const cell = (value: string) => `"${value.replace(/^([=+\-@\t\r])/, "'$1").replaceAll('"', '""')}"`;
  const lines = errors.map((e) => [String(e.row), e.column ?? '', e.message].map(cell).join(','));
  return ['row,column,message', ...lines].join('\r\n');
}
