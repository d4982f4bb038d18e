export const roles = ['owner', 'admin', 'member', 'viewer'] as const;
export type Role = (typeof roles)[number];

/** Who is making the request. Every credential kind resolves to one of these. */
export type Actor =
  | { type: 'user'; userId: string; sessionId: string; workspaceId: string | null; role: Role | null }
  | { type: 'api_key'; apiKeyId: string; workspaceId: string; role: Role }
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
