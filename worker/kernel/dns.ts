/**
 * Reads DNS TXT records, e.g. to check that a workspace controls a domain it claims.
 *
 * @example const values = await resolver.txt('_edge-saas-challenge.example.com');
 */
export interface TxtResolver {
  /** The record values (each record's strings joined), or [] when the name has none. */
  txt(name: string): Promise<string[]>;
}
