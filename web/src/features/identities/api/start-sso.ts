import { mutationOptions, useMutation } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { client, unwrap } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

const start = client.api.v1.auth.sso.start;

export type StartSsoInput = InferRequestType<typeof start.$post>['json'];

export const startSso = (input: StartSsoInput) => unwrap(start.$post({ query: {}, json: input }));

export const startSsoMutationOptions = () => mutationOptions({ mutationKey: ['auth', 'sso', 'start'], mutationFn: startSso });

/** Finds the organisation's identity provider by the email's domain and goes there. */
export function useStartSso() {
  return useMutation({
    ...startSsoMutationOptions(),
    meta: inlineErrors,
    onSuccess: ({ authorization_url }) => window.location.assign(authorization_url),
  });
}
