import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { client, unwrap } from '@/lib/api-client';
import { updateLoadedItems } from '@/lib/paged-query';
import { type Session, sessionsKey } from './get-sessions';

const revokeOthers = client.api.v1.me.sessions['revoke-others'];

export type RevokedSessions = InferResponseType<typeof revokeOthers.$post, 200>;

export const revokeOtherSessions = () => unwrap(revokeOthers.$post({ query: {} }));

export const revokeOtherSessionsMutationOptions = () =>
  mutationOptions({
    mutationKey: ['sessions', 'revoke-others'],
    mutationFn: revokeOtherSessions,
  });

export function useRevokeOtherSessions({ onSuccess }: { onSuccess?: (result: RevokedSessions) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...revokeOtherSessionsMutationOptions(),
    onSuccess: async (result) => {
      updateLoadedItems<Session>(queryClient, sessionsKey, (items) => items.filter((s) => s.current));
      onSuccess?.(result);
      await queryClient.invalidateQueries({ queryKey: sessionsKey });
    },
  });
}
