import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { client, seg, unwrap, withSignal } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

const storage = client.api.v1.w[':workspace'].storage;

export type StorageUsage = InferResponseType<typeof storage.$get, 200>;

export const useStorageUsage = (slug: string) =>
  useQuery(
    queryOptions({
      // Under the files key, so an upload's invalidation refreshes it too.
      queryKey: ['workspaces', slug, 'files', 'storage'] as const,
      meta: inlineErrors,
      queryFn: ({ signal }) => unwrap(storage.$get({ param: { workspace: seg(slug) }, query: {} }, withSignal(signal))),
    }),
  );
