import { z } from 'zod';

/**
 * The __item_words__ request bodies in plain zod: the routes add their OpenAPI metadata
 * (__items__.schema.ts) and the web app's __item_words__ form validates with these same schemas
 * (docs/decisions/046-one-schema-for-form-and-route.md). Nothing here may import the worker.
 */
export const __itemVar__Input = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).nullable().optional(),
  })
  .strict();

export const __itemVar__ChangesInput = __itemVar__Input
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'send at least one field');
