import type { Actor, Role, TokenScope } from './actor.ts';

/**
 * Every permission decision in the app goes through `can()`. Each module declares its own rows
 * (action → the lowest role allowed) in `modules/<m>/<m>.permissions.ts`; the app hands the table
 * assembled from the module registry to `can()` (`modules/access.ts`). Handlers and services never
 * compare role names themselves.
 *
 * This file is shared with the web app as a value (scripts/boundaries.ts, `sharedWithWeb`): it
 * imports types only.
 */

/**
 * The names of every module's actions. Each `<m>.permissions.ts` adds its own by declaration
 * merging (`interface PermissionRegistry extends ActionsOf<typeof permissions> {}`), so an action
 * name is checked by the compiler without a central list, and deleting a module removes its names.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in each module's permissions file
export interface PermissionRegistry {}
export type Action = keyof PermissionRegistry & string;

/** A module's rows: each action and the lowest role allowed to take it (roles are ordered). */
export type PermissionRows = { readonly [action: string]: Role };
export type ActionsOf<R extends PermissionRows> = { readonly [A in keyof R]: R[A] };

const rank: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

/** The role × action table, assembled from every module's rows; an action named twice is an error. */
export class PermissionTable {
  readonly #lowest = new Map<string, Role>();

  constructor(rows: Iterable<PermissionRows>) {
    for (const row of rows) {
      for (const [action, role] of Object.entries(row)) {
        if (this.#lowest.has(action)) throw new Error(`Permission ${action} is declared twice`);
        this.#lowest.set(action, role);
      }
    }
  }

  /** Every action, in declaration order. */
  get actions(): Action[] {
    return [...this.#lowest.keys()] as Action[];
  }

  /** The lowest role allowed `action`, or null for an action no module declares (nobody may take it). */
  lowestRole(action: Action): Role | null {
    return this.#lowest.get(action) ?? null;
  }

  /** What the role may do, before credentials narrow it: the one rule the web app hides controls by. */
  allows(role: Role, action: Action): boolean {
    const lowest = this.#lowest.get(action);
    return lowest !== undefined && rank[role] >= rank[lowest];
  }
}

/** A resource the action targets; today only its workspace matters, ownership rules can join later. */
export interface Resource {
  workspaceId: string;
}

export function can(table: PermissionTable, actor: Actor, action: Action, resource: Resource): boolean {
  if (actor.type === 'system') return true;
  if (actor.workspaceId !== resource.workspaceId || actor.role === null) return false;
  if (credentialActions.has(action) && !mayMintCredentials(actor)) return false;
  if (actor.type === 'user' && !tokenAllows(actor, action)) return false;
  return table.allows(actor.role, action);
}

/**
 * Actions that mint a credential, hand one to someone, or change who can sign in to the workspace
 * (its SSO connection and domains). Only a person signed in does them: a session or an access
 * token. An API key or a personal access token never does, whatever its role or scopes, so no
 * credential outlives or out-ranks the one that made it (docs/decisions/029-credential-authority.md).
 */
export const credentialActions: ReadonlySet<string> = new Set(['api_key:create', 'api_key:transfer', 'sso:manage']);

/** True for the principals that may do `credentialActions`: a person's session or access token. */
export function mayMintCredentials(actor: Actor): boolean {
  if (actor.type === 'system') return true;
  return actor.type === 'user' && actor.via !== 'pat';
}

/**
 * A personal access token narrows what its person may do: `read` allows the `…:read` actions,
 * `write` the others, except `credentialActions`, which a token never does (an expiring token
 * must not mint a key that outlives it). Sessions and access tokens are unrestricted.
 */
export function scopeAllows(scope: TokenScope, action: Action): boolean {
  const name: string = action;
  const reads = name.endsWith(':read');
  return scope === 'read' ? reads : !reads && !credentialActions.has(name);
}

function tokenAllows(actor: Extract<Actor, { type: 'user' }>, action: Action): boolean {
  if (actor.via !== 'pat') return true;
  return (actor.scopes ?? []).some((scope) => scopeAllows(scope, action));
}

/** True when a personal access token with these scopes may make a request with `method` at all. */
export function scopesAllowMethod(scopes: readonly TokenScope[], method: string): boolean {
  return ['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase()) || scopes.includes('write');
}

/** True when `role` grants no more than `ceiling` (a key, an invitation or a role change never out-ranks its maker). */
export function roleAtMost(role: Role, ceiling: Role): boolean {
  return rank[role] <= rank[ceiling];
}
