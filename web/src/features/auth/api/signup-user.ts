import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { inlineErrors } from '@/lib/react-query';
import { api } from '@/lib/api-client';
import type { AuthResponse, SignupInput } from '@/types/api';

export const signupUser = (input: SignupInput) => api.post<AuthResponse>('/auth/signup', input);

export const signupUserMutationOptions = () =>
  mutationOptions({
    mutationKey: ['auth', 'signup'],
    mutationFn: signupUser,
  });

export function useSignupUser({ onSuccess }: { onSuccess?: (data: AuthResponse) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...signupUserMutationOptions(),
    // The form shows the error and its request id.
    meta: inlineErrors,
    onSuccess: (data) => {
      // Anything cached belonged to the previous session.
      queryClient.removeQueries();
      onSuccess?.(data);
    },
  });
}
