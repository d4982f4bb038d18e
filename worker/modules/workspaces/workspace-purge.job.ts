import { z } from 'zod';
import { defineJob } from '../../../queues/jobs.ts';
import { type Database, system, WORKSPACE_GRACE_DAYS } from '../../db/gateway.ts';
import { toPublicId } from '../../kernel/ids.ts';
import type { Storage } from '../../kernel/storage.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { deleteWorkspaceExportObjects } from '../audit/audit-exports.job.ts';
import type { ModuleManifest } from '../module.ts';
import * as repo from './workspace-purge.repo.ts';

const dayMs = 86_400_000;
/** Workspaces handled per run; the next run (or a redelivery) picks up the rest. */
const BATCH = 50;

/**
 * The body of the `workspaces.purge` job: hard-deletes every workspace deleted more than
 * WORKSPACE_GRACE_DAYS before `now`, first its stored objects (audit exports, and what each
 * module's `workspacePurge` removes, such as its files), then its row with everything that
 * cascades from it. `now` is passed in, so tests move the clock instead of waiting.
 *
 * Safe to run twice or side by side: a workspace already gone is skipped, objects already deleted
 * delete again without error, and a workspace restored meanwhile no longer matches the cutoff.
 */
export async function purgeDeletedWorkspaces(
  deps: { db: Database; storage: Storage | undefined; modules: readonly ModuleManifest[] },
  now: Date,
): Promise<{ purged: string[]; objects_deleted: number }> {
  const cutoff = new Date(now.getTime() - WORKSPACE_GRACE_DAYS * dayMs);
  const due = repo.toPurgeDue(await system(deps.db, repo.purgeContext(cutoff)).query((q) => repo.selectPurgeDue(q, cutoff, BATCH)));
  const purged: string[] = [];
  let objectsDeleted = 0;
  for (const ws of due) {
    objectsDeleted += await deleteWorkspaceExportObjects(deps, ws.id);
    for (const step of deps.modules.flatMap((m) => m.workspacePurge ?? [])) objectsDeleted += await step(deps, ws.id);
    const publicId = toPublicId('workspace', ws.id);
    const deleted = await system(deps.db, repo.purgeContext(cutoff)).interactive(async (tx) => {
      if (!(await repo.deleteWorkspaceRow(tx, ws.id, cutoff))) return false;
      await recordAudit(
        tx,
        {
          workspaceId: null,
          actor: { type: 'system', reason: 'workspace-purge' },
          action: 'workspace.purged',
          target: { type: 'workspace', id: ws.id },
          metadata: { workspace: publicId, slug: ws.slug, deleted_at: ws.deletedAt.toISOString() },
        },
        { ip: null, userAgent: null, requestId: `purge:${now.toISOString()}` },
      );
      return true;
    });
    if (deleted) purged.push(publicId);
  }
  return { purged, objects_deleted: objectsDeleted };
}

/**
 * Hard-deletes workspaces whose 30-day grace period after deletion is over, with all their data
 * (`purgeDeletedWorkspaces` above). The clock is the moment the job runs.
 */
export const purgeWorkspaces = defineJob({
  name: 'workspaces.purge',
  version: 1,
  payload: z.strictObject({}),
  async handle(_payload, deps) {
    return purgeDeletedWorkspaces({ db: deps.db, storage: deps.services.storage, modules: deps.modules }, new Date());
  },
});
