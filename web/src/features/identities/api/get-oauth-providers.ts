import { queryOptions, useQuery } from '@tanstack/react-query';
import { client, unwrap, withSignal } from '@/lib/api-client';

const providers = client.api.v1.auth.oauth.providers;

export const getOAuthProviders = ({ signal }: { signal?: AbortSignal } = {}) => unwrap(providers.$get({ query: {} }, withSignal(signal)));

export const getOAuthProvidersQueryOptions = () =>
  queryOptions({ queryKey: ['auth', 'oauth-providers'], queryFn: ({ signal }) => getOAuthProviders({ signal }), staleTime: Infinity });

export const useOAuthProviders = () => useQuery(getOAuthProvidersQueryOptions());
