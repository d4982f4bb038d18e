import { CodeChallengeMethod, OAuth2Client } from 'arctic';
import {
  type AuthorizationRequest,
  type IdentityProvider,
  IdentityProviderError,
  type ProviderIdentity,
} from '../../kernel/identity-provider.ts';
import { exchangeCode } from './token.ts';

interface GitHubUser {
  id: number;
  login: string;
  name: string | null;
}

interface GitHubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

/**
 * Sign-in with GitHub (OAuth app): authorization code with PKCE (S256), then `GET /user` for the
 * stable numeric id and `GET /user/emails` for the primary address, which counts only when GitHub
 * marks it verified. GitHub is not OpenID Connect, so there is no ID token and no nonce.
 */
export class GitHubProvider implements IdentityProvider {
  readonly #client: OAuth2Client;
  readonly #web: string;
  readonly #api: string;

  constructor(options: { clientId: string; clientSecret: string; redirectUri: string; webUrl: string; apiUrl: string }) {
    this.#client = new OAuth2Client(options.clientId, options.clientSecret, options.redirectUri);
    this.#web = options.webUrl.replace(/\/+$/, '');
    this.#api = options.apiUrl.replace(/\/+$/, '');
  }

  async authorizationUrl(request: AuthorizationRequest): Promise<URL> {
    const url = this.#client.createAuthorizationURLWithPKCE(
      `${this.#web}/login/oauth/authorize`,
      request.state,
      CodeChallengeMethod.S256,
      request.codeVerifier,
      ['read:user', 'user:email'],
    );
    // Always offer the account chooser rather than silently reusing the browser's GitHub session.
    url.searchParams.set('prompt', 'select_account');
    return url;
  }

  async identify(code: string, request: AuthorizationRequest): Promise<ProviderIdentity> {
    const tokens = await exchangeCode(this.#client, `${this.#web}/login/oauth/access_token`, code, request.codeVerifier);
    const token = tokens.accessToken();
    const user = await this.#get<GitHubUser>('/user', token);
    if (typeof user.id !== 'number') throw new IdentityProviderError('no_subject', 'GitHub answered without a user id');
    const emails = await this.#get<GitHubEmail[]>('/user/emails', token);
    const primary = Array.isArray(emails) ? emails.find((e) => e.primary) : undefined;
    return {
      subject: String(user.id),
      email: primary ? primary.email.trim().toLowerCase() : null,
      emailVerified: primary?.verified === true,
      name: user.name || user.login || null,
    };
  }

  async #get<T>(path: string, token: string): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.#api}${path}`, {
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/vnd.github+json',
          'x-github-api-version': '2022-11-28',
          'user-agent': 'edge-saas',
        },
      });
    } catch (error) {
      throw new IdentityProviderError('api_unreachable', `GitHub ${path} could not be reached`, { cause: error });
    }
    if (!response.ok) throw new IdentityProviderError('api_refused', `GitHub ${path} answered ${response.status}`);
    return (await response.json()) as T;
  }
}
