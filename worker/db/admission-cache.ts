import type { Principal, Scope } from './tenant.ts';

/**
 * Scopes that admitted a batched write, kept by the isolate for a short while so that the next
 * write with the same credential, in the same workspace, skips the credential check's round trip.
 * Safe because a batched write re-checks its admission inside its own transaction (`admit_write`):
 * a stale entry costs a retry, never a wrong write. The gateway serves only admissions from here,
 * never refusals: a scope the action is refused on is checked afresh.
 */
export class AdmissionCache {
  readonly #entries = new Map<string, { scope: Scope; expiresAt: number }>();

  constructor(
    private readonly ttlMs = 30_000,
    private readonly maxEntries = 1_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(principal: Principal): Scope | null {
    const key = keyOf(principal);
    const entry = this.#entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt > this.now()) return entry.scope;
    this.#entries.delete(key);
    return null;
  }

  set(principal: Principal, scope: Scope): void {
    const key = keyOf(principal);
    this.#entries.delete(key);
    if (this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, { scope, expiresAt: this.now() + this.ttlMs });
  }

  delete(principal: Principal): void {
    this.#entries.delete(keyOf(principal));
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** The credential as presented (its hash, never the secret) and the workspace as the path names it. */
function keyOf({ credential, workspace }: Principal): string {
  const subject = credential.kind === 'access_token' ? credential.subject : '';
  return [credential.kind, credential.tokenHash, subject, workspace?.id ?? '', workspace?.slug ?? ''].join('\u0000');
}

/** One per isolate: Workers keep module state between the requests an isolate serves. */
export const isolateAdmissions = new AdmissionCache();
