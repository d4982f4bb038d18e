import { z } from 'zod';

/**
 * The members module's published events: who belongs to a workspace changed (an invitation
 * accepted, a member removed). Billing keeps a per-seat subscription's quantity on it.
 */
declare module '../../kernel/bus.ts' {
  interface DomainEvents {
    'members.changed': { workspaceId: string; change: 'joined' | 'removed' };
  }
}

export const publishes = {
  'members.changed': {
    version: 1,
    summary: 'Who belongs to the workspace changed',
    payload: z.strictObject({ workspaceId: z.uuid(), change: z.enum(['joined', 'removed']) }),
    // Internal until its payload names the member by public id.
    webhook: false,
  },
} as const;
