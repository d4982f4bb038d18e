import { z } from 'zod';
import { defineJob, type JobDeps } from '../../../queues/jobs.ts';
import type { Services } from '../../env.ts';
import { system } from '../../db/gateway.ts';
import { escalate } from './dunning.service.ts';
import * as repo from './dunning.repo.ts';

/**
 * Dunning's time-driven steps (docs/decisions/058-dunning.md), daily from cron: suspension after 30
 * days unpaid, deletion scheduled after 60. Each workspace in its own transaction, with its context.
 */
export const escalateDunning = defineJob({
  name: 'billing.escalate-dunning',
  version: 1,
  payload: z.strictObject({}),
  handle: (_payload, { db, services }) => runEscalation({ db, mail: services.mail, realtime: services.realtime }, new Date()),
});

export async function runEscalation(deps: { db: JobDeps['db']; mail: Services['mail']; realtime?: Services['realtime'] }, now: Date) {
  const cases = await system(deps.db, { role: 'owner' }).query((q) => repo.selectOpenCases(q));
  const taken: Record<string, string[]> = {};
  for (const open of cases) {
    const steps = await system(deps.db, { role: 'owner', workspace: open.workspaceId }).interactive((tx) => escalate(tx, deps, open, now));
    if (steps.length > 0) taken[open.workspaceId] = steps;
    // Committed: the workspace's open sockets close (suspended 4403, deleted 4410) once the batch is done.
    if (steps.includes('deletion_scheduled')) deps.realtime?.revoke(open.workspaceId, { type: 'workspace', state: 'deleted' });
    else if (steps.includes('suspended')) deps.realtime?.revoke(open.workspaceId, { type: 'workspace', state: 'suspended' });
  }
  return { open_cases: cases.length, steps: taken };
}
