import { randomToken, sha256Hex } from '../../kernel/crypto.ts';
import { newUuid } from '../../kernel/ids.ts';
import { type RateLimiter, rateLimitRules } from '../../kernel/rate-limit.ts';
import type { MailOutbox } from '../mail/outbound-mail.ts';
import type { EmailTokenPurpose } from './email-token.repo.ts';

/**
 * What the identity flows that mail someone need from the request. `outbox` writes each mail's
 * intent into the flow's own batch (the `mail.send` job renders and sends it). `later` runs work
 * after the response is sent (`waitUntil`), logging a failure, and then relays the mail it wrote:
 * the flows that must not reveal whether an account exists answer before they even look, so both
 * answers cost the same.
 */
export interface IdentityMail {
  outbox: MailOutbox;
  rateLimiter: RateLimiter;
  later: (task: () => Promise<void>) => void;
}

/** How long each kind of mailed token stays usable. */
export const tokenLifetimeSeconds: Record<EmailTokenPurpose, number> = {
  verify_email: 24 * 3600,
  password_reset: 3600,
  // ASVS 6.5.5: a link that signs in lives at most 10 minutes.
  magic_link: 10 * 60,
  email_change: 24 * 3600,
};

/** A fresh token for `purpose`, bound to the person and the address; only its SHA-256 is stored. */
export async function newEmailToken(userId: string, email: string, purpose: EmailTokenPurpose) {
  const token = randomToken(32);
  return {
    token,
    row: {
      id: newUuid(),
      userId,
      email,
      purpose,
      tokenHash: await sha256Hex(token),
      expiresAt: new Date(Date.now() + tokenLifetimeSeconds[purpose] * 1000),
    },
  };
}

/** A token as it comes back from a link: the shape `randomToken(32)` makes, or nothing. */
export const tokenShape = /^[A-Za-z0-9_-]{43}$/;

/**
 * Whether one more mail of this kind may go to this address within the hour (keyed by the
 * address's hash). Each kind has its own budget, so flooding one (say, sign-up attempts) never
 * holds back another (a reset link the owner needs).
 */
export async function mayMail(rateLimiter: RateLimiter, kind: EmailTokenPurpose | 'signup_attempt', email: string): Promise<boolean> {
  const decision = await rateLimiter.consume(rateLimitRules.emailLinkAddress, `${kind}:${await sha256Hex(email)}`);
  return decision.allowed;
}
