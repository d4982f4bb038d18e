import type { Actor } from '../../kernel/actor.ts';
import { AppError } from '../../kernel/errors.ts';
import { toPublicId } from '../../kernel/ids.ts';
import type { HubAdmission, HubLimits, HubSocketOwner, PresenceMessage } from '../../kernel/realtime.ts';
import type { Scope, TenantGateway } from '../../db/gateway.ts';
import { assertCan } from '../access.ts';
import { type HubNamespace, hubOf } from './realtime.hub.ts';
import { holdInterest, INTEREST_SECONDS, selectNothing } from './realtime.repo.ts';
import { readTicket, signTicket } from './realtime.ticket.ts';

/** Who a socket opened with this actor belongs to, and what revoking ends it. */
export function socketOwnerOf(actor: Actor, role: HubSocketOwner['role']): HubSocketOwner {
  switch (actor.type) {
    case 'user':
      return {
        personId: actor.userId,
        credential: actor.sessionId ? `session:${actor.sessionId}` : `token:${actor.userId}`,
        role,
        present: true,
      };
    case 'api_key':
      return { personId: actor.madeBy, credential: `key:${actor.apiKeyId}`, role, present: false };
    case 'system':
      throw new AppError('FORBIDDEN', 'Your role does not allow this');
  }
}

export interface ResolvedConnection {
  workspaceId: string;
  owner: HubSocketOwner;
}

async function resolved(gateway: TenantGateway): Promise<{ scope: Scope; workspaceId: string; owner: HubSocketOwner }> {
  const { scope } = await gateway.read(selectNothing);
  const workspaceId = assertCan(scope, 'realtime:connect');
  return { scope, workspaceId, owner: ownerOf(scope) };
}

export interface TicketDto {
  ticket: string;
  expires_at: string;
  websocket_path: string;
  events_path: string;
}

function ownerOf(scope: Scope): HubSocketOwner {
  const role = scope.actor.type === 'system' ? null : scope.actor.role;
  if (!role) throw new AppError('FORBIDDEN', 'Your role does not allow this');
  return socketOwnerOf(scope.actor, role);
}

/**
 * Holds the workspace's realtime interest (its events are queued for the hub from now on, for a few
 * minutes) and answers the connection's owner: one batched write.
 */
async function holdingInterest(gateway: TenantGateway): Promise<{ workspaceId: string; owner: HubSocketOwner }> {
  let admitted: { workspaceId: string; owner: HubSocketOwner } | undefined;
  await gateway.write(
    (scope) => assertCan(scope, 'realtime:connect'),
    (db, workspaceId, scope) => {
      admitted = { workspaceId, owner: ownerOf(scope) };
      return [holdInterest(db)] as const;
    },
  );
  if (!admitted) throw new AppError('INTERNAL', 'The realtime interest was not held');
  return admitted;
}

/**
 * A ticket for one connection of the caller to the workspace's hub. Issuing it holds the workspace's
 * realtime interest, so events published from now on reach the hub (one batched write); the ticket
 * itself is signed, not stored.
 */
export async function issueTicket(gateway: TenantGateway, secret: string): Promise<TicketDto> {
  const { workspaceId, owner } = await holdingInterest(gateway);
  const signed = await signTicket(secret, { workspaceId, personId: owner.personId, credential: owner.credential });
  const base = `/api/v1/w/${toPublicId('workspace', workspaceId)}/realtime`;
  const query = `?ticket=${encodeURIComponent(signed.ticket)}`;
  return {
    ticket: signed.ticket,
    expires_at: new Date(signed.expiresAt).toISOString(),
    websocket_path: `${base}/connect${query}`,
    events_path: `${base}/events${query}`,
  };
}

/**
 * The heartbeat of a connected client (every two minutes): renews the workspace's realtime interest,
 * so its events keep reaching the hub while someone is there and stop a few minutes after the last
 * client left.
 */
export async function heartbeat(gateway: TenantGateway): Promise<{ interest_expires_in: number }> {
  await holdingInterest(gateway);
  return { interest_expires_in: INTEREST_SECONDS };
}

/** A connection's credential, checked against the database (one round trip) before anything is upgraded. */
export async function resolveConnection(gateway: TenantGateway): Promise<ResolvedConnection> {
  const { workspaceId, owner } = await resolved(gateway);
  return { workspaceId, owner };
}

/**
 * The ticket of a resolved connection: signed by us, unexpired, for this workspace and this very
 * credential. The hub it names is the workspace the database resolved; the hub then spends the ticket.
 */
export async function admit(
  { workspaceId, owner }: ResolvedConnection,
  secret: string,
  ticket: string | undefined,
  limits: HubLimits,
): Promise<{ workspaceId: string; admission: HubAdmission }> {
  const claims = ticket ? await readTicket(secret, ticket) : null;
  if (!claims || claims.workspaceId !== workspaceId || claims.credential !== owner.credential || claims.personId !== owner.personId) {
    throw new AppError('REALTIME_TICKET_INVALID', 'The ticket is missing, expired, or not for this workspace and credential');
  }
  return {
    workspaceId,
    admission: {
      owner,
      ticketId: claims.ticketId,
      ticketExpiresAt: claims.expiresAt,
      limits,
      personPublicId: toPublicId('user', owner.personId),
    },
  };
}

/** Who is online in the workspace now, from its hub. */
export async function presence(gateway: TenantGateway, hubs: HubNamespace): Promise<PresenceMessage> {
  const { workspaceId } = await resolved(gateway);
  return hubOf(hubs, workspaceId).presence();
}
