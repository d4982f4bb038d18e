import { sql } from 'drizzle-orm';
import type { QueryBuilder, Statement } from '../../db/gateway.ts';
import type { Listener } from '../../kernel/bus.ts';
import { trial } from './billing.plans.ts';
import { workspaceTrial } from './billing.tables.ts';

/** A new workspace starts its free trial in the transaction that creates it: no card, nothing to confirm. */
export const startTrial: Listener<'workspace.created', QueryBuilder, Statement> = (event, db) => [
  db
    .insert(workspaceTrial)
    .values({ workspaceId: event.workspaceId, plan: trial.plan, endsAt: sql`now() + make_interval(days => ${trial.days})` })
    .onConflictDoNothing(),
];
