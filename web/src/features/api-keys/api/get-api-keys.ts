import type { InferResponseType } from 'hono/client';
import { client, seg, unwrap, withSignal } from '@/lib/api-client';
import { pagedQueryOptions, usePagedList } from '@/lib/paged-query';

const apiKeys = client.api.v1.w[':workspace']['api-keys'];

export type ApiKey = InferResponseType<typeof apiKeys.$get, 200>['items'][number];

export const API_KEYS_PAGE_SIZE = 50;

export const apiKeysKey = (slug: string) => ['workspaces', slug, 'api-keys'] as const;

export const getApiKeys = (slug: string, cursor: string | null, { signal }: { signal?: AbortSignal } = {}) =>
  unwrap(
    apiKeys.$get(
      { param: { workspace: seg(slug) }, query: { limit: String(API_KEYS_PAGE_SIZE), ...(cursor ? { cursor } : {}) } },
      withSignal(signal),
    ),
  );

export const getApiKeysQueryOptions = (slug: string) =>
  pagedQueryOptions(apiKeysKey(slug), (cursor, signal) => getApiKeys(slug, cursor, { signal }));

export const useApiKeys = (slug: string) => usePagedList(getApiKeysQueryOptions(slug));
