import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { client, seg, unwrap } from '@/lib/api-client';
import { updateLoadedItems } from '@/lib/paged-query';
import { type Session, sessionsKey } from './get-sessions';

export interface RevokeSessionVariables {
  sessionId: string;
}

export const revokeSession = ({ sessionId }: RevokeSessionVariables) =>
  unwrap(client.api.v1.me.sessions[':id'].$delete({ param: { id: seg(sessionId) }, query: {} }));

export const revokeSessionMutationOptions = () =>
  mutationOptions({
    mutationKey: ['sessions', 'revoke'],
    mutationFn: revokeSession,
  });

export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    ...revokeSessionMutationOptions(),
    onSuccess: async (_data, { sessionId }) => {
      updateLoadedItems<Session>(queryClient, sessionsKey, (items) => items.filter((s) => s.id !== sessionId));
      await queryClient.invalidateQueries({ queryKey: sessionsKey });
    },
  });
}
