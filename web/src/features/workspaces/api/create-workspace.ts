import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { type MeResponse, meQueryKey } from '@/features/auth/api/get-me';
import { client, unwrap } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

const workspaces = client.api.v1.workspaces;

export type CreateWorkspaceInput = InferRequestType<typeof workspaces.$post>['json'];
export type Workspace = InferResponseType<typeof workspaces.$post, 201>;

export const createWorkspace = (input: CreateWorkspaceInput) => unwrap(workspaces.$post({ query: {}, json: input }));

export const createWorkspaceMutationOptions = () =>
  mutationOptions({
    mutationKey: ['workspaces', 'create'],
    mutationFn: createWorkspace,
  });

export function useCreateWorkspace({ onSuccess }: { onSuccess?: (data: Workspace) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...createWorkspaceMutationOptions(),
    // The form shows the error and its request id.
    meta: inlineErrors,
    onSuccess: async (workspace) => {
      // Add the membership right away so the workspace routes can resolve it before the refetch.
      queryClient.setQueryData<MeResponse | null>(meQueryKey, (me) =>
        me
          ? {
              ...me,
              memberships: [
                ...me.memberships,
                {
                  workspace: { id: workspace.id, slug: workspace.slug, name: workspace.name },
                  role: workspace.role,
                },
              ],
            }
          : me,
      );
      onSuccess?.(workspace);
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
