import { z } from '@hono/zod-openapi';

export const workspaceParams = z.object({ workspace: z.string() });

export const flagList = z
  .object({
    /** Every flag a module declares, by name: on or off for the caller in this workspace. */
    flags: z.record(z.string(), z.boolean()),
  })
  .openapi('FeatureFlags', { example: { flags: { 'projects.csv-import': true } } });
