import { clientCredentials, CodeStore, consentPage, type FakeServer, type Reply, redirect, s256, serve } from './http.ts';

interface GitHubAccount {
  id: number;
  login: string;
  name: string;
  email: string;
  emailVerified: boolean;
}

export interface FakeGitHubOptions {
  port: number;
  clientId: string;
  clientSecret: string;
  host?: string;
}

/**
 * A local stand-in for GitHub's OAuth app flow and REST API, on GitHub's paths (web and API on one
 * origin, as GitHub Enterprise Server does):
 *  - `GET /login/oauth/authorize` the consent page (login, id, email, verified?) and `POST` its answer;
 *  - `POST /login/oauth/access_token` code exchange (Basic or body credentials, `redirect_uri`,
 *    PKCE S256); errors come back as HTTP 200 with `{ error }`, as GitHub does;
 *  - `GET /user` and `GET /user/emails` with `Authorization: Bearer <token>` (401 `Bad credentials`).
 */
export async function startFakeGitHub(options: FakeGitHubOptions): Promise<FakeServer> {
  const codes = new CodeStore<GitHubAccount>();
  const tokens = new Map<string, GitHubAccount>();

  function account(request: Parameters<Parameters<typeof serve>[2]>[0]): GitHubAccount | null {
    const header = request.headers.authorization ?? '';
    const match = /^(?:Bearer|token) (\S+)$/i.exec(header);
    return match?.[1] ? (tokens.get(match[1]) ?? null) : null;
  }

  async function exchange(request: Parameters<Parameters<typeof serve>[2]>[0]): Promise<Reply> {
    const client = clientCredentials(request);
    const error = (code: string, description: string): Reply => ({
      status: 200,
      body: { error: code, error_description: description, error_uri: 'https://docs.github.com/apps/troubleshooting' },
    });
    if (!client || client.id !== options.clientId || client.secret !== options.clientSecret) {
      return error('incorrect_client_credentials', 'The client_id and/or client_secret passed are incorrect.');
    }
    const issued = codes.take(request.form.get('code'));
    if (!issued) return error('bad_verification_code', 'The code passed is incorrect or expired.');
    const redirectUri = request.form.get('redirect_uri');
    if (redirectUri && redirectUri !== issued.redirectUri) {
      return error('redirect_uri_mismatch', 'The redirect_uri MUST match the registered callback URL for this application.');
    }
    const verifier = request.form.get('code_verifier');
    if (issued.codeChallenge && (!verifier || (await s256(verifier)) !== issued.codeChallenge)) {
      return error('invalid_grant', 'The code_verifier does not match the code_challenge.');
    }
    const token = `gho_${crypto.randomUUID().replaceAll('-', '')}`;
    tokens.set(token, issued.grant);
    return { status: 200, body: { access_token: token, token_type: 'bearer', scope: 'read:user,user:email' } };
  }

  return serve(options.port, options.host ?? '127.0.0.1', async (request) => {
    const { pathname, searchParams } = request.url;
    if (pathname === '/login/oauth/authorize' && request.method === 'GET') {
      if (searchParams.get('client_id') !== options.clientId) return { status: 404, body: 'Not Found' };
      return {
        status: 200,
        body: consentPage(
          'Authorize (GitHub local stand-in)',
          '/login/oauth/authorize',
          Object.fromEntries(searchParams),
          `<label>Username <input name="login_login" required></label>
<label>Email <input name="login_email" type="email" required></label>
<label><input type="checkbox" name="login_email_verified" value="true" checked> Email verified</label>`,
        ),
      };
    }
    if (pathname === '/login/oauth/authorize' && request.method === 'POST') {
      const form = request.form;
      const redirectUri = form.get('redirect_uri');
      if (form.get('client_id') !== options.clientId || !redirectUri) return { status: 400, body: 'Bad request' };
      const back = new URL(redirectUri);
      back.searchParams.set('state', form.get('state') ?? '');
      if (form.get('decision') === 'deny') {
        back.searchParams.set('error', 'access_denied');
        back.searchParams.set('error_description', 'The user has denied your application access.');
        return redirect(back.toString());
      }
      const login = (form.get('login_login') ?? '').trim();
      const email = (form.get('login_email') ?? '').trim().toLowerCase();
      if (!login || !email) return { status: 400, body: 'A username and an email are required' };
      const id = Number(form.get('login_id')) || (Number.parseInt(Buffer.from(login).toString('hex').slice(0, 10), 16) % 90_000_000) + 1000;
      const code = codes.issue({
        clientId: options.clientId,
        redirectUri,
        codeChallenge: form.get('code_challenge_method') === 'S256' ? form.get('code_challenge') : null,
        grant: { id, login, name: form.get('login_name') || login, email, emailVerified: form.get('login_email_verified') === 'true' },
      });
      back.searchParams.set('code', code);
      return redirect(back.toString());
    }
    if (pathname === '/login/oauth/access_token' && request.method === 'POST') return exchange(request);
    if (pathname === '/user' || pathname === '/user/emails') {
      const who = account(request);
      if (!who)
        return { status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' } };
      if (pathname === '/user') {
        return {
          status: 200,
          body: { login: who.login, id: who.id, node_id: `U_${who.id}`, type: 'User', name: who.name, email: null, avatar_url: '' },
        };
      }
      return {
        status: 200,
        body: [
          { email: who.email, primary: true, verified: who.emailVerified, visibility: 'private' },
          { email: `${who.id}+${who.login}@users.noreply.github.com`, primary: false, verified: true, visibility: null },
        ],
      };
    }
    return { status: 404, body: { message: 'Not Found' } };
  });
}
