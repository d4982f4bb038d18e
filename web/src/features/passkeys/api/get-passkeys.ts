import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { client, unwrap, withSignal } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

const passkeys = client.api.v1.me.passkeys;

export type PasskeyList = InferResponseType<typeof passkeys.$get, 200>;
export type Passkey = PasskeyList['items'][number];

export const passkeysKey = ['me', 'passkeys'] as const;

export const getPasskeys = ({ signal }: { signal?: AbortSignal } = {}) => unwrap(passkeys.$get({ query: {} }, withSignal(signal)));

export const getPasskeysQueryOptions = () =>
  queryOptions({ queryKey: passkeysKey, meta: inlineErrors, queryFn: ({ signal }) => getPasskeys({ signal }) });

export const usePasskeys = () => useQuery(getPasskeysQueryOptions());
