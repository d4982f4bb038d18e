// What passkeys.service.ts loads with import() on an isolate's first passkey request. Named
// re-exports keep the bundle to what the service calls.
export {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
export { decodeClientDataJSON, isoBase64URL } from '@simplewebauthn/server/helpers';
