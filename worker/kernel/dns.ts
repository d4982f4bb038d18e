/**
 * Reads DNS TXT records, e.g. to check that a workspace controls a domain it claims.
 *
 * @example const values = await resolver.txt('_edge-saas-challenge.example.com');
 */
export interface TxtResolver {
  /** The record values (each record's strings joined), or [] when the name has none. */
  txt(name: string): Promise<string[]>;
}

/**
 * Resolves a host name to the addresses it points at (A and AAAA), e.g. to refuse a webhook URL
 * whose host resolves to a private address.
 *
 * @example const addresses = await resolver.addresses('hooks.example.com'); // ['93.184.216.34', '2606:2800:220:1::']
 */
export interface AddressResolver {
  /** Every IPv4 and IPv6 address the name resolves to, or [] when it resolves to none. */
  addresses(name: string): Promise<string[]>;
}
