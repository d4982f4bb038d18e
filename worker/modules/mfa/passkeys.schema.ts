import { z } from '@hono/zod-openapi';

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

const passkeyName = z.string().trim().min(1).max(64);

/** WebAuthn JSON as produced by the browser (`@simplewebauthn/browser`); verified by the server library. */
const credentialJson = z
  .object({
    id: z.string().min(1).max(1024),
    rawId: z.string().min(1).max(1024),
    type: z.literal('public-key'),
    response: z.record(z.string(), z.unknown()),
    clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
    authenticatorAttachment: z.string().optional(),
  })
  .passthrough();

export const registrationResponse = credentialJson.extend({
  response: z
    .object({ clientDataJSON: z.string().max(4096), attestationObject: z.string().max(16384), transports: z.array(z.string()).optional() })
    .passthrough(),
});

export const authenticationResponse = credentialJson.extend({
  response: z
    .object({
      clientDataJSON: z.string().max(4096),
      authenticatorData: z.string().max(4096),
      signature: z.string().max(2048),
      userHandle: z.string().max(1024).optional(),
    })
    .passthrough(),
});

export const addPasskeyBody = z.object({ name: passkeyName, response: registrationResponse }).strict().openapi('AddPasskeyRequest');
export const renamePasskeyBody = z.object({ name: passkeyName }).strict().openapi('RenamePasskeyRequest');
export const passkeySignInBody = z.object({ response: authenticationResponse }).strict().openapi('PasskeySignInRequest');

/** `PublicKeyCredentialCreationOptionsJSON` / `…RequestOptionsJSON`, passed to the browser as they are. */
export const webauthnOptions = z.record(z.string(), z.unknown()).openapi('WebAuthnOptions');
