import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { client, seg, unwrap } from '@/lib/api-client';
import { type SessionList, sessionsKey } from './get-sessions';

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
      queryClient.setQueryData<SessionList>(sessionsKey, (list) => (list ? { items: list.items.filter((s) => s.id !== sessionId) } : list));
      await queryClient.invalidateQueries({ queryKey: sessionsKey });
    },
  });
}
