import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { type MeResponse, meQueryKey } from '@/features/auth/api/get-me';
import { client, unwrap } from '@/lib/api-client';

const demo = client.api.v1.workspaces.demo;

export type DemoWorkspace = InferResponseType<typeof demo.$post, 201>;

export const openDemoWorkspace = () => unwrap(demo.$post({ query: {} }));

export const openDemoWorkspaceMutationOptions = () =>
  mutationOptions({
    mutationKey: ['workspaces', 'demo'],
    mutationFn: openDemoWorkspace,
  });

export function useOpenDemoWorkspace({ onSuccess }: { onSuccess?: (workspace: DemoWorkspace) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...openDemoWorkspaceMutationOptions(),
    onSuccess: async (workspace) => {
      queryClient.setQueryData<MeResponse | null>(meQueryKey, (me) =>
        me && !me.memberships.some((m) => m.workspace.id === workspace.id)
          ? {
              ...me,
              memberships: [
                ...me.memberships,
                { workspace: { id: workspace.id, slug: workspace.slug, name: workspace.name }, role: workspace.role },
              ],
            }
          : me,
      );
      onSuccess?.(workspace);
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
