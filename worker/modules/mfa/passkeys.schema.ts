import { z } from '@hono/zod-openapi';
import { passkeyNameInput } from './mfa.input.ts';

export const passkeySchema = z
  .object({
    id: z.string().openapi({ example: 'pky_0k3w7c1r2d9m5x8b4n6q0t2y1' }),
    name: z.string(),
    device_type: z.enum(['singleDevice', 'multiDevice']),
    backed_up: z.boolean(),
    created_at: z.string(),
    last_used_at: z.string().nullable(),
  })
  .openapi('Passkey');

export const passkeyList = z.object({ items: z.array(passkeySchema) }).openapi('PasskeyList');
export const passkeyParams = z.object({ id: z.string() });

/** WebAuthn JSON as the browser produces it (`@simplewebauthn/browser`); the server library verifies it. */
const credentialJson = z.object({
  id: z.string().min(1).max(1024),
  rawId: z.string().min(1).max(1024),
  type: z.literal('public-key'),
  response: z.record(z.string(), z.unknown()),
  // Extensions the app asks for none of; only the well-known outputs are kept, the rest dropped.
  clientExtensionResults: z
    .object({
      appid: z.boolean().optional(),
      credProps: z.object({ rk: z.boolean().optional() }).optional(),
      hmacCreateSecret: z.boolean().optional(),
    })
    .default({}),
  authenticatorAttachment: z.string().optional(),
});

export const registrationResponse = credentialJson.extend({
  response: z.object({
    clientDataJSON: z.string().max(4096),
    attestationObject: z.string().max(16384),
    authenticatorData: z.string().max(16384).optional(),
    transports: z.array(z.string()).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: z.string().max(4096).optional(),
  }),
});

export const authenticationResponse = credentialJson.extend({
  response: z.object({
    clientDataJSON: z.string().max(4096),
    authenticatorData: z.string().max(4096),
    signature: z.string().max(2048),
    userHandle: z.string().max(1024).optional(),
  }),
});

export const addPasskeyBody = passkeyNameInput.safeExtend({ response: registrationResponse }).openapi('AddPasskeyRequest');
export const renamePasskeyBody = passkeyNameInput.openapi('RenamePasskeyRequest');
export const passkeySignInBody = z.object({ response: authenticationResponse }).strict().openapi('PasskeySignInRequest');

/** `PublicKeyCredentialCreationOptionsJSON` / `…RequestOptionsJSON`, passed to the browser as they are. */
export const webauthnOptions = z.record(z.string(), z.unknown()).openapi('WebAuthnOptions');
