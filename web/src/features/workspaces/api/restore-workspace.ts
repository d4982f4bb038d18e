import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { meQueryKey } from '@/features/auth/api/get-me';
import { client, seg, unwrap } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';
import type { WorkspaceSettings } from './get-workspace';

export const restoreWorkspace = (slug: string) =>
  unwrap(client.api.v1.w[':workspace'].restore.$post({ param: { workspace: seg(slug) }, query: {} }));

export const restoreWorkspaceMutationOptions = () =>
  mutationOptions({ mutationKey: ['workspaces', 'restore'], mutationFn: restoreWorkspace });

export function useRestoreWorkspace({ onSuccess }: { onSuccess?: (data: WorkspaceSettings) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...restoreWorkspaceMutationOptions(),
    meta: inlineErrors,
    onSuccess: async (restored, slug) => {
      queryClient.removeQueries({ queryKey: ['workspaces', slug] });
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      onSuccess?.(restored);
    },
  });
}
