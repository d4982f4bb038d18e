import { and, eq, sql } from 'drizzle-orm';
import { type Database, system } from '../../db/gateway.ts';
import { membership } from '../../db/schema.ts';
import type { ChangeMessage, HubRevocation, RealtimeNotices } from '../../kernel/realtime.ts';
import { holdsLiveInterest } from '../events/outbox.ts';
import { type HubNamespace, hubOf } from './realtime.hub.ts';

/** The realtime module's event consumer, and the name its interest is held under in `event_interest`. */
export const realtimeConsumerName = 'realtime.broadcast';

/**
 * What one request or one queue batch will tell the hubs once its work committed (`Services.realtime`).
 * `mayBeConnected` says whether anyone may be connected to a workspace's hub (its realtime interest,
 * as the credential check read it): a revocation in a workspace nobody is connected to tells nobody.
 */
export class PendingHubNotices implements RealtimeNotices {
  readonly messages: Array<{ workspaceId: string; message: ChangeMessage }> = [];
  readonly revocations: Array<{ workspaceId: string; revocation: HubRevocation }> = [];
  readonly everywhere: Array<{ personId: string; credential: string }> = [];

  constructor(private readonly mayBeConnected: (workspaceId: string) => boolean) {}

  broadcast(workspaceId: string, message: ChangeMessage): void {
    this.messages.push({ workspaceId, message });
  }

  revoke(workspaceId: string, revocation: HubRevocation): void {
    if (this.mayBeConnected(workspaceId)) this.revocations.push({ workspaceId, revocation });
  }

  revokeEverywhere(personId: string, credential: string): void {
    this.everywhere.push({ personId, credential });
  }

  get empty(): boolean {
    return this.messages.length === 0 && this.revocations.length === 0 && this.everywhere.length === 0;
  }
}

interface HubBatch {
  messages: ChangeMessage[];
  revocations: HubRevocation[];
}

/**
 * The workspaces of a person where someone may be connected (the realtime interest has not lapsed),
 * read as the owner: the interest rows of other workspaces are closed to the request role.
 */
async function connectedWorkspacesOf(db: Database, personId: string): Promise<string[]> {
  // The owner opens every workspace's interest rows; the person's context opens their memberships.
  const rows = await system(db, { role: 'owner', person: personId }).query((q) =>
    q
      .select({ workspaceId: membership.workspaceId })
      .from(membership)
      .where(and(eq(membership.userId, personId), holdsLiveInterest(sql`${membership.workspaceId}`, realtimeConsumerName))),
  );
  return rows.map((r) => r.workspaceId);
}

/**
 * Once the work committed: the change messages and revocations, one hub call per workspace touched,
 * no database round trip except for a credential revoked in every workspace of its person (one read,
 * rare). Best effort: a hub that cannot be reached is logged; the client invalidates everything when
 * it reconnects.
 */
export async function tellHubs(hubs: HubNamespace, db: Database, notices: PendingHubNotices): Promise<number> {
  const batches = new Map<string, HubBatch>();
  const batchOf = (workspaceId: string): HubBatch => {
    const known = batches.get(workspaceId);
    if (known) return known;
    const batch: HubBatch = { messages: [], revocations: [] };
    batches.set(workspaceId, batch);
    return batch;
  };
  for (const { workspaceId, message } of notices.messages) batchOf(workspaceId).messages.push(message);
  for (const { workspaceId, revocation } of notices.revocations) batchOf(workspaceId).revocations.push(revocation);
  for (const { personId, credential } of notices.everywhere) {
    for (const workspaceId of await connectedWorkspacesOf(db, personId))
      batchOf(workspaceId).revocations.push({ type: 'credential', credential });
  }
  await Promise.all([...batches].map(([workspaceId, batch]) => hubOf(hubs, workspaceId).apply(batch)));
  return batches.size;
}
