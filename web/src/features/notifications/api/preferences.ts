import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { client, seg, unwrap, withSignal } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

const preferences = client.api.v1.w[':workspace']['notification-preferences'];
const preference = preferences[':kind'];

export type NotificationPreference = InferResponseType<typeof preferences.$get, 200>['items'][number];
export type PreferenceChange = InferRequestType<typeof preference.$put>['json'];

export const preferencesKey = (slug: string) => ['workspaces', slug, 'notification-preferences'] as const;

export const getPreferencesQueryOptions = (slug: string) =>
  queryOptions({
    queryKey: preferencesKey(slug),
    meta: inlineErrors,
    queryFn: ({ signal }) => unwrap(preferences.$get({ param: { workspace: seg(slug) }, query: {} }, withSignal(signal))),
  });

export const usePreferences = (slug: string) => useQuery(getPreferencesQueryOptions(slug));

export const updatePreference = ({ slug, kind, change }: { slug: string; kind: string; change: PreferenceChange }) =>
  unwrap(preference.$put({ param: { workspace: seg(slug), kind: seg(kind) }, query: {}, json: change }));

export function useUpdatePreference() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['notifications', 'update-preference'],
    mutationFn: updatePreference,
    onSettled: (_data, _error, { slug }) => queryClient.invalidateQueries({ queryKey: preferencesKey(slug) }),
  });
}
