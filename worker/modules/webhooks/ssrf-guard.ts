import type { AddressResolver } from '../../kernel/dns.ts';
import { AppError } from '../../kernel/errors.ts';
import { parseIpv4, refusedAddress } from './ip-ranges.ts';

/** What decides whether a webhook URL may be called. */
export interface UrlPolicy {
  /** Outside `development`, only `https` is accepted. */
  readonly appEnv: string;
  /**
   * Origins exempt from the address checks (and from `https`), named by the operator for local
   * receivers in development and tests; configuration refuses them in production.
   */
  readonly exemptOrigins: readonly string[];
  readonly resolver: AddressResolver;
}

/** Names that point inside the network whatever DNS says. */
const internalNames = [/^localhost$/, /\.localhost$/, /^metadata\.google\.internal$/, /^metadata$/];

const refuse = (why: string): never => {
  throw new AppError('VALIDATION_FAILED', `The webhook URL is refused: ${why}`, { fields: { url: [why] } });
};

function parseUrl(raw: string): URL {
  try {
    return new URL(raw);
  } catch {
    return refuse('not a valid absolute URL');
  }
}

/**
 * Checks a webhook URL at registration and again before every delivery (a name may be pointed
 * elsewhere in between). The WHATWG URL parser first turns every spelling of an address (decimal,
 * octal, hex, short forms, IPv4-mapped IPv6) into its canonical text, and takes userinfo apart from
 * the host; the address is judged after that, never the string. A name is resolved (A and AAAA) and
 * refused when any of its addresses is. Answers the parsed URL; throws `VALIDATION_FAILED` on `url`.
 */
export async function checkWebhookUrl(raw: string, policy: UrlPolicy): Promise<URL> {
  const url = parseUrl(raw);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') refuse('only https URLs are accepted');
  if (policy.exemptOrigins.includes(url.origin)) return url;
  if (url.protocol !== 'https:' && policy.appEnv !== 'development') refuse('only https URLs are accepted');
  if (url.username || url.password) refuse('credentials in the URL are not accepted');
  const host = url.hostname;
  if (host.startsWith('[') || parseIpv4(host) !== null) {
    const why = refusedAddress(host);
    if (why) refuse(`the address is ${why}`);
    return url;
  }
  const name = host.replace(/\.+$/, '');
  if (name === '' || internalNames.some((pattern) => pattern.test(name))) refuse('the host is internal');
  const addresses = await policy.resolver.addresses(name);
  if (addresses.length === 0) refuse('the host does not resolve');
  for (const address of addresses) {
    const why = refusedAddress(address);
    if (why) refuse(`the host resolves to an address that is ${why}`);
  }
  return url;
}
