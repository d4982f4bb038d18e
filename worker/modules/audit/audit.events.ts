import { z } from 'zod';
import type { NotificationKind, PublishedEventDeclaration } from '../module.ts';

/**
 * The audit module's published event: an export of the audit log was written and can be downloaded
 * (its requester is told: docs/decisions/050-notifications.md). Not for an export requested with an
 * API key: there is nobody to tell.
 */
declare module '../../kernel/bus.ts' {
  interface DomainEvents {
    'audit.export_ready': { workspaceId: string; exportId: string; requestedBy: string; rowCount: number };
  }
}

export const publishes = {
  'audit.export_ready': {
    version: 1,
    summary: 'An export of the audit log is ready to download',
    payload: z.strictObject({ exportId: z.uuid(), requestedBy: z.uuid(), rowCount: z.number().int() }),
    // Internal: the person who asked for it is told in the app; endpoints have the export's own API.
    webhook: false,
  },
} as const satisfies Record<string, PublishedEventDeclaration>;

export const notifications = {
  'audit.export_ready': { summary: 'Your audit log export is ready', category: 'product' },
} as const satisfies Record<string, NotificationKind>;
