import { createMiddleware } from 'hono/factory';
import { Database } from '../db/gateway.ts';
import type { AppEnv, Bindings, Services } from '../env.ts';
import { type Config, loadConfig } from '../kernel/config.ts';
import { clientIpOf } from './client-ip.ts';

/**
 * Validates configuration and builds this request's services and database clients before any link
 * that needs them; after the response, runs what the services left for then (the outbox relay) and
 * closes the database session. The app hands in how
 * services are built (`wiring.ts`), so the chain never imports its composition root.
 */
export function requestContext(wire: (env: Bindings, config: Config) => Services) {
  return createMiddleware<AppEnv>(async function requestContext(c, next) {
    const config = loadConfig(c.env);
    const db = new Database(config, c.get('trace'));
    c.set('config', config);
    const services = wire(c.env, config);
    c.set('services', services);
    c.set('db', db);
    c.set('clientIp', clientIpOf(c.req.raw));
    c.set('credential', null);
    c.set('actor', null);
    c.set('workspaceRef', null);
    c.set('unitOfWork', null);
    try {
      await next();
    } finally {
      services.afterResponse?.(c.executionCtx, c.get('logger'));
      // Most requests read over HTTP only and open no session: nothing to close, no waitUntil.
      if (db.hasSession) c.executionCtx.waitUntil(db.close());
    }
  });
}
