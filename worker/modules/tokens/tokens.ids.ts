import { publicIdKind } from '../../kernel/ids.ts';

/** One app sign-in (a token family), listed and revoked beside sessions: `tfm_…`. */
export const tokenFamilyIds = publicIdKind('tokenFamily', 'tfm');
