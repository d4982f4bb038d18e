import { CodeChallengeMethod, OAuth2Client } from 'arctic';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import {
  type AuthorizationRequest,
  type IdentityProvider,
  IdentityProviderError,
  type ProviderIdentity,
} from '../../kernel/identity-provider.ts';
import { exchangeCode } from './token.ts';

/** The parts of an OpenID Provider's metadata a sign-in needs. */
export interface OidcMetadata {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  /** Where claims left out of the ID token can be read (OpenID Connect Core 5.3). */
  userinfoEndpoint?: string | undefined;
}

export interface OidcClientOptions {
  metadata: OidcMetadata;
  /** Other spellings of the issuer the provider puts in `iss` (Google also uses `accounts.google.com`). */
  issuerAliases?: string[];
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scopes?: string[];
  /**
   * Whether an ID token without `email_verified` counts as verified. Only for a provider that is
   * authoritative for the email's domain (a workspace's IdP for its verified domains).
   */
  trustEmailWithoutVerifiedClaim?: boolean;
}

const clockToleranceSeconds = 60;

/**
 * OpenID Connect authorization code flow with PKCE (S256) and a nonce. The ID token is verified with
 * jose against the provider's JWKS: signature, `iss`, `aud`, expiry, and the nonce of this request.
 */
export class OidcClient implements IdentityProvider {
  readonly #client: OAuth2Client;

  constructor(private readonly options: OidcClientOptions) {
    this.#client = new OAuth2Client(options.clientId, options.clientSecret, options.redirectUri);
  }

  async authorizationUrl(request: AuthorizationRequest): Promise<URL> {
    const url = this.#client.createAuthorizationURLWithPKCE(
      this.options.metadata.authorizationEndpoint,
      request.state,
      CodeChallengeMethod.S256,
      request.codeVerifier,
      this.options.scopes ?? ['openid', 'email', 'profile'],
    );
    url.searchParams.set('nonce', request.nonce);
    if (request.loginHint) url.searchParams.set('login_hint', request.loginHint);
    return url;
  }

  async identify(code: string, request: AuthorizationRequest): Promise<ProviderIdentity> {
    const tokens = await exchangeCode(this.#client, this.options.metadata.tokenEndpoint, code, request.codeVerifier);
    let idToken: string;
    try {
      idToken = tokens.idToken();
    } catch (error) {
      throw new IdentityProviderError('no_id_token', 'The provider answered without an ID token', { cause: error });
    }
    const claims = await this.#verify(idToken);
    if (claims.nonce !== request.nonce) throw new IdentityProviderError('nonce_mismatch', 'The ID token was not issued for this sign-in');
    if (typeof claims.sub !== 'string' || claims.sub === '') throw new IdentityProviderError('no_subject', 'The ID token names no subject');
    // Providers that conform strictly put scope claims only at the userinfo endpoint.
    const profile = typeof claims.email === 'string' ? claims : await this.#userinfo(tokens.accessToken(), claims.sub);
    const email = typeof profile.email === 'string' ? profile.email.trim().toLowerCase() : null;
    const verifiedClaim = profile.email_verified;
    const emailVerified =
      verifiedClaim === true ||
      verifiedClaim === 'true' ||
      (verifiedClaim === undefined && this.options.trustEmailWithoutVerifiedClaim === true);
    return {
      subject: claims.sub,
      email,
      emailVerified: email !== null && emailVerified,
      name: typeof profile.name === 'string' ? profile.name : null,
    };
  }

  async #userinfo(accessToken: string, subject: string): Promise<Record<string, unknown>> {
    const endpoint = this.options.metadata.userinfoEndpoint;
    if (!endpoint) return {};
    let body: Record<string, unknown>;
    try {
      const response = await fetch(endpoint, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      body = (await response.json()) as Record<string, unknown>;
    } catch (error) {
      throw new IdentityProviderError('userinfo_failed', 'The provider’s userinfo endpoint did not answer properly', { cause: error });
    }
    // Userinfo about anyone but the ID token's subject must not be used (OpenID Connect Core 5.3.2).
    if (body.sub !== subject) throw new IdentityProviderError('userinfo_subject_mismatch', 'Userinfo names another subject');
    return body;
  }

  async #verify(idToken: string) {
    const { metadata, issuerAliases = [], clientId } = this.options;
    try {
      const jwks = createRemoteJWKSet(new URL(metadata.jwksUri));
      const { payload } = await jwtVerify(idToken, jwks, {
        issuer: [metadata.issuer, ...issuerAliases],
        audience: clientId,
        clockTolerance: clockToleranceSeconds,
      });
      return payload;
    } catch (error) {
      if (error instanceof joseErrors.JOSEError) {
        throw new IdentityProviderError('invalid_id_token', `The ID token was refused: ${error.code}`, { cause: error });
      }
      throw new IdentityProviderError('jwks_unreachable', 'The provider’s signing keys could not be read', { cause: error });
    }
  }
}

/**
 * Reads `<issuer>/.well-known/openid-configuration`. The document must name the same issuer,
 * exactly (OpenID Connect Discovery 1.0, section 4.3), so a look-alike cannot stand in.
 */
export async function discoverOidc(issuer: string): Promise<OidcMetadata> {
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  let document: Record<string, unknown>;
  try {
    const response = await fetch(url, { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    document = (await response.json()) as Record<string, unknown>;
  } catch (error) {
    throw new IdentityProviderError('discovery_failed', `Could not read ${url}`, { cause: error });
  }
  const { issuer: named, authorization_endpoint, token_endpoint, jwks_uri, userinfo_endpoint } = document;
  if (named !== issuer)
    throw new IdentityProviderError('issuer_mismatch', `The discovery document names issuer ${String(named)}, not ${issuer}`);
  if (typeof authorization_endpoint !== 'string' || typeof token_endpoint !== 'string' || typeof jwks_uri !== 'string') {
    throw new IdentityProviderError('discovery_incomplete', 'The discovery document lacks an authorization, token or JWKS endpoint');
  }
  return {
    issuer,
    authorizationEndpoint: authorization_endpoint,
    tokenEndpoint: token_endpoint,
    jwksUri: jwks_uri,
    userinfoEndpoint: typeof userinfo_endpoint === 'string' ? userinfo_endpoint : undefined,
  };
}
