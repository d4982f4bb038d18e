/**
 * The members module's published events: who belongs to a workspace changed (an invitation
 * accepted, a member removed). Billing keeps a per-seat subscription's quantity on it.
 */
declare module '../../kernel/bus.ts' {
  interface DomainEvents {
    'members.changed': { workspaceId: string; change: 'joined' | 'removed' };
  }
}

export const publishes = { 'members.changed': 1 } as const;
