import { z } from 'zod';

/**
 * The invitation and team bodies in plain zod: the routes add their OpenAPI metadata
 * (members.schema.ts) and the web app's invite and team forms validate with these same schemas.
 */
export const inviteRole = z.enum(['admin', 'member', 'viewer']);

export const inviteInput = z.object({ email: z.string().trim().min(3).max(254), role: inviteRole }).strict();

export const teamNameInput = z.object({ name: z.string().trim().min(1).max(100) }).strict();

/** The member a team gains, picked from the workspace's members. */
export const addTeamMemberInput = z.object({ member_id: z.string().min(1) }).strict();
