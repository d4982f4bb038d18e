import { mutationOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { client, unwrap } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

const verify = client.api.v1.auth.mfa.verify;

export type SecondFactorInput = InferRequestType<typeof verify.$post>['json'];

export const verifySecondFactor = (input: SecondFactorInput) => unwrap(verify.$post({ query: {}, json: input }));

export const verifySecondFactorMutationOptions = () =>
  mutationOptions({ mutationKey: ['auth', 'mfa', 'verify'], mutationFn: verifySecondFactor });

export function useVerifySecondFactor({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    ...verifySecondFactorMutationOptions(),
    meta: inlineErrors,
    onSuccess: () => {
      // Anything cached belonged to the previous session.
      queryClient.removeQueries();
      onSuccess?.();
    },
  });
}
