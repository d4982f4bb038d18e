import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './env.ts';
import { sessionCookieName } from './middleware/auth.ts';
import { type RouteGroup, routeGroupOf } from './middleware/route-groups.ts';

export const openApiInfo = {
  title: 'Edge SaaS API',
  version: '1.0.0',
  description:
    'Every error answers with `{ "error": { "code", "message", "fields"?, "upgrade"?, "request_id" } }`. Routes under `/api/v1/w/{workspace}` act in one workspace and accept API keys; `/api/v1/me` and `/api/v1/workspaces` act for a person.',
};

/** How a client proves who it is (worker/middleware/auth.ts reads exactly these). */
export const securitySchemes = {
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: sessionCookieName,
    description: 'The browser session that signing in sets. Unsafe methods also need an `Origin` header of this app (CSRF).',
  },
  apiKey: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'sk_live_…',
    description: 'A workspace API key (`Authorization: Bearer sk_live_…`): it acts in its own workspace only.',
  },
  personalAccessToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'pat_…',
    description: 'A personal access token (`pat_r_…`, `pat_w_…`, `pat_rw_…`): acts for its person; read-only ones refuse unsafe methods.',
  },
  accessToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'A 15-minute access token from `POST /api/v1/auth/token`, refreshed there with its refresh token.',
  },
} as const;

type SecurityRequirement = Partial<Record<keyof typeof securitySchemes, string[]>>;

const personCredentials: SecurityRequirement[] = [{ session: [] }, { accessToken: [] }, { personalAccessToken: [] }];

/**
 * What each route group accepts (worker/middleware/route-groups.ts): an API key only where the path
 * names its workspace; public routes read a person's credential when one is sent (`{}`: none needed).
 */
const securityOfGroup: Record<RouteGroup, SecurityRequirement[]> = {
  tenant: [...personCredentials, { apiKey: [] }],
  person: personCredentials,
  public: [{}, ...personCredentials],
};

const apiPrefix = '/api/v1';

/** Outside `/api/v1` (health, JWKS) no credential is read at all. */
export function securityOf(path: string): SecurityRequirement[] {
  return path.startsWith(`${apiPrefix}/`) ? securityOfGroup[routeGroupOf(path.slice(apiPrefix.length))] : [];
}

const words = (text: string) => text.split(/[^A-Za-z0-9]+/).filter(Boolean);
const capitalized = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * A stable operationId from the method and path alone, so no route has to name one:
 * `GET /api/v1/w/{workspace}/projects/{id}` → `getWorkspaceProjectsById`. Unique because method
 * and path are.
 */
export function operationIdOf(method: string, path: string): string {
  const segments = path
    .replace(/^\/api\/v1(?=\/|$)/, '')
    .replace(/^\/w\/\{workspace\}(?=\/|$)/, '/workspace')
    .split('/')
    .filter(Boolean);
  const parts = segments.flatMap((segment) => {
    const param = /^\{(\w+)\}$/.exec(segment)?.[1];
    return param ? ['by', ...words(param)] : words(segment);
  });
  return method.toLowerCase() + parts.map(capitalized).join('');
}

/**
 * Relative: the API is on the origin that serves the document, so one document is right for
 * development, preview and production alike (a client names its base URL, as it would anyway).
 */
const server = { url: '/', description: 'The origin that serves this document' };

type Document = ReturnType<OpenAPIHono<AppEnv>['getOpenAPI31Document']>;

/**
 * The served OpenAPI document: the routes' own definitions, plus what the app decides for all of
 * them in one place: the server, the security schemes per route group, and operationIds; and the
 * requests the app itself sends (`webhooks`, generated from the published events' declarations).
 */
export function apiDocument(app: OpenAPIHono<AppEnv>, webhooks: Record<string, unknown> = {}): Document {
  const doc = app.getOpenAPI31Document({ openapi: '3.1.0', info: openApiInfo, servers: [server] });
  if (Object.keys(webhooks).length > 0) doc.webhooks = webhooks as Document['webhooks'];
  doc.components = { ...doc.components, securitySchemes: { ...securitySchemes } };
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item?.[method];
      if (!operation) continue;
      operation.operationId = operationIdOf(method, path);
      operation.security = securityOf(path);
    }
  }
  return doc;
}
