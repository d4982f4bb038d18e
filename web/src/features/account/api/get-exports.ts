import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { client, unwrap, withSignal } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

const exports = client.api.v1.me.exports;

export type ExportList = InferResponseType<typeof exports.$get, 200>;
export type PersonalExport = ExportList['items'][number];

export const exportsKey = ['me', 'exports'] as const;

export const getExports = ({ signal }: { signal?: AbortSignal } = {}) => unwrap(exports.$get({ query: {} }, withSignal(signal)));

const inProgress = (list: ExportList | undefined) => list?.items.some((e) => e.status === 'pending' || e.status === 'running') ?? false;

export const getExportsQueryOptions = () =>
  queryOptions({
    queryKey: exportsKey,
    meta: inlineErrors,
    queryFn: ({ signal }) => getExports({ signal }),
    // Poll while an export is being gathered, so its progress moves on screen; stop once all are settled.
    refetchInterval: (query) => (inProgress(query.state.data) ? 1000 : false),
  });

export const useExports = () => useQuery(getExportsQueryOptions());
