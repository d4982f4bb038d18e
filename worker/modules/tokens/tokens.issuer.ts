import type { Context } from 'hono';
import type { AppEnv } from '../../env.ts';
import { AppError } from '../../kernel/errors.ts';
import { tokenIssuer } from '../../kernel/jwt.ts';

/** The configured token issuer; 503 when the deployment has no signing keys. */
export function issuerOf(c: Context<AppEnv>) {
  const issuer = tokenIssuer(c.get('config'));
  if (!issuer) throw new AppError('SERVICE_UNAVAILABLE', 'Token sign-in is not configured (JWT_SIGNING_KEYS is not set)');
  return issuer;
}
