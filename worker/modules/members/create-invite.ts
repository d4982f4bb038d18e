import { isUniqueViolation } from '../../db/errors.ts';
import type { TenantGateway } from '../../db/tenant-gateway.ts';
import { AppError } from '../../kernel/errors.ts';
import { newUuid } from '../../kernel/ids.ts';
import { parseRecipient } from '../../kernel/mailer.ts';
import { roleAtMost } from '../../kernel/permissions.ts';
import { assertCan, personBehind } from '../access.ts';
import { withinLimit } from '../entitlements.ts';
import { requireVerifiedEmail } from '../verified-email.ts';
import { type AuditContext, recordAudit } from '../audit/audit.service.ts';
import { type InviteDeps, newInviteToken, sendInviteEmail, takeInviteAllowance } from './invite-delivery.ts';
import { inviteDto, type InviteRole } from './invites.service.ts';
import * as repo from './invites.repo.ts';
import { isMemberEmail } from './members.repo.ts';

/**
 * The one way an invitation is created (the API and any future caller come through here), so a rule
 * about who may invite (a verified address, a plan's seat limit) is added in one place.
 *
 * The inviter cannot grant more than their own role (an API key: its effective role, at most its
 * maker's), and nobody is invited as owner: ownership is handed over by transfer. The invite records
 * the person behind the request, a key's maker included. An address that is already a member, or already has a live invite, is a
 * 409; an expired invite for the address is replaced.
 */
export async function createInvite(
  gateway: TenantGateway,
  deps: InviteDeps,
  input: { email: string; role: InviteRole },
  context: AuditContext,
) {
  const email = parseRecipient(input.email.trim(), 'email').toLowerCase();
  try {
    return await gateway.write(async (tx, scope) => {
      const workspaceId = assertCan(scope, 'invite:create');
      await requireVerifiedEmail(tx, scope);
      const ownRole = scope.actor.type === 'system' ? 'owner' : scope.actor.role;
      if (!ownRole || !roleAtMost(input.role, ownRole)) {
        throw new AppError('FORBIDDEN', 'You cannot invite someone with a higher role than your own');
      }
      if (await isMemberEmail(tx, email)) {
        throw new AppError('ALREADY_MEMBER', 'This person is already a member', { fields: { email: ['is already a member'] } });
      }
      const existing = await repo.lockPendingInviteFor(tx, email);
      if (existing && !existing.expired) {
        throw new AppError('INVITE_PENDING', 'This address already has a pending invite: resend it instead', {
          fields: { email: ['already has a pending invite'] },
        });
      }
      if (existing) await repo.revokeInvite(tx, existing.id);
      await withinLimit(scope.workspace, 'members', 1).check(tx, repo.seatsTaken);
      await takeInviteAllowance(deps, workspaceId);

      const { token, tokenHash, expiresAt } = await newInviteToken();
      const invitedBy = personBehind(scope);
      const created = await repo.insertInvite(tx, { id: newUuid(), workspaceId, email, role: input.role, tokenHash, invitedBy, expiresAt });
      if (!created) throw new AppError('INTERNAL', 'Invite was not created');
      await recordAudit(
        tx,
        {
          workspaceId,
          actor: scope.actor,
          action: 'invite.created',
          target: { type: 'invite', id: created.id },
          metadata: { email, role: input.role },
        },
        context,
      );
      const inviteId = created.id;
      for (const reaction of deps.bus.reactionsTo(
        { type: 'members.invited', workspaceId, inviteId, email, role: input.role, invitedBy },
        tx,
      )) {
        await reaction;
      }
      await sendInviteEmail(tx, deps, { email, role: input.role, token, invitedBy });
      return inviteDto(created);
    });
  } catch (error) {
    // Two invitations to one address at the same moment: the second meets the first's row.
    if (isUniqueViolation(error, 'invite_pending_email_key')) {
      throw new AppError('INVITE_PENDING', 'This address already has a pending invite: resend it instead', {
        fields: { email: ['already has a pending invite'] },
      });
    }
    throw error;
  }
}
