/**
 * Prints JWT_SIGNING_KEYS with a new ES256 key in front of the current ones (read from the
 * environment variable, if set): the first step of a key rotation.
 *
 *   JWT_SIGNING_KEYS='[…current…]' node scripts/new-signing-key.ts | npx wrangler secret put JWT_SIGNING_KEYS
 *
 * See docs/decisions/019-access-and-refresh-tokens.md for the whole rotation.
 */
import { newSigningKey } from './signing-key.ts';

const current: unknown[] = process.env.JWT_SIGNING_KEYS ? JSON.parse(process.env.JWT_SIGNING_KEYS) : [];
if (!Array.isArray(current)) throw new Error('JWT_SIGNING_KEYS must be a JSON array');
process.stdout.write(`${JSON.stringify([newSigningKey(), ...current])}\n`);
