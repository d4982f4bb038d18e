import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { client, seg, unwrap, withSignal } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

const list = client.api.v1.w[':workspace']__itemsProp__;

const PAGE_SIZE = 20;

/** Prefix of every list query of this feature in a workspace; invalidate it after any change. */
export const __itemVar__ListsKey = (slug: string) => ['workspaces', slug, '__items__', 'list'] as const;

export const use__Items__ = (slug: string) =>
  useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: __itemVar__ListsKey(slug),
      queryFn: ({ pageParam, signal }) =>
        unwrap(
          list.$get(
            { param: { workspace: seg(slug) }, query: { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
            withSignal(signal),
          ),
        ),
      // The screen shows a first-load failure itself; later failures still toast.
      meta: inlineErrors,
      initialPageParam: null as string | null,
      getNextPageParam: (lastPage) => (lastPage.has_more ? lastPage.next_cursor : null),
    }),
  );
