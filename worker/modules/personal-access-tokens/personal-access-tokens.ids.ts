import { publicIdKind } from '../../kernel/ids.ts';

/** A personal access token: `tok_…`. */
export const personalAccessTokenIds = publicIdKind('personalAccessToken', 'tok');
