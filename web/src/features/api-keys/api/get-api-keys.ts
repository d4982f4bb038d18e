import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, seg } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';
import type { ApiKeyList } from '@/types/api';

export const apiKeysKey = (slug: string) => ['workspaces', slug, 'api-keys'] as const;

export const getApiKeys = (slug: string, { signal }: { signal?: AbortSignal } = {}) =>
  api.get<ApiKeyList>(`/w/${seg(slug)}/api-keys`, { signal });

export const getApiKeysQueryOptions = (slug: string) =>
  queryOptions({
    queryKey: apiKeysKey(slug),
    // The screen shows a first-load failure itself; later failures still toast.
    meta: inlineErrors,
    queryFn: ({ signal }) => getApiKeys(slug, { signal }),
  });

export const useApiKeys = (slug: string, { enabled = true }: { enabled?: boolean } = {}) =>
  useQuery({ ...getApiKeysQueryOptions(slug), enabled });
