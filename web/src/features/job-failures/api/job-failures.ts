import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { client, seg, unwrap, withSignal } from '@/lib/api-client';
import { pagedQueryOptions, usePagedList } from '@/lib/paged-query';

const failures = client.api.v1.w[':workspace']['job-failures'];

export type JobFailure = InferResponseType<typeof failures.$get, 200>['items'][number];

export const jobFailuresKey = (slug: string) => ['workspaces', slug, 'job-failures'] as const;

export const useJobFailures = (slug: string) =>
  usePagedList(
    pagedQueryOptions(jobFailuresKey(slug), (cursor, signal) =>
      unwrap(failures.$get({ param: { workspace: seg(slug) }, query: { limit: '50', ...(cursor ? { cursor } : {}) } }, withSignal(signal))),
    ),
  );

export function useRetryJob(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['job-failures', 'retry'],
    mutationFn: (id: string) => unwrap(failures[':id'].retry.$post({ param: { workspace: seg(slug), id: seg(id) }, query: {} })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: jobFailuresKey(slug) }),
  });
}
