import type { Tx } from '../../db/tenant.ts';
import type { QueryBuilder, Statement } from '../../db/gateway.ts';
import type { Bus } from '../../kernel/bus.ts';
import { AppError } from '../../kernel/errors.ts';
import { type Mailer, parseRecipient } from '../../kernel/mailer.ts';
import { type RateLimiter, rateLimitRules } from '../../kernel/rate-limit.ts';
import { randomToken, sha256Hex } from '../../kernel/crypto.ts';
import { inviteEmail } from '../mail/templates/invite.tsx';
import { currentWorkspaceName } from './invites.repo.ts';
import { directoryEntry } from './members.repo.ts';

export const inviteTtlDays = 7;

/** What sending an invitation needs from the request: the mailer, the limiter and the app's origin. */
export interface InviteDeps {
  mailer: Mailer;
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
 * Sends the invitation as the last step of the transaction that wrote it: if the provider refuses,
 * the invite is rolled back with it and the caller may simply try again.
 */
export async function sendInviteEmail(
  tx: Tx,
  deps: InviteDeps,
  invite: { email: string; role: string; token: string; invitedBy: string | null },
): Promise<void> {
  const workspaceName = (await currentWorkspaceName(tx)) ?? '';
  const inviter = invite.invitedBy ? await directoryEntry(tx, invite.invitedBy) : null;
  const acceptUrl = new URL(`/invites/${invite.token}`, deps.appOrigin).href;
  await deps.mailer.send({
    to: parseRecipient(invite.email, 'email'),
    ...(await inviteEmail({
      inviterName: inviter?.name ?? null,
      workspaceName,
      role: invite.role,
      acceptUrl,
      expiresInDays: inviteTtlDays,
      appOrigin: deps.appOrigin,
    })),
  });
}
