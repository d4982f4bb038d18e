import type { InferResponseType } from 'hono/client';
import { client, unwrap, withSignal } from '@/lib/api-client';
import { pagedQueryOptions, usePagedList } from '@/lib/paged-query';

const tokens = client.api.v1.me.tokens;

export type AccessToken = InferResponseType<typeof tokens.$get, 200>['items'][number];

export const accessTokensKey = ['me', 'tokens'] as const;

export const getAccessTokens = (cursor: string | null, { signal }: { signal?: AbortSignal } = {}) =>
  unwrap(tokens.$get({ query: { limit: '50', ...(cursor ? { cursor } : {}) } }, withSignal(signal)));

export const useAccessTokens = () =>
  usePagedList(pagedQueryOptions(accessTokensKey, (cursor, signal) => getAccessTokens(cursor, { signal })));
