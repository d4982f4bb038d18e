import { sql } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as repo from '../db/idempotency.repo.ts';
import { TenantGateway } from '../db/gateway.ts';
import type { AppEnv } from '../env.ts';
import { actorId } from '../kernel/actor.ts';
import { sha256Hex } from '../kernel/crypto.ts';
import { AppError } from '../kernel/errors.ts';
import { principalOf } from './principal.ts';

const keyPattern = /^[\x21-\x7e]{1,255}$/;

/** Thrown inside the transaction to roll it back while keeping the response already rendered. */
class Rollback extends Error {}

/**
 * `POST` + `Idempotency-Key`: the first request runs inside a transaction that also stores its
 * response; a repeat with the same key and body gets that response again (`Idempotent-Replayed:
 * true`) without a second side effect; the same key with another body is a 422; a repeat while the
 * first is still running is a 409. Keys are scoped by workspace, actor and route and kept 24 hours.
 * Failed requests (4xx, 5xx) store nothing, so they may be retried with the same key.
 */
export function idempotency({ ttlSeconds = 24 * 3600 }: { ttlSeconds?: number } = {}) {
  return createMiddleware<AppEnv>(async function idempotency(c, next) {
    const key = c.req.header('idempotency-key');
    if (c.req.method !== 'POST' || key === undefined) return next();
    if (!keyPattern.test(key)) {
      throw new AppError('BAD_REQUEST', 'Idempotency-Key must be 1 to 255 visible ASCII characters');
    }
    const route = `POST ${c.req.path.replace(/^\/api\/v1\/w\/[^/]+/, '')}`;
    const requestHash = await sha256Hex(`${route}\n${await c.req.text()}`);
    const db = c.get('db');
    try {
      // The unit of work is the request's one tenant write; the service's own writes join it.
      await new TenantGateway(db, principalOf(c), null).write(async (tx, scope) => {
        c.set('actor', scope.actor);
        c.get('services').scopeResolved?.(scope);
        if (!scope.workspace) throw new AppError('NOT_FOUND', 'Workspace not found');
        const id = { workspaceId: scope.workspace.id, actorId: actorId(scope.actor), route, key };
        const locked = await tx.execute(
          sql`select pg_try_advisory_xact_lock(hashtextextended(${`${id.workspaceId}|${id.actorId}|${route}|${key}`}, 0)) as ok`,
        );
        if (!(locked.rows[0] as { ok: boolean } | undefined)?.ok) {
          throw new AppError('IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still in progress');
        }
        const stored = await repo.findLive(tx, id);
        if (stored) {
          if (stored.requestHash !== requestHash) {
            throw new AppError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different request');
          }
          c.res = c.body(stored.responseBody, stored.statusCode as ContentfulStatusCode, {
            'Content-Type': 'application/json',
            'Idempotent-Replayed': 'true',
          });
          return;
        }
        c.set('unitOfWork', { tx, scope });
        await next();
        c.set('unitOfWork', null);
        if (c.res.status >= 400) throw new Rollback();
        await repo.store(tx, {
          ...id,
          requestHash,
          statusCode: c.res.status,
          responseBody: await c.res.clone().text(),
          expiresAt: new Date(Date.now() + ttlSeconds * 1000),
        });
      });
    } catch (error) {
      if (!(error instanceof Rollback)) throw error;
    }
  });
}
