import type { TokenScope } from './actor.ts';

/**
 * A credential as the request presented it, reduced to what the database checks: a hash of the
 * secret (session, API key, personal access token) or, for an access token whose signature and
 * claims were already verified, its token family id and subject.
 */
export type PresentedCredential =
  | { kind: 'session' | 'api_key'; tokenHash: string }
  | { kind: 'access_token' /** The token family id (the `fam` claim). */; tokenHash: string; subject: string }
  | { kind: 'pat'; tokenHash: string; scopes: readonly TokenScope[] };

export const personalAccessTokenPrefix = 'pat_';

/**
 * A personal access token carries its scopes in its prefix (`pat_r_…`, `pat_w_…`, `pat_rw_…`).
 * The whole string is what is hashed and stored, so changing the scope part yields an unknown token:
 * the scopes read here are exactly the ones the token was created with.
 */
const scopeCodes = { r: ['read'], w: ['write'], rw: ['read', 'write'] } as const satisfies Record<string, readonly TokenScope[]>;
type ScopeCode = keyof typeof scopeCodes;

const patPattern = /^pat_(r|w|rw)_[A-Za-z0-9_-]{43}$/;

export function scopeCodeOf(scopes: readonly TokenScope[]): ScopeCode {
  const read = scopes.includes('read');
  const write = scopes.includes('write');
  return read && write ? 'rw' : write ? 'w' : 'r';
}

/** The scopes a well-formed personal access token names, or null when it is not one. */
export function patScopes(token: string): readonly TokenScope[] | null {
  const code = patPattern.exec(token)?.[1] as ScopeCode | undefined;
  return code ? scopeCodes[code] : null;
}
