import { z } from '@hono/zod-openapi';

export const onboardingSchema = z
  .object({
    /** A sample workspace opened from onboarding. */
    demo: z.boolean(),
    /** When the workspace first reached its activation goal; null until then. */
    activated_at: z.string().nullable(),
    activation: z.object({ goal: z.literal('projects'), target: z.number().int(), current: z.number().int() }),
    items: z.array(z.object({ id: z.enum(['create_project', 'invite_teammate', 'create_api_key']), title: z.string(), done: z.boolean() })),
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
