import { z } from '@hono/zod-openapi';
import { addTeamMemberInput, inviteInput, inviteRole, teamNameInput } from './members.input.ts';
import { pageOf } from '../router.ts';

const role = z.enum(['owner', 'admin', 'member', 'viewer']);
const person = z.object({ id: z.string(), email: z.string(), name: z.string() });

export const workspaceParams = z.object({ workspace: z.string() });
export const memberParams = z.object({ workspace: z.string(), id: z.string() });
export const teamMemberParams = z.object({ workspace: z.string(), id: z.string(), memberId: z.string() });
export const tokenParams = z.object({ token: z.string().max(200) });

export const memberSchema = z
  .object({
    id: z.string(),
    user: person,
    role,
    joined_at: z.string(),
    is_you: z.boolean(),
    avatar_url: z
      .string()
      .nullable()
      .openapi({ description: 'Where to show the member’s avatar from (it redirects to a short signed link); null when they have none' }),
  })
  .openapi('Member', {
    example: {
      id: 'mem_03hd5bdjiwv2oyqxzmz9wc49s',
      user: { id: 'usr_03hd5bdgvivh32iik6j5e4g0z', email: 'ada@example.com', name: 'Ada Lovelace' },
      role: 'owner',
      joined_at: '2026-12-06T01:44:08.287Z',
      is_you: true,
      avatar_url: '/api/v1/w/ws_03hd5bdgvh8pz6mhxbc1l0ap3/members/mem_03hd5bdjiwv2oyqxzmz9wc49s/avatar',
    },
  });
export const memberList = z.object({ items: z.array(memberSchema) }).openapi('MemberList');
export const memberPage = pageOf(memberSchema, 'MemberPage');

export const changeRoleBody = z.object({ role }).strict().openapi('ChangeMemberRoleRequest');
export const transferOwnershipBody = z.object({ member_id: z.string() }).strict().openapi('TransferOwnershipRequest');

export const inviteSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: inviteRole,
    invited_by: z.string().nullable(),
    created_at: z.string(),
    sent_at: z.string(),
    expires_at: z.string(),
    expired: z.boolean(),
  })
  .openapi('Invite');
export const invitePage = pageOf(inviteSchema, 'InvitePage');
export const createInviteBody = inviteInput.openapi('CreateInviteRequest');

const invitedWorkspace = z.object({ id: z.string(), slug: z.string(), name: z.string() });
export const invitePreview = z
  .object({
    workspace: invitedWorkspace,
    email: z.string(),
    role: inviteRole,
    inviter_name: z.string().nullable(),
    expires_at: z.string(),
    status: z.enum(['pending', 'expired', 'accepted', 'revoked']),
  })
  .openapi('InvitePreview');
export const acceptedInvite = z.object({ workspace: invitedWorkspace, role }).openapi('AcceptedInvite');

export const createTeamBody = teamNameInput.openapi('CreateTeamRequest');
export const renameTeamBody = teamNameInput.openapi('RenameTeamRequest');
export const addTeamMemberBody = addTeamMemberInput.openapi('AddTeamMemberRequest');
export const teamSummary = z
  .object({ id: z.string(), name: z.string(), member_count: z.number().int(), created_at: z.string(), updated_at: z.string() })
  .openapi('TeamSummary');
export const teamPage = pageOf(teamSummary, 'TeamPage');
export const teamDetail = z
  .object({
    id: z.string(),
    name: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
    members: z.array(z.object({ member_id: z.string(), user: person, role })),
  })
  .openapi('Team');
