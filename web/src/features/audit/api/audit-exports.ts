import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { client, seg, unwrap, withSignal } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

const exports = client.api.v1.w[':workspace']['audit-exports'];

/** Starts an export (or answers the one already running). */
export const useStartAuditExport = (slug: string) =>
  useMutation({
    mutationKey: ['audit-exports', 'start'],
    meta: inlineErrors,
    mutationFn: () => unwrap(exports.$post({ param: { workspace: seg(slug) }, query: {} })),
  });

/** One export, re-read every 2 s until it is done or failed. */
export const useAuditExport = (slug: string, id: string | null) =>
  useQuery(
    queryOptions({
      queryKey: ['workspaces', slug, 'audit-exports', id],
      meta: inlineErrors,
      enabled: id !== null,
      queryFn: ({ signal }) =>
        unwrap(exports[':id'].$get({ param: { workspace: seg(slug), id: seg(id ?? '') }, query: {} }, withSignal(signal))),
      refetchInterval: (query) => (query.state.data?.status === 'done' || query.state.data?.status === 'failed' ? false : 2000),
    }),
  );

export const auditExportDownloadHref = (slug: string, id: string) => `/api/v1/w/${seg(slug)}/audit-exports/${seg(id)}/download`;

const jobs = client.api.v1.w[':workspace'].jobs;

/** The export's job (`job_id`), re-read every second until it ends: its progress, and cancel. */
export const useAuditExportJob = (slug: string, jobId: string | null) =>
  useQuery(
    queryOptions({
      queryKey: ['workspaces', slug, 'jobs', jobId],
      meta: inlineErrors,
      enabled: jobId !== null,
      queryFn: ({ signal }) =>
        unwrap(jobs[':id'].$get({ param: { workspace: seg(slug), id: seg(jobId ?? '') }, query: {} }, withSignal(signal))),
      refetchInterval: (query) => (query.state.data && !['queued', 'running'].includes(query.state.data.status) ? false : 1000),
    }),
  );

export const cancelAuditExport = (slug: string, jobId: string) =>
  unwrap(jobs[':id'].cancel.$post({ param: { workspace: seg(slug), id: seg(jobId) }, query: {} }));
