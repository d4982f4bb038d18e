import type { SQL } from 'drizzle-orm';
import type { QueryBuilder, Statement } from '../../db/client.ts';
import type { Listener } from '../../kernel/bus.ts';
import * as repo from './activation.repo.ts';

declare module '../../kernel/bus.ts' {
  interface DomainEvents {
    /**
     * A module's "first aha": the moment its rule says a workspace has found the product's value
     * (the sample module: a third live project). `reached` is the rule as a condition, evaluated in
     * the publisher's transaction, so a rule that counts rows costs no read before the write.
     */
    'workspace.aha': { workspaceId: string; reached: SQL };
  }
}

/**
 * Sets `workspace.activated_at` the first time a module's aha is reached. Runs in the publisher's
 * transaction (as the request role, inside that workspace) and only ever fills an empty column, so
 * replays and later ahas change nothing; demo workspaces never activate.
 */
export const activateOnAha: Listener<'workspace.aha', QueryBuilder, Statement> = (event, db) => [
  repo.activateWhen(db, event.workspaceId, event.reached),
];
