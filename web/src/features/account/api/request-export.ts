import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { client, unwrap } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';
import { type ExportList, exportsKey } from './get-exports';

export const requestExport = () => unwrap(client.api.v1.me.exports.$post({ query: {} }));

/** Asks the export's job to stop; it ends cancelled before its next part. */
export const cancelExport = (id: string) => unwrap(client.api.v1.me.exports[':id'].cancel.$post({ param: { id }, query: {} }));

export const requestExportMutationOptions = () =>
  mutationOptions({
    mutationKey: ['me', 'exports', 'request'],
    // The section shows a refusal itself (e.g. the day's exports used up, with when to come back).
    meta: inlineErrors,
    mutationFn: requestExport,
  });

export function useRequestExport() {
  const queryClient = useQueryClient();
  return useMutation({
    ...requestExportMutationOptions(),
    onSuccess: async (created) => {
      // While an export runs, a new request answers with that same export: never list it twice.
      queryClient.setQueryData<ExportList>(exportsKey, (list) => ({
        items: [created, ...(list?.items ?? []).filter((item) => item.id !== created.id)],
      }));
      await queryClient.invalidateQueries({ queryKey: exportsKey });
    },
  });
}
