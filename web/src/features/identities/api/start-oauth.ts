import { mutationOptions, useMutation } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { client, seg, unwrap } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

const start = client.api.v1.auth.oauth[':provider'].start;

export type StartOAuthInput = InferRequestType<typeof start.$post>['json'];

export interface StartOAuthVariables {
  provider: string;
  input: StartOAuthInput;
}

export const startOAuth = ({ provider, input }: StartOAuthVariables) =>
  unwrap(start.$post({ param: { provider: seg(provider) }, query: {}, json: input }));

export const startOAuthMutationOptions = () => mutationOptions({ mutationKey: ['auth', 'oauth', 'start'], mutationFn: startOAuth });

/** Starts at the provider: the API sets the state cookie, then the browser leaves for the provider. */
export function useStartOAuth() {
  return useMutation({
    ...startOAuthMutationOptions(),
    meta: inlineErrors,
    onSuccess: ({ authorization_url }) => window.location.assign(authorization_url),
  });
}
