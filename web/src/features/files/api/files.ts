import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { client, seg, unwrap, withSignal } from '@/lib/api-client';
import { pagedQueryOptions, usePagedList } from '@/lib/paged-query';
import { inlineErrors } from '@/lib/react-query';
import { putToPresignedUrl, sha256Hex } from '../lib/upload';

const files = client.api.v1.w[':workspace'].files;

export type StoredFile = InferResponseType<typeof files.$get, 200>['items'][number];

export const filesKey = (slug: string) => ['workspaces', slug, 'files'] as const;

/** Until the scanner has said clean or quarantined. */
export const awaitingScan = (file: StoredFile) => file.status === 'pending' || file.status === 'uploaded';

export const FILES_PAGE_SIZE = 50;

export const useFiles = (slug: string) =>
  usePagedList(
    pagedQueryOptions(filesKey(slug), (cursor, signal) =>
      unwrap(
        files.$get(
          { param: { workspace: seg(slug) }, query: { limit: String(FILES_PAGE_SIZE), ...(cursor ? { cursor } : {}) } },
          withSignal(signal),
        ),
      ),
    ),
    // A scan takes seconds: ask again while one is under way, and stop when every loaded file has its verdict.
    { pollEveryMs: (loaded) => (loaded.some(awaitingScan) ? 1500 : false) },
  );

const fileParams = (slug: string, id: string) => ({ param: { workspace: seg(slug), id: seg(id) } });

/**
 * One upload: the server presigns a PUT and records a pending file, the browser sends the bytes
 * straight to storage (with progress), and the server checks what arrived and queues the scan.
 */
export async function uploadFile(slug: string, file: File, onProgress: (fraction: number) => void): Promise<StoredFile> {
  const json = {
    name: file.name,
    content_type: file.type || 'application/octet-stream',
    size: file.size,
    sha256: await sha256Hex(file),
  };
  const started = await unwrap(files.$post({ param: { workspace: seg(slug) }, query: {}, json }));
  await putToPresignedUrl(started.upload, file, onProgress);
  return unwrap(files[':id'].confirm.$post({ ...fileParams(slug, started.file.id), query: {} }));
}

/** Asks until the scanner has said clean or quarantined (seconds, locally and with a scanning service). */
export async function scannedFile(slug: string, id: string, { tries = 40, everyMs = 750 } = {}): Promise<StoredFile> {
  for (let i = 0; i < tries; i++) {
    const file = await unwrap(files[':id'].$get({ ...fileParams(slug, id), query: {} }));
    if (!awaitingScan(file)) return file;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new ScanTookTooLong();
}

export class ScanTookTooLong extends Error {
  constructor() {
    super('The malware scan has not finished yet');
  }
}

export function useUploadFile(slug: string, { onProgress }: { onProgress: (fraction: number) => void }) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['files', 'upload'],
    meta: inlineErrors,
    mutationFn: (file: File) => uploadFile(slug, file, onProgress),
    onSettled: () => queryClient.invalidateQueries({ queryKey: filesKey(slug) }),
  });
}

/** A short-lived signed link; `inline` only for raster images (a logo, an avatar), anything else downloads. */
export const downloadLink = (slug: string, id: string, disposition: 'attachment' | 'inline' = 'attachment') =>
  unwrap(files[':id'].download.$get({ ...fileParams(slug, id), query: { disposition } }));

export function useDownloadFile(slug: string) {
  return useMutation({
    mutationKey: ['files', 'download'],
    mutationFn: (id: string) => downloadLink(slug, id),
    onSuccess: ({ url }) => {
      // The storage answers with Content-Disposition: attachment, so the page stays where it is.
      window.location.assign(url);
    },
  });
}
