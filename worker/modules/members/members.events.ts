import { z } from 'zod';
import type { NotificationKind } from '../module.ts';

/**
 * The members module's published events: who belongs to a workspace changed (an invitation
 * accepted, a member removed; billing keeps a per-seat subscription's quantity on it), someone was
 * invited, a member's role changed (both notify people: docs/decisions/050-notifications.md).
 */
declare module '../../kernel/bus.ts' {
  interface DomainEvents {
    /** `userId`: who joined or left (absent on events published before it was added). */
    'members.changed': { workspaceId: string; change: 'joined' | 'removed'; userId?: string };
    'members.invited': { workspaceId: string; inviteId: string; email: string; role: string; invitedBy: string | null };
    'members.role_changed': { workspaceId: string; userId: string; from: string; to: string; changedBy: string | null };
  }
}

export const publishes = {
  'members.changed': {
    version: 1,
    summary: 'Who belongs to the workspace changed',
    payload: z.strictObject({ workspaceId: z.uuid(), change: z.enum(['joined', 'removed']), userId: z.uuid().optional() }),
    // Internal until its payload names the member by public id.
    webhook: false,
  },
  'members.invited': {
    version: 1,
    summary: 'Someone was invited to the workspace',
    payload: z.strictObject({ inviteId: z.uuid(), email: z.string(), role: z.string(), invitedBy: z.uuid().nullable() }),
    webhook: false,
  },
  'members.role_changed': {
    version: 1,
    summary: "A member's role changed",
    payload: z.strictObject({ userId: z.uuid(), from: z.string(), to: z.string(), changedBy: z.uuid().nullable() }),
    webhook: false,
  },
} as const;

/** The notifications people get about the members of their workspace (sent by the notifications module's consumers). */
export const notifications = {
  'member.invited': { summary: 'Someone was invited to the workspace', category: 'product', chatty: true },
  'member.joined': { summary: 'Someone joined the workspace', category: 'product' },
  'member.role_changed': { summary: 'Your role in the workspace changed', category: 'security' },
} as const satisfies Record<string, NotificationKind>;
