export const roles = ['owner', 'admin', 'member', 'viewer'] as const;
export type Role = (typeof roles)[number];

/** What a personal access token may do on its person's behalf (see `can()`). */
export const tokenScopes = ['read', 'write'] as const;
export type TokenScope = (typeof tokenScopes)[number];

/** Who is making the request. Every credential kind resolves to one of these. */
export type Actor =
  | {
      type: 'user';
      userId: string;
      /** The browser session; null when the person acts through an access token or a personal access token. */
      sessionId: string | null;
      workspaceId: string | null;
      role: Role | null;
      /** How the person signed this request; absent means a browser session. */
      via?: 'access_token' | 'pat';
      /** A personal access token's scopes: the person may do at most these. Absent means unrestricted. */
      scopes?: readonly TokenScope[];
    }
  | {
      type: 'api_key';
      apiKeyId: string;
      workspaceId: string;
      /** The lower of the key's own role and its maker's current role in the workspace. */
      role: Role;
      /** The person who made the key and for whom it acts; they must still be a member. */
      madeBy: string;
    }
  | { type: 'system'; reason: string };

export function actorId(actor: Actor): string {
  switch (actor.type) {
    case 'user':
      return actor.userId;
    case 'api_key':
      return actor.apiKeyId;
    case 'system':
      return `system:${actor.reason}`;
  }
}
