import { publicIdKind } from '../../kernel/ids.ts';

/** A workspace's API key: `key_…` (the key itself is `sk_…`, shown once). */
export const apiKeyIds = publicIdKind('apiKey', 'key');
