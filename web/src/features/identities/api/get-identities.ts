import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { client, unwrap, withSignal } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

const identities = client.api.v1.me.identities;

export type SignInMethods = InferResponseType<typeof identities.$get, 200>;
export type LinkedIdentity = SignInMethods['items'][number];

export const identitiesKey = ['me', 'identities'] as const;

export const getIdentities = ({ signal }: { signal?: AbortSignal } = {}) => unwrap(identities.$get({ query: {} }, withSignal(signal)));

export const getIdentitiesQueryOptions = () =>
  queryOptions({ queryKey: identitiesKey, meta: inlineErrors, queryFn: ({ signal }) => getIdentities({ signal }) });

export const useIdentities = () => useQuery(getIdentitiesQueryOptions());
