import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { clientCredentials, CodeStore, consentPage, type FakeServer, type Reply, redirect, s256, serve } from './http.ts';

/** Ways the stand-in can issue a bad ID token, so tests prove each check of the verifier. */
export const idTokenTampering = ['none', 'audience', 'issuer', 'nonce', 'signature', 'expired'] as const;
export type IdTokenTampering = (typeof idTokenTampering)[number];

interface GoogleGrant {
  sub: string;
  email: string;
  emailVerified: boolean;
  name: string;
  nonce: string | null;
  tamper: IdTokenTampering;
}

export interface FakeGoogleOptions {
  port: number;
  clientId: string;
  clientSecret: string;
  host?: string;
}

/**
 * A local stand-in for Google's OpenID Connect endpoints, on the same paths as Google's:
 *  - `GET /o/oauth2/v2/auth` the consent page (email, name, verified?) and `POST /o/oauth2/v2/auth`
 *    its answer, redirecting to `redirect_uri` with `code` and `state` (or `error=access_denied`);
 *  - `POST /token` code exchange: client authentication (Basic or body), `redirect_uri` and the
 *    PKCE S256 verifier must match; codes are single use; answers `{ access_token, id_token, … }`
 *    or `{ error }` with 400/401 like Google;
 *  - `GET /oauth2/v3/certs` the JWKS; ID tokens are RS256 with `iss` = this origin, `aud` = client id,
 *    `sub`, `email`, `email_verified`, `name`, `nonce`.
 */
export async function startFakeGoogle(options: FakeGoogleOptions): Promise<FakeServer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const impostor = await generateKeyPair('RS256');
  const kid = `test-${crypto.randomUUID().slice(0, 8)}`;
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const codes = new CodeStore<GoogleGrant>();
  const host = options.host ?? '127.0.0.1';
  let issuer = '';

  async function idToken(grant: GoogleGrant): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      email: grant.email,
      email_verified: grant.emailVerified,
      name: grant.name,
      azp: options.clientId,
      ...(grant.nonce ? { nonce: grant.tamper === 'nonce' ? 'another-nonce' : grant.nonce } : {}),
    };
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(grant.tamper === 'issuer' ? 'https://accounts.example.invalid' : issuer)
      .setAudience(grant.tamper === 'audience' ? 'another-client' : options.clientId)
      .setSubject(grant.sub)
      .setIssuedAt(grant.tamper === 'expired' ? now - 7200 : now)
      .setExpirationTime(grant.tamper === 'expired' ? now - 3600 : now + 3600)
      .sign(grant.tamper === 'signature' ? impostor.privateKey : privateKey);
  }

  async function token(request: Parameters<Parameters<typeof serve>[2]>[0]): Promise<Reply> {
    const client = clientCredentials(request);
    if (!client || client.id !== options.clientId || client.secret !== options.clientSecret) {
      return { status: 401, body: { error: 'invalid_client', error_description: 'The OAuth client was not found.' } };
    }
    if (request.form.get('grant_type') !== 'authorization_code') return { status: 400, body: { error: 'unsupported_grant_type' } };
    const issued = codes.take(request.form.get('code'));
    const invalid = (description: string): Reply => ({ status: 400, body: { error: 'invalid_grant', error_description: description } });
    if (!issued || issued.clientId !== client.id) return invalid('Malformed auth code.');
    if (issued.redirectUri !== request.form.get('redirect_uri')) return invalid('Bad Request');
    const verifier = request.form.get('code_verifier');
    if (issued.codeChallenge && (!verifier || (await s256(verifier)) !== issued.codeChallenge)) return invalid('Invalid code verifier.');
    return {
      status: 200,
      body: {
        access_token: `ya29.${crypto.randomUUID()}`,
        expires_in: 3599,
        scope: 'openid https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/userinfo.profile',
        token_type: 'Bearer',
        id_token: await idToken(issued.grant),
      },
    };
  }

  const server = await serve(options.port, host, async (request) => {
    const { pathname, searchParams } = request.url;
    if (request.method === 'GET' && pathname === '/.well-known/openid-configuration') {
      return {
        status: 200,
        body: {
          issuer,
          authorization_endpoint: `${issuer}/o/oauth2/v2/auth`,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/oauth2/v3/certs`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['plain', 'S256'],
        },
      };
    }
    if (request.method === 'GET' && pathname === '/oauth2/v3/certs') return { status: 200, body: { keys: [jwk] } };
    if (request.method === 'POST' && pathname === '/token') return token(request);
    if (pathname === '/o/oauth2/v2/auth' && request.method === 'GET') {
      if (searchParams.get('client_id') !== options.clientId) return { status: 400, body: 'Error 401: invalid_client' };
      const hidden = Object.fromEntries(searchParams);
      return {
        status: 200,
        body: consentPage(
          'Sign in with Google (local stand-in)',
          '/o/oauth2/v2/auth',
          hidden,
          `<label>Email <input name="login_email" type="email" required></label>
<label>Name <input name="login_name"></label>
<label><input type="checkbox" name="login_email_verified" value="true" checked> Email verified</label>`,
        ),
      };
    }
    if (pathname === '/o/oauth2/v2/auth' && request.method === 'POST') {
      const form = request.form;
      const redirectUri = form.get('redirect_uri');
      if (form.get('client_id') !== options.clientId || !redirectUri) return { status: 400, body: 'Error 400: invalid_request' };
      const back = new URL(redirectUri);
      back.searchParams.set('state', form.get('state') ?? '');
      if (form.get('decision') === 'deny') {
        back.searchParams.set('error', 'access_denied');
        return redirect(back.toString());
      }
      const email = (form.get('login_email') ?? '').trim().toLowerCase();
      if (!email) return { status: 400, body: 'An email is required' };
      const tamper = (form.get('tamper') ?? 'none') as IdTokenTampering;
      const code = codes.issue({
        clientId: options.clientId,
        redirectUri,
        codeChallenge: form.get('code_challenge_method') === 'S256' ? form.get('code_challenge') : null,
        grant: {
          sub: form.get('login_sub') || `g-${Buffer.from(email).toString('hex').slice(0, 20)}`,
          email,
          emailVerified: form.get('login_email_verified') === 'true',
          name: form.get('login_name') || email.split('@')[0] || 'Google user',
          nonce: form.get('nonce'),
          tamper: idTokenTampering.includes(tamper) ? tamper : 'none',
        },
      });
      back.searchParams.set('code', code);
      back.searchParams.set('scope', form.get('scope') ?? 'openid email profile');
      back.searchParams.set('authuser', '0');
      back.searchParams.set('prompt', 'consent');
      return redirect(back.toString());
    }
    return { status: 404, body: { error: 'not_found' } };
  });
  issuer = server.url;
  return server;
}
