import { startFakeDoh } from './doh.ts';
import { startFakeGitHub } from './github.ts';
import { startFakeGoogle } from './google.ts';
import type { FakeServer } from './http.ts';
import { startOidcIdp } from './oidc-idp.ts';

export { startFakeDoh, startFakeGitHub, startFakeGoogle, startOidcIdp };
export type { FakeServer };

/** The OAuth clients the stand-ins accept in the local stack (not secrets: nothing real takes them). */
export const localOAuthClients = {
  google: { id: 'local-google-client.apps.googleusercontent.com', secret: 'local-google-secret' },
  github: { id: 'Iv1.localgithubclient', secret: 'local-github-secret' },
} as const;

/** Where the stack's stand-ins listen: the three ports after the worker's database ports. */
export function identityFakePorts(workerPort: number) {
  return { google: workerPort + 3, github: workerPort + 4, idp: workerPort + 5, doh: workerPort + 6 };
}

export interface IdentityFakes {
  /** The worker variables that point sign-in at the stand-ins. */
  vars: Record<string, string>;
  servers: FakeServer[];
  close(): Promise<void>;
}

/** Google, GitHub, an OpenID Provider and a DNS-over-HTTPS resolver for the local stack. */
export async function startIdentityFakes(workerPort: number): Promise<IdentityFakes> {
  const ports = identityFakePorts(workerPort);
  const servers: FakeServer[] = [];
  try {
    const google = await startFakeGoogle({
      port: ports.google,
      clientId: localOAuthClients.google.id,
      clientSecret: localOAuthClients.google.secret,
    });
    servers.push(google);
    const github = await startFakeGitHub({
      port: ports.github,
      clientId: localOAuthClients.github.id,
      clientSecret: localOAuthClients.github.secret,
    });
    servers.push(github);
    servers.push(await startOidcIdp({ port: ports.idp }));
    const doh = await startFakeDoh({ port: ports.doh });
    servers.push(doh);
    return {
      vars: {
        GOOGLE_CLIENT_ID: localOAuthClients.google.id,
        GOOGLE_CLIENT_SECRET: localOAuthClients.google.secret,
        GOOGLE_OAUTH_URL: google.url,
        GITHUB_CLIENT_ID: localOAuthClients.github.id,
        GITHUB_CLIENT_SECRET: localOAuthClients.github.secret,
        GITHUB_OAUTH_URL: github.url,
        GITHUB_API_URL: github.url,
        DNS_RESOLVER_URL: `${doh.url}/dns-query`,
      },
      servers,
      close: async () => {
        for (const server of servers) await server.close();
      },
    };
  } catch (error) {
    for (const server of servers) await server.close();
    throw error;
  }
}
