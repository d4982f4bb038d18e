import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { inlineErrors } from '@/lib/react-query';
import { api } from '@/lib/api-client';
import type { AuthResponse, LoginInput } from '@/types/api';

export const loginUser = (input: LoginInput) => api.post<AuthResponse>('/auth/login', input);

export const loginUserMutationOptions = () =>
  mutationOptions({
    mutationKey: ['auth', 'login'],
    mutationFn: loginUser,
  });

export function useLoginUser({ onSuccess }: { onSuccess?: (data: AuthResponse) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...loginUserMutationOptions(),
    // The form shows the error and its request id.
    meta: inlineErrors,
    onSuccess: (data) => {
      // Anything cached belonged to the previous session.
      queryClient.removeQueries();
      onSuccess?.(data);
    },
  });
}
