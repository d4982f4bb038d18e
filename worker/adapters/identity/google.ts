import { OidcClient, type OidcMetadata } from './oidc.ts';

/** Google's published endpoints (https://accounts.google.com/.well-known/openid-configuration). */
const googleMetadata: OidcMetadata = {
  issuer: 'https://accounts.google.com',
  authorizationEndpoint: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenEndpoint: 'https://oauth2.googleapis.com/token',
  jwksUri: 'https://www.googleapis.com/oauth2/v3/certs',
};

/** The same paths on one other origin: a local stand-in that speaks Google's protocol. */
function metadataAt(base: string): OidcMetadata {
  const origin = base.replace(/\/+$/, '');
  return {
    issuer: origin,
    authorizationEndpoint: `${origin}/o/oauth2/v2/auth`,
    tokenEndpoint: `${origin}/token`,
    jwksUri: `${origin}/oauth2/v3/certs`,
  };
}

/**
 * Sign-in with Google: OpenID Connect with PKCE and a nonce; the ID token is verified against
 * Google's JWKS, and only `email_verified: true` counts as a verified email.
 */
export function googleProvider(options: { clientId: string; clientSecret: string; redirectUri: string; baseUrl?: string | undefined }) {
  return new OidcClient({
    metadata: options.baseUrl ? metadataAt(options.baseUrl) : googleMetadata,
    // Google documents both spellings of its issuer in `iss`.
    issuerAliases: options.baseUrl ? [] : ['accounts.google.com'],
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    redirectUri: options.redirectUri,
  });
}
