import { publicIdKind } from '../../kernel/ids.ts';

/** A browser session: `ses_…`. */
export const sessionIds = publicIdKind('session', 'ses');
