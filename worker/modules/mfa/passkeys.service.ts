import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { type Database, system, type TenantGateway } from '../../db/gateway.ts';
import { randomToken, sha256Hex } from '../../kernel/crypto.ts';
import { AppError } from '../../kernel/errors.ts';
import { newUuid } from '../../kernel/ids.ts';
import { type AuditContext, auditStatement, recordAudit } from '../audit/audit.service.ts';
import { completeSignIn, type SignInOutcome } from '../auth/sign-in.ts';
import { assertSignInMethodLeft, lockSignInMethods } from '../sign-in-methods.ts';
import { selectPerson } from './mfa.repo.ts';
import * as repo from './passkeys.repo.ts';
import { personOf, requireRecentReauthentication } from '../auth/reauthentication.ts';
import { passkeyIds } from './mfa.ids.ts';

/** A WebAuthn ceremony must finish within this, or start again. */
export const webauthnChallengeTtlSeconds = 5 * 60;
const rpName = 'Edge SaaS';

/** The relying party is the app's own origin: its host is the RP ID, and only it may answer. */
export interface RelyingParty {
  origin: string;
  rpId: string;
}

export const relyingPartyOf = (appOrigin: string): RelyingParty => ({ origin: appOrigin, rpId: new URL(appOrigin).hostname });

type Row = NonNullable<Awaited<ReturnType<typeof repo.insertPasskey>>>;

const toDto = (p: Row) => ({
  id: passkeyIds.toPublic(p.id),
  name: p.name,
  device_type: p.deviceType as 'singleDevice' | 'multiDevice',
  backed_up: p.backedUp,
  created_at: p.createdAt.toISOString(),
  last_used_at: p.lastUsedAt?.toISOString() ?? null,
});

const expiry = () => new Date(Date.now() + webauthnChallengeTtlSeconds * 1000);

type WebAuthnLibrary = typeof import('./webauthn.ts');
let webauthnLibrary: Promise<WebAuthnLibrary> | undefined;

/**
 * The WebAuthn library, with the ASN.1, X.509 and CBOR code under it, loads on the first passkey
 * request of an isolate rather than at start-up: most requests never need it (ARCHITECTURE.md, Start-up).
 */
function webauthn(): Promise<WebAuthnLibrary> {
  webauthnLibrary ??= import('./webauthn.ts');
  return webauthnLibrary;
}

/** The challenge the browser signed, as it reported it (checked against the stored one after). */
async function presentedChallenge(clientDataJSON: string): Promise<string> {
  const { decodeClientDataJSON } = await webauthn();
  try {
    return decodeClientDataJSON(clientDataJSON).challenge;
  } catch {
    throw new AppError('PASSKEY_REJECTED', 'The passkey response is malformed');
  }
}

export async function listPasskeys(gateway: TenantGateway) {
  const { scope, result } = await gateway.read((http) => repo.selectPasskeys(http));
  personOf(scope);
  return { items: result.map(toDto) };
}

/**
 * Options for `navigator.credentials.create`. The challenge is stored bound to this session and
 * works once. Needs a recent password confirmation, like every change of sign-in factors.
 */
export async function registrationOptions(gateway: TenantGateway, rp: RelyingParty) {
  return gateway.write(async (tx, scope) => {
    const person = personOf(scope);
    await requireRecentReauthentication(tx, person);
    const existing = await repo.selectCredentialIds(tx);
    const found = await selectPerson(tx);
    if (!found) throw new AppError('UNAUTHENTICATED', 'Sign in or present a valid API key');
    const options = await (await webauthn()).generateRegistrationOptions({
      rpName,
      rpID: rp.rpId,
      userName: found.email,
      userID: Uint8Array.from(new TextEncoder().encode(person.userId)),
      attestationType: 'none',
      excludeCredentials: existing.map((c) => ({ id: c.credentialId, transports: c.transports })),
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
      timeout: webauthnChallengeTtlSeconds * 1000,
    });
    await repo.insertChallenge(tx, {
      id: newUuid(),
      purpose: 'registration',
      challenge: options.challenge,
      userId: person.userId,
      sessionId: person.sessionId,
      expiresAt: expiry(),
    });
    return options;
  });
}

/** Verifies the authenticator's answer against this session's challenge (taken once) and stores the passkey. */
export async function addPasskey(
  gateway: TenantGateway,
  rp: RelyingParty,
  input: { name: string; response: RegistrationResponseJSON },
  context: AuditContext,
) {
  const challenge = await presentedChallenge(input.response.response.clientDataJSON);
  return gateway.write(async (tx, scope) => {
    const person = personOf(scope);
    await requireRecentReauthentication(tx, person);
    const expected = await repo.takeRegistrationChallenge(tx, person.sessionId, challenge);
    if (!expected) throw new AppError('PASSKEY_REJECTED', 'The passkey challenge is unknown, expired or already used; start again');
    const verification = await (await webauthn())
      .verifyRegistrationResponse({
        response: input.response,
        expectedChallenge: expected,
        expectedOrigin: rp.origin,
        expectedRPID: rp.rpId,
        requireUserVerification: true,
      })
      .catch((error: unknown) => {
        throw new AppError(
          'PASSKEY_REJECTED',
          `The passkey was not accepted: ${error instanceof Error ? error.message : 'invalid response'}`,
        );
      });
    if (!verification.verified) throw new AppError('PASSKEY_REJECTED', 'The passkey was not accepted');
    const info = verification.registrationInfo;
    const created = await repo.insertPasskey(tx, {
      id: newUuid(),
      userId: person.userId,
      credentialId: info.credential.id,
      publicKey: (await webauthn()).isoBase64URL.fromBuffer(info.credential.publicKey),
      counter: info.credential.counter,
      transports: info.credential.transports ?? [],
      name: input.name,
      deviceType: info.credentialDeviceType,
      backedUp: info.credentialBackedUp,
    });
    if (!created) throw new AppError('INTERNAL', 'The passkey was not stored');
    await recordAudit(
      tx,
      {
        workspaceId: null,
        actor: person,
        action: 'passkey.added',
        target: { type: 'passkey', id: created.id },
        metadata: { name: created.name },
      },
      context,
    );
    return toDto(created);
  });
}

export async function renamePasskey(gateway: TenantGateway, publicId: string, name: string, context: AuditContext) {
  const id = passkeyIds.require(publicId, 'Passkey');
  return gateway.write(async (tx, scope) => {
    const person = personOf(scope);
    const row = await repo.renamePasskey(tx, id, name);
    if (!row) throw new AppError('NOT_FOUND', 'Passkey not found');
    await recordAudit(
      tx,
      { workspaceId: null, actor: person, action: 'passkey.renamed', target: { type: 'passkey', id }, metadata: { name } },
      context,
    );
    return toDto(row);
  });
}

export async function removePasskey(gateway: TenantGateway, publicId: string, context: AuditContext) {
  const id = passkeyIds.require(publicId, 'Passkey');
  await gateway.write(async (tx, scope) => {
    const person = personOf(scope);
    await requireRecentReauthentication(tx, person);
    await lockSignInMethods(tx, person.userId);
    const row = await repo.deletePasskey(tx, id);
    if (!row) throw new AppError('NOT_FOUND', 'Passkey not found');
    await assertSignInMethodLeft(tx, 'passkey');
    await recordAudit(
      tx,
      { workspaceId: null, actor: person, action: 'passkey.removed', target: { type: 'passkey', id }, metadata: { name: row.name } },
      context,
    );
  });
}

/**
 * Options for `navigator.credentials.get` at sign-in (discoverable credentials: the authenticator
 * says who). The challenge is bound to a random token the browser holds in an HttpOnly cookie.
 */
export async function signInOptions(db: Database, rp: RelyingParty) {
  const options = await (await webauthn()).generateAuthenticationOptions({
    rpID: rp.rpId,
    userVerification: 'required',
    timeout: webauthnChallengeTtlSeconds * 1000,
  });
  const binding = randomToken(32);
  const bindingHash = await sha256Hex(binding);
  await system(db, { role: 'owner' }).query((q) =>
    repo.insertSignInChallenge(q, {
      id: newUuid(),
      purpose: 'authentication',
      challenge: options.challenge,
      bindingHash,
      expiresAt: expiry(),
    }),
  );
  return { options, binding };
}

const signInRefused = () => new AppError('INVALID_CREDENTIALS', 'That passkey could not sign you in');

/**
 * Signs in with a passkey. The browser's challenge (from its cookie) is taken once, whatever
 * follows; the assertion must be signed for our RP ID and origin with user verification, by a
 * passkey we know, with a counter that has not gone backwards. Ends through `completeSignIn`.
 */
export async function signInWithPasskey(
  db: Database,
  rp: RelyingParty,
  input: { binding: string | null; response: AuthenticationResponseJSON; previousSessionHash: string | null },
  context: AuditContext,
): Promise<SignInOutcome> {
  if (!input.binding) throw signInRefused();
  const bindingHash = await sha256Hex(input.binding);
  const taken = await system(db, { role: 'owner' }).query((q) => repo.takeSignInChallenge(q, bindingHash));
  if (!taken?.live) throw signInRefused();
  const found = await system(db, { role: 'owner' }).query((q) => repo.findPasskeyForSignIn(q, input.response.id));
  const refuse = async (reason: string) => {
    await system(db, { role: 'owner' }).query((q) =>
      auditStatement(
        q,
        {
          workspaceId: null,
          actor: { type: 'anonymous' },
          action: 'user.login_failed',
          ...(found ? { target: { type: 'user', id: found.user.id } } : {}),
          metadata: { method: 'passkey', reason },
        },
        context,
      ),
    );
    return signInRefused();
  };
  if (!found || found.user.deletedAt) throw await refuse('unknown_passkey');
  const verification = await (await webauthn())
    .verifyAuthenticationResponse({
      response: input.response,
      expectedChallenge: taken.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpId,
      requireUserVerification: true,
      credential: {
        id: input.response.id,
        publicKey: (await webauthn()).isoBase64URL.toBuffer(found.publicKey),
        counter: found.counter,
        transports: found.transports,
      },
    })
    .catch(() => null);
  if (!verification?.verified) throw await refuse('invalid_assertion');
  const counter = verification.authenticationInfo.newCounter;
  const userId = found.user.id;
  return completeSignIn(
    db,
    {
      user: found.user,
      method: 'passkey',
      previousSessionHash: input.previousSessionHash,
      auditMetadata: { passkey_id: passkeyIds.toPublic(found.id) },
      alsoRun: (http) => [
        repo.markPasskeyUsed(http, found.id, counter),
        auditStatement(
          http,
          {
            workspaceId: null,
            actor: { type: 'user', userId, sessionId: '', workspaceId: null, role: null },
            action: 'passkey.used',
            target: { type: 'passkey', id: found.id },
            metadata: { name: found.name },
          },
          context,
        ),
      ],
    },
    context,
  );
}
