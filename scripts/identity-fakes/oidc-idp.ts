import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import type { FakeServer } from './http.ts';
import { memoryAdapter } from './oidc-memory-adapter.ts';

/**
 * A real OpenID Provider (panva's `oidc-provider`, OpenID Certified) for enterprise SSO tests, in
 * front of an account store that trusts `login_hint`: the interaction step signs in whoever the
 * relying party hinted and grants `openid email profile` without a page, so a test (or the browser
 * test) goes straight through. Everything else (discovery, dynamic client registration at `/reg`,
 * PKCE, code exchange, RS256 ID tokens, JWKS, userinfo) is the library's own behaviour.
 *
 * `POST /__accounts { login, claims }` replaces the claims served for an account (e.g. an email in
 * another domain, or `email_verified: false`) so tests can make the IdP assert what an attacker would.
 */
export async function startOidcIdp({ port, host = '127.0.0.1' }: { port: number; host?: string }): Promise<FakeServer> {
  const issuer = `http://${host}:${port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: `idp-${crypto.randomUUID().slice(0, 8)}`, alg: 'RS256', use: 'sig' };
  const overrides = new Map<string, Record<string, unknown>>();

  const provider = new Provider(issuer, {
    adapter: memoryAdapter(),
    jwks: { keys: [signingKey] },
    cookies: { keys: [crypto.randomUUID()] },
    ttl: { AccessToken: 3600, AuthorizationCode: 60, Grant: 3600, IdToken: 3600, Interaction: 600, Session: 3600 },
    features: { devInteractions: { enabled: false }, registration: { enabled: true } },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, id) {
      return {
        accountId: id,
        async claims() {
          return { sub: id, email: id, email_verified: true, name: id.split('@')[0], ...overrides.get(id) };
        },
      };
    },
  });
  const oidc = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse) {
    const details = await provider.interactionDetails(req, res);
    const accountId = details.session?.accountId ?? (details.params.login_hint as string | undefined);
    if (!accountId) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('This test identity provider signs in the account named by login_hint; none was given.');
      return;
    }
    const grant = new provider.Grant({ accountId, clientId: details.params.client_id as string });
    grant.addOIDCScope('openid email profile');
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
  }

  async function setAccount(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { login?: string; claims?: Record<string, unknown> };
    if (!body.login) {
      res.writeHead(400).end();
      return;
    }
    overrides.set(body.login, body.claims ?? {});
    res.writeHead(204).end();
  }

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const handled = path.startsWith('/interaction/')
      ? interaction(req, res)
      : req.method === 'POST' && path === '/__accounts'
        ? setAccount(req, res)
        : Promise.resolve(oidc(req, res));
    void handled.catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(error instanceof Error ? error.message : 'error');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: issuer,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
