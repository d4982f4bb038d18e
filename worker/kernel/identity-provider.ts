/**
 * The seam for signing in through someone else: Google, GitHub, or a workspace's OpenID Connect
 * provider. An adapter builds the authorization URL (state, PKCE and, for OpenID Connect, a nonce)
 * and turns the code that comes back into a verified identity.
 *
 * @example
 *   const url = await provider.authorizationUrl({ state, codeVerifier, nonce });
 *   // …the browser comes back with ?code=…&state=…
 *   const identity = await provider.identify(code, { state, codeVerifier, nonce });
 */
export interface AuthorizationRequest {
  state: string;
  codeVerifier: string;
  nonce: string;
  /** Passed on as `login_hint` where the provider accepts one. */
  loginHint?: string | undefined;
}

/** Who the provider says signed in. `subject` is the provider's stable id for the person. */
export interface ProviderIdentity {
  subject: string;
  email: string | null;
  /** True only when the provider itself vouches that the person controls `email`. */
  emailVerified: boolean;
  name: string | null;
}

export interface IdentityProvider {
  authorizationUrl(request: AuthorizationRequest): Promise<URL>;
  identify(code: string, request: AuthorizationRequest): Promise<ProviderIdentity>;
}

/** Anything the provider answered that does not prove an identity: refused tokens, bad signatures, a wrong nonce. */
export class IdentityProviderError extends Error {
  constructor(
    readonly reason: string,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = 'IdentityProviderError';
  }
}

/** A workspace's OpenID Connect connection, as the SSO sign-in hands it to the adapter. */
export interface OidcConnectionSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

/** Discovers the connection's provider (`/.well-known/openid-configuration`) and returns a client for it. */
export type OidcProviderFactory = (settings: OidcConnectionSettings) => Promise<IdentityProvider>;

/** The sign-in providers offered to everyone; a provider is absent when it is not configured. */
export type OAuthProviderName = 'google' | 'github';
export type OAuthProviders = Partial<Record<OAuthProviderName, IdentityProvider>>;
