import { publicIdKind } from '../../kernel/ids.ts';

/** A passkey: `pky_…`. */
export const passkeyIds = publicIdKind('passkey', 'pky');
