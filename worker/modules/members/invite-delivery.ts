import type { Tx } from '../../db/tenant.ts';
import type { QueryBuilder, Statement } from '../../db/gateway.ts';
import type { Bus } from '../../kernel/bus.ts';
import { AppError } from '../../kernel/errors.ts';
import { type RateLimiter, rateLimitRules } from '../../kernel/rate-limit.ts';
import { randomToken, sha256Hex } from '../../kernel/crypto.ts';
import type { MailOutbox } from '../mail/outbound-mail.ts';
import { currentWorkspaceName } from './invites.repo.ts';
import { directoryEntry } from './members.repo.ts';

export const inviteTtlDays = 7;

/** What sending an invitation needs from the request: the mail outbox, the limiter and the app's origin. */
export interface InviteDeps {
  mail: MailOutbox;
  /** Publishes `members.invited` with the invitation. */
  bus: Bus<QueryBuilder, Statement>;
  rateLimiter: RateLimiter;
  appOrigin: string;
}

/** A fresh single-use token: the link gets the token, the database only its SHA-256. */
export async function newInviteToken() {
  const token = randomToken(32);
  return { token, tokenHash: await sha256Hex(token), expiresAt: new Date(Date.now() + inviteTtlDays * 24 * 3600 * 1000) };
}

/** Every invitation email, new or resent, draws from one bucket per workspace. */
export async function takeInviteAllowance(deps: InviteDeps, workspaceId: string): Promise<void> {
  const decision = await deps.rateLimiter.consume(rateLimitRules.invites, `workspace:${workspaceId}`);
  if (decision.allowed) return;
  throw new AppError('RATE_LIMITED', `Too many invitations from this workspace, retry in ${decision.retryAfter} seconds`, {
    headers: {
      'Retry-After': String(decision.retryAfter),
      'X-RateLimit-Limit': String(decision.limit),
      'X-RateLimit-Remaining': String(decision.remaining),
      'X-RateLimit-Reset': String(Math.max(0, Math.ceil(decision.reset - Date.now() / 1000))),
    },
  });
}

/**
 * Writes the invitation mail (its link's token sealed) in the transaction that wrote the invite, so
 * both commit or neither; the `mail.send` job sends it after the response, retrying through outages.
 */
export async function sendInviteEmail(
  tx: Tx,
  deps: InviteDeps,
  invite: { email: string; role: string; token: string; invitedBy: string | null },
): Promise<void> {
  const workspaceName = (await currentWorkspaceName(tx)) ?? '';
  const inviter = invite.invitedBy ? await directoryEntry(tx, invite.invitedBy) : null;
  const acceptUrl = new URL(`/invites/${invite.token}`, deps.appOrigin).href;
  const mail = await deps.mail.prepare({
    template: 'invite',
    to: invite.email,
    params: { inviterName: inviter?.name ?? null, workspaceName, role: invite.role, acceptUrl, expiresInDays: inviteTtlDays },
  });
  await mail(tx);
}
