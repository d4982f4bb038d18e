import { publicIdKind } from '../../kernel/ids.ts';

/** A linked sign-in identity (Google, GitHub): `idn_…`. */
export const oauthAccountIds = publicIdKind('oauthAccount', 'idn');

/** A workspace’s single sign-on connection: `sso_…`. */
export const ssoConnectionIds = publicIdKind('ssoConnection', 'sso');
