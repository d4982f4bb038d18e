import { createMiddleware } from 'hono/factory';
import { Database } from '../db/gateway.ts';
import type { AppEnv } from '../env.ts';
import { loadConfig } from '../kernel/config.ts';
import { wire } from '../wiring.ts';
import { clientIpOf } from './client-ip.ts';

/**
 * Validates configuration and builds this request's services and database clients before any link
 * that needs them; closes the database session after the response is sent.
 */
export function requestContext() {
  return createMiddleware<AppEnv>(async function requestContext(c, next) {
    const config = loadConfig(c.env);
    const db = new Database(config, c.get('trace'));
    c.set('config', config);
    c.set('services', wire(c.env, config));
    c.set('db', db);
    c.set('clientIp', clientIpOf(c.req.raw));
    c.set('credential', null);
    c.set('actor', null);
    c.set('workspaceRef', null);
    c.set('unitOfWork', null);
    try {
      await next();
    } finally {
      // Most requests read over HTTP only and open no session: nothing to close, no waitUntil.
      if (db.hasSession) c.executionCtx.waitUntil(db.close());
    }
  });
}
