import { eq } from 'drizzle-orm';
import { type Database, system } from '../../db/gateway.ts';
import { membership } from '../../db/schema.ts';
import type { PublishedEvent } from '../../kernel/bus.ts';
import type { ChangeMessage, HubRevocation, RealtimeNotices } from '../../kernel/realtime.ts';
import { type HubNamespace, hubOf } from './realtime.hub.ts';
import { changeMessageOf } from './realtime.messages.ts';

/** What one request will tell the hubs once it has answered (`Services.realtime`). */
export class PendingHubNotices implements RealtimeNotices {
  readonly revocations: Array<{ workspaceId: string; revocation: HubRevocation }> = [];
  readonly everywhere: Array<{ personId: string; credential: string }> = [];

  revoke(workspaceId: string, revocation: HubRevocation): void {
    this.revocations.push({ workspaceId, revocation });
  }

  revokeEverywhere(personId: string, credential: string): void {
    this.everywhere.push({ personId, credential });
  }

  get empty(): boolean {
    return this.revocations.length === 0 && this.everywhere.length === 0;
  }
}

interface HubBatch {
  messages: ChangeMessage[];
  revocations: HubRevocation[];
}

/** The workspaces a person belongs to, read as the request role for that person (`membership_own_read`). */
async function workspacesOf(db: Database, personId: string): Promise<string[]> {
  const rows = await system(db, { role: 'app_request', person: personId }).query((q) =>
    q.select({ workspaceId: membership.workspaceId }).from(membership).where(eq(membership.userId, personId)),
  );
  return rows.map((r) => r.workspaceId);
}

/**
 * After a request has answered: its published events as change messages and its revocations, one hub
 * call per workspace it touched (usually one), no database round trip, except for a credential revoked
 * in every workspace of its person (one read, rare). Best effort: a hub that cannot be reached is
 * logged; the client invalidates everything when it reconnects.
 */
export async function tellHubs(
  hubs: HubNamespace,
  db: Database,
  events: readonly PublishedEvent[],
  notices: PendingHubNotices,
): Promise<number> {
  const batches = new Map<string, HubBatch>();
  const batchOf = (workspaceId: string): HubBatch => {
    const known = batches.get(workspaceId);
    if (known) return known;
    const batch: HubBatch = { messages: [], revocations: [] };
    batches.set(workspaceId, batch);
    return batch;
  };
  for (const event of events) batchOf(event.workspace_id).messages.push(changeMessageOf(event));
  for (const { workspaceId, revocation } of notices.revocations) batchOf(workspaceId).revocations.push(revocation);
  for (const { personId, credential } of notices.everywhere) {
    for (const workspaceId of await workspacesOf(db, personId)) batchOf(workspaceId).revocations.push({ type: 'credential', credential });
  }
  await Promise.all([...batches].map(([workspaceId, batch]) => hubOf(hubs, workspaceId).apply(batch)));
  return batches.size;
}
