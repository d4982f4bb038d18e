import { mutationOptions, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { client, seg, unwrap, withSignal } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

const connection = client.api.v1.w[':workspace']['sso-connection'];
const domains = connection.domains;
const domain = domains[':domain'];

export type SsoConnection = InferResponseType<typeof connection.$get, 200>;
export type SaveSsoConnectionInput = InferRequestType<typeof connection.$put>['json'];

export const ssoConnectionKey = (slug: string) => ['workspaces', slug, 'sso-connection'] as const;

export const getSsoConnection = ({ slug, signal }: { slug: string; signal?: AbortSignal }) =>
  unwrap(connection.$get({ param: { workspace: seg(slug) }, query: {} }, withSignal(signal)));

export const getSsoConnectionQueryOptions = (slug: string) =>
  queryOptions({
    queryKey: ssoConnectionKey(slug),
    meta: inlineErrors,
    queryFn: ({ signal }) => getSsoConnection({ slug, signal }),
  });

export const useSsoConnection = (slug: string) => useQuery(getSsoConnectionQueryOptions(slug));

export const saveSsoConnection = ({ slug, input }: { slug: string; input: SaveSsoConnectionInput }) =>
  unwrap(connection.$put({ param: { workspace: seg(slug) }, query: {}, json: input }));
export const deleteSsoConnection = ({ slug }: { slug: string }) =>
  unwrap(connection.$delete({ param: { workspace: seg(slug) }, query: {} }));
export const addSsoDomain = ({ slug, name }: { slug: string; name: string }) =>
  unwrap(domains.$post({ param: { workspace: seg(slug) }, query: {}, json: { domain: name } }));
export const verifySsoDomain = ({ slug, name }: { slug: string; name: string }) =>
  unwrap(domain.verify.$post({ param: { workspace: seg(slug), domain: seg(name) }, query: {} }));
export const removeSsoDomain = ({ slug, name }: { slug: string; name: string }) =>
  unwrap(domain.$delete({ param: { workspace: seg(slug), domain: seg(name) }, query: {} }));

/** Every change answers with the whole connection; it replaces what the screen shows. */
function useConnectionMutation<V extends { slug: string }>(key: string, mutationFn: (variables: V) => Promise<SsoConnection>) {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationOptions({ mutationKey: ['sso', key], mutationFn }),
    meta: inlineErrors,
    onSuccess: (saved, { slug }) => queryClient.setQueryData(ssoConnectionKey(slug), saved),
  });
}

export const useSaveSsoConnection = () => useConnectionMutation('save', saveSsoConnection);
export const useAddSsoDomain = () => useConnectionMutation('add-domain', addSsoDomain);
export const useVerifySsoDomain = () => useConnectionMutation('verify-domain', verifySsoDomain);
export const useRemoveSsoDomain = () => useConnectionMutation('remove-domain', removeSsoDomain);

/** Deleting the connection takes its domains with it; the page goes back to offering a new one. */
export const useDeleteSsoConnection = () => {
  const queryClient = useQueryClient();
  return useMutation({
    ...mutationOptions({ mutationKey: ['sso', 'delete'], mutationFn: deleteSsoConnection }),
    meta: inlineErrors,
    onSuccess: (_, { slug }) => queryClient.resetQueries({ queryKey: ssoConnectionKey(slug) }),
  });
};
