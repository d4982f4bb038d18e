import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { client, seg, unwrap, withSignal } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

const apiKeys = client.api.v1.w[':workspace']['api-keys'];

export type ApiKeyList = InferResponseType<typeof apiKeys.$get, 200>;
export type ApiKey = ApiKeyList['items'][number];

export const apiKeysKey = (slug: string) => ['workspaces', slug, 'api-keys'] as const;

export const getApiKeys = (slug: string, { signal }: { signal?: AbortSignal } = {}) =>
  unwrap(apiKeys.$get({ param: { workspace: seg(slug) }, query: {} }, withSignal(signal)));

export const getApiKeysQueryOptions = (slug: string) =>
  queryOptions({
    queryKey: apiKeysKey(slug),
    // The screen shows a first-load failure itself; later failures still toast.
    meta: inlineErrors,
    queryFn: ({ signal }) => getApiKeys(slug, { signal }),
  });

export const useApiKeys = (slug: string, { enabled = true }: { enabled?: boolean } = {}) =>
  useQuery({ ...getApiKeysQueryOptions(slug), enabled });
