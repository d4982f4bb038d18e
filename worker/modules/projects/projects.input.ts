import { z } from 'zod';

/**
 * The sample's request bodies in plain zod: the routes add their OpenAPI metadata
 * (projects.schema.ts) and the web app's project form validates with these same schemas.
 */
export const projectStatus = z.enum(['active', 'archived']);
export const PROJECT_NAME_MAX = 200;
export const PROJECT_DESCRIPTION_MAX = 2000;

export const projectInput = z
  .object({
    name: z.string().trim().min(1).max(PROJECT_NAME_MAX),
    description: z.string().max(PROJECT_DESCRIPTION_MAX).nullable().optional(),
    status: projectStatus.optional(),
  })
  .strict();

export const projectChangesInput = projectInput
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'send at least one field');

/** Starts an import of projects from a CSV file uploaded through the files module. */
export const importProjectsInput = z
  .object({
    file_id: z.string().min(1).max(64),
  })
  .strict();
