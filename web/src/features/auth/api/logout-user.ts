import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { client, unwrap } from '@/lib/api-client';

export const logoutUser = () => unwrap(client.api.v1.auth.logout.$post({ query: {} }));

export const logoutUserMutationOptions = () =>
  mutationOptions({
    mutationKey: ['auth', 'logout'],
    mutationFn: logoutUser,
  });

export function useLogoutUser({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...logoutUserMutationOptions(),
    onSuccess: () => {
      // Not `setQueryData(me, null)`: the route guard would answer that with a log-in link whose
      // `redirectTo` points at this user's workspace, which the next user may not belong to.
      queryClient.removeQueries();
      onSuccess?.();
    },
  });
}
