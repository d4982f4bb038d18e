import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { type MeResponse, meQueryKey } from '@/features/auth/api/get-me';
import { client, seg, unwrap } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

export const leaveWorkspace = ({ slug }: { slug: string }) =>
  unwrap(client.api.v1.w[':workspace'].leave.$post({ param: { workspace: seg(slug) }, query: {} }));

export const leaveWorkspaceMutationOptions = () =>
  mutationOptions({
    mutationKey: ['workspaces', 'leave'],
    mutationFn: leaveWorkspace,
  });

export function useLeaveWorkspace({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...leaveWorkspaceMutationOptions(),
    // The section shows why leaving was refused (the last owner).
    meta: inlineErrors,
    onSuccess: async (_data, { slug }) => {
      queryClient.setQueryData<MeResponse | null>(meQueryKey, (me) =>
        me ? { ...me, memberships: me.memberships.filter((m) => m.workspace.slug !== slug) } : me,
      );
      onSuccess?.();
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
