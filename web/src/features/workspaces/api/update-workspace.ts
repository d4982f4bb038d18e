import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { meQueryKey } from '@/features/auth/api/get-me';
import { client, seg, unwrap } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';
import { type WorkspaceSettings, workspaceKey } from './get-workspace';

const workspace = client.api.v1.w[':workspace'];

export type UpdateWorkspaceInput = InferRequestType<typeof workspace.$patch>['json'];

export const updateWorkspace = ({ slug, input }: { slug: string; input: UpdateWorkspaceInput }) =>
  unwrap(workspace.$patch({ param: { workspace: seg(slug) }, query: {}, json: input }));

export const updateWorkspaceMutationOptions = () => mutationOptions({ mutationKey: ['workspaces', 'update'], mutationFn: updateWorkspace });

export function useUpdateWorkspace({ onSuccess }: { onSuccess?: (data: WorkspaceSettings) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...updateWorkspaceMutationOptions(),
    meta: inlineErrors,
    onSuccess: async (updated) => {
      queryClient.setQueryData(workspaceKey(updated.slug), updated);
      // The switcher and the layout read name and slug from /me.
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      onSuccess?.(updated);
    },
  });
}
