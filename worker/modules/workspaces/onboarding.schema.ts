import { z } from '@hono/zod-openapi';

export const onboardingSchema = z
  .object({
    /** A sample workspace opened from onboarding. */
    demo: z.boolean(),
    /** When the workspace first reached its activation goal; null until then. */
    activated_at: z.string().nullable(),
    /** Progress towards the product's "first aha", when a module defines one (the sample: live projects). */
    activation: z.object({ goal: z.string(), target: z.number().int(), current: z.number().int() }).nullable(),
    /** Each item is contributed by a module (`onboarding` in its manifest), in registry order. */
    items: z.array(z.object({ id: z.string(), title: z.string(), done: z.boolean() })),
    completed: z.boolean(),
  })
  .openapi('Onboarding');

export const demoWorkspaceSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    role: z.literal('owner'),
    created_at: z.string(),
    demo: z.literal(true),
  })
  .openapi('DemoWorkspace');

export const workspaceParams = z.object({ workspace: z.string() });
