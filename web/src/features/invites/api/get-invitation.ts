import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { client, seg, unwrap, withSignal } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

const invitation = client.api.v1.invites[':token'];

export type Invitation = InferResponseType<typeof invitation.$get, 200>;

export const invitationKey = (token: string) => ['invitations', token] as const;

export const getInvitation = (token: string, { signal }: { signal?: AbortSignal } = {}) =>
  unwrap(invitation.$get({ param: { token: seg(token) }, query: {} }, withSignal(signal)));

export const getInvitationQueryOptions = (token: string) =>
  queryOptions({
    queryKey: invitationKey(token),
    meta: inlineErrors,
    queryFn: ({ signal }) => getInvitation(token, { signal }),
  });

export const useInvitation = (token: string) => useQuery(getInvitationQueryOptions(token));
