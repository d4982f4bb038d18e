import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { meQueryKey } from '@/features/auth/api/get-me';
import { client, seg, unwrap } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';
import type { WorkspaceSettings } from './get-workspace';

export const deleteWorkspace = (slug: string) =>
  unwrap(client.api.v1.w[':workspace'].$delete({ param: { workspace: seg(slug) }, query: {} }));

export const deleteWorkspaceMutationOptions = () => mutationOptions({ mutationKey: ['workspaces', 'delete'], mutationFn: deleteWorkspace });

export function useDeleteWorkspace({ onSuccess }: { onSuccess?: (data: WorkspaceSettings) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...deleteWorkspaceMutationOptions(),
    meta: inlineErrors,
    onSuccess: async (deleted) => {
      // Everything cached for the workspace is stale now: it answers WORKSPACE_DELETED.
      queryClient.removeQueries({ queryKey: ['workspaces', deleted.slug] });
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      onSuccess?.(deleted);
    },
  });
}
