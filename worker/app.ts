import { OpenAPIHono } from '@hono/zod-openapi';
import type { Hono } from 'hono';
import type { MergeSchemaPath } from 'hono/types';
import type { AppEnv } from './env.ts';
import { AppError } from './kernel/errors.ts';
import { cors } from './middleware/cors.ts';
import { csrf } from './middleware/csrf.ts';
import { idempotency } from './middleware/idempotency.ts';
import { jsonBody } from './middleware/json-body.ts';
import { loadShedding } from './middleware/load-shedding.ts';
import { logger } from './middleware/logger.ts';
import { metering } from './middleware/metering.ts';
import { rateLimit } from './middleware/rate-limit.ts';
import { recovery } from './middleware/recovery.ts';
import { requestContext } from './middleware/request-context.ts';
import { requestId } from './middleware/request-id.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { tracing } from './middleware/tracing.ts';
import type { ModuleManifest } from './modules/module.ts';
import { documentedWebhooks, installModules } from './modules/assembly.ts';
import {
  isBuilt,
  isLazy,
  type LazyRoutes,
  mountable,
  pathsUnder,
  type RouterEntry,
  type RouterOf,
  routerOf,
} from './modules/lazy-routes.ts';
import * as registry from './modules/registry.ts';
import { requestServices } from './wiring.ts';
import { apiDocument, openApiInfo } from './api-document.ts';
import { referencePage, referencePolicy } from './modules/system/reference-page.ts';
import { routeGroups } from './middleware/route-groups.ts';

/**
 * Hands the platform the registry's modules (`installModules`). The app does it when it is built;
 * the queue and cron handlers run in the same isolate as the app `worker/index.ts` builds first,
 * and tests that run a job or read the permission table without a request do it in their setup.
 */
export const installRegisteredModules = () => installModules(Object.values(registry) as ModuleManifest[]);

/**
 * The app and its one chain, in order:
 *   recovery → request-id → logger → tracing → CORS → rate limit → auth → tenant → CSRF → idempotency
 * `recovery` is Hono's error boundary (every throw from any link or handler ends there);
 * security headers, load shedding, request context (config, services, database) and the JSON body
 * guard sit between the listed links where they first have what they need.
 */
export function newApp() {
  const app = new OpenAPIHono<AppEnv>();
  app.onError(recovery);
  app.notFound(() => {
    throw new AppError('NOT_FOUND', 'No such route');
  });

  app.use(requestId());
  app.use(securityHeaders());
  app.use(logger());
  app.use(loadShedding());
  app.use(tracing());
  app.use(requestContext(requestServices));
  app.use('/api/*', cors());
  app.use('/api/*', metering());
  app.use(rateLimit());
  app.use('/api/*', jsonBody());

  // Auth by route group (middleware/route-groups.ts): tenant, person, and public for the rest.
  for (const group of Object.values(routeGroups)) for (const path of group.paths) app.use(path, ...group.chain());
  app.use('/api/*', csrf());
  const modules = installRegisteredModules();
  // Idempotency is opt-in per creating route, declared in its module's manifest: its stored
  // responses must never hold a secret (an API key is shown once, so key creation is not replayable).
  for (const path of modules.flatMap((m) => m.idempotent ?? [])) app.use(`/api/v1${path.replace(/\{(\w+)\}/g, ':$1')}`, idempotency());

  for (const m of modules) for (const router of mountable(m.pages ?? [])) app.route('/', router);
  for (const m of modules) for (const router of mountable(m.routes ?? [])) app.route('/api/v1', router);

  app.get('/api/v1/openapi.json', async (c) => c.json(await fullApiDocument()));
  app.get('/api/v1/docs', (c) => c.html(referencePage(openApiInfo.title), 200, { 'Content-Security-Policy': referencePolicy }));
  return app as unknown as AppType;
}

/** The OpenAPI document the app serves: its routes and the webhooks its modules publish. */
export const servedApiDocument = (app: OpenAPIHono<AppEnv>) => apiDocument(app, documentedWebhooks());

let documentOfAllRoutes: ReturnType<typeof servedApiDocument> | undefined;

/** The document of every module's routes: the lazy ones are built for it, once per isolate. */
async function fullApiDocument() {
  documentOfAllRoutes ??= servedApiDocument(await appWithEveryRoute());
  return documentOfAllRoutes;
}

async function buildAllRoutes(): Promise<void> {
  const entries = installRegisteredModules().flatMap((m) => [...(m.pages ?? []), ...(m.routes ?? [])]);
  await Promise.all(entries.map(routerOf));
}

/** The app with every module's routers built: what the API document and tests that call module routes use. */
export async function appWithEveryRoute() {
  await buildAllRoutes();
  return newApp();
}

/**
 * The app as the worker serves it: a request under the paths of a lazy router not built yet loads
 * and builds it, and the app is built again with it, so an isolate loads and builds only the routes
 * it serves. Once every router a request could need is built, a request costs what it costs on an
 * app built whole, without an `await` of its own.
 */
export function servingApp(): Pick<AppType, 'fetch'> {
  let app = newApp();
  let pending = installRegisteredModules().flatMap((m) => [...lazyMounts(m.pages ?? [], ''), ...lazyMounts(m.routes ?? [], '/api/v1')]);
  // One test per request for all the routers not built yet; each is tested alone only on a match.
  let underPending = anyOf(pending);
  const buildThenServe = async (path: string, ...args: Parameters<AppType['fetch']>) => {
    await Promise.all(pending.filter((mount) => mount.paths.test(path)).map((mount) => routerOf(mount.entry)));
    // Requests that arrived while the routers loaded may have rebuilt the app already.
    if (pending.some((mount) => isBuilt(mount.entry))) {
      pending = pending.filter((mount) => !isBuilt(mount.entry));
      underPending = anyOf(pending);
      app = newApp();
    }
    return app.fetch(...args);
  };
  return {
    fetch: (request, env, executionCtx) => {
      const path = underPending ? pathOf(request.url) : '';
      if (underPending?.test(path)) return buildThenServe(path, request, env, executionCtx);
      return app.fetch(request, env, executionCtx);
    },
  };
}

type LazyMount = { entry: LazyRoutes; paths: RegExp };

const lazyMounts = (entries: readonly RouterEntry[], base: string): LazyMount[] =>
  entries.filter(isLazy).map((entry) => ({ entry, paths: pathsUnder(base, entry.under) }));

const anyOf = (mounts: readonly LazyMount[]): RegExp | null =>
  mounts.length > 0 ? new RegExp(mounts.map((mount) => `(?:${mount.paths.source})`).join('|')) : null;

/** The path of a request URL as Hono routes on it: undecoded, without the query. */
function pathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('://') + 3);
  if (start < 0) return '/';
  const query = url.indexOf('?', start);
  return url.slice(start, query < 0 ? undefined : query);
}

type Registered = (typeof registry)[keyof typeof registry];
type Mounted<R, At extends string> = R extends Hono<AppEnv, infer S, '/'> ? MergeSchemaPath<S, At> : never;
type RoutesOf<M> = M extends { routes: readonly (infer R)[] } ? RouterOf<R> : never;
type PagesOf<M> = M extends { pages: readonly (infer R)[] } ? RouterOf<R> : never;

/** The app as the web app's typed client sees it: every registered module's routes. */
export type AppType = OpenAPIHono<AppEnv, Mounted<RoutesOf<Registered>, '/api/v1'> | Mounted<PagesOf<Registered>, '/'>, '/'>;
