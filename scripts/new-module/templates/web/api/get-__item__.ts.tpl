import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { client, seg, unwrap, withSignal } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

const one = client.api.v1.w[':workspace']__itemsProp__[':id'];

export type __Item__ = InferResponseType<typeof one.$get, 200>;

export const __itemVar__Key = (slug: string, id: string) => ['workspaces', slug, '__items__', 'detail', id] as const;

const get__Item__ = (slug: string, id: string, { signal }: { signal?: AbortSignal } = {}) =>
  unwrap(one.$get({ param: { workspace: seg(slug), id: seg(id) }, query: {} }, withSignal(signal)));

export const use__Item__ = (slug: string, id: string) =>
  useQuery(
    queryOptions({
      queryKey: __itemVar__Key(slug, id),
      // The screen shows a first-load failure itself; later failures still toast.
      meta: inlineErrors,
      queryFn: ({ signal }) => get__Item__(slug, id, { signal }),
    }),
  );
