import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { client, unwrap, withSignal } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

const tokens = client.api.v1.me.tokens;

export type AccessTokenList = InferResponseType<typeof tokens.$get, 200>;
export type AccessToken = AccessTokenList['items'][number];

export const accessTokensKey = ['me', 'tokens'] as const;

export const getAccessTokens = ({ signal }: { signal?: AbortSignal } = {}) => unwrap(tokens.$get({ query: {} }, withSignal(signal)));

export const getAccessTokensQueryOptions = () =>
  queryOptions({
    queryKey: accessTokensKey,
    // The screen shows a first-load failure itself; later failures still toast.
    meta: inlineErrors,
    queryFn: ({ signal }) => getAccessTokens({ signal }),
  });

export const useAccessTokens = () => useQuery(getAccessTokensQueryOptions());
