import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { client, unwrap } from '@/lib/api-client';
import { type ExportList, exportsKey } from './get-exports';

export const requestExport = () => unwrap(client.api.v1.me.exports.$post({ query: {} }));

export const requestExportMutationOptions = () =>
  mutationOptions({
    mutationKey: ['me', 'exports', 'request'],
    mutationFn: requestExport,
  });

export function useRequestExport() {
  const queryClient = useQueryClient();
  return useMutation({
    ...requestExportMutationOptions(),
    onSuccess: async (created) => {
      queryClient.setQueryData<ExportList>(exportsKey, (list) => ({ items: [created, ...(list?.items ?? [])] }));
      await queryClient.invalidateQueries({ queryKey: exportsKey });
    },
  });
}
