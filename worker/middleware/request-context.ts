import { createMiddleware } from 'hono/factory';
import { Database } from '../db/client.ts';
import type { AppEnv } from '../env.ts';
import { loadConfig } from '../kernel/config.ts';
import { domainBus, wire } from '../wiring.ts';
import { PendingEvents } from '../modules/events/outbox.ts';
import { relayEvents } from '../modules/events/outbox-relay.ts';
import type { Logger } from './logger.ts';
import type { PublishedEvent } from '../kernel/bus.ts';
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
    const published = new PendingEvents();
    c.set('services', { ...wire(c.env, config), bus: domainBus(published) });
    c.set('db', db);
    c.set('clientIp', clientIpOf(c.req.raw));
    c.set('credential', null);
    c.set('actor', null);
    c.set('workspaceRef', null);
    c.set('unitOfWork', null);
    try {
      await next();
    } finally {
      if (published.events.length > 0) c.executionCtx.waitUntil(relayAfterCommit(c.env, published.events, c.get('logger')));
      // Most requests read over HTTP only and open no session: nothing to close, no waitUntil.
      if (db.hasSession) c.executionCtx.waitUntil(db.close());
    }
  });
}

/** A relay that fails leaves its events to the sweep; the request has already been answered. */
async function relayAfterCommit(env: AppEnv['Bindings'], events: readonly PublishedEvent[], logger: Logger): Promise<void> {
  try {
    await relayEvents(env.JOBS, events);
  } catch (error) {
    logger.error('outbox relay failed; the sweep will send the events', { error: error instanceof Error ? error.message : String(error) });
  }
}
