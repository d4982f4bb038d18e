/**
 * Pages that read a token from their address send no Referer anywhere (the static host also sets
 * `Referrer-Policy: no-referrer` on them, see web/public/_headers). React hoists this into <head>.
 */
export const NoReferrer = () => <meta name="referrer" content="no-referrer" />;
