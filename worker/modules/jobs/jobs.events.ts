import { z } from 'zod';
import type { NotificationKind, PublishedEventDeclaration } from '../module.ts';

/**
 * A job of the workspace failed on its last attempt and was stored as its `job_failure` (published by
 * the queue consumer with the failure, `queues/job-log.repo.ts`): its admins are told, and may send it again.
 */
declare module '../../kernel/bus.ts' {
  interface DomainEvents {
    'jobs.failed': { workspaceId: string; failureId: string; job: string };
  }
}

export const publishes = {
  'jobs.failed': {
    version: 1,
    summary: 'A background job failed on its last attempt',
    payload: z.strictObject({ failureId: z.uuid(), job: z.string() }),
    // Internal: a failure's details are for the workspace's admins, in the app.
    webhook: false,
  },
} as const satisfies Record<string, PublishedEventDeclaration>;

export const notifications = {
  'job.failed': { summary: 'A background job failed', category: 'product' },
} as const satisfies Record<string, NotificationKind>;
