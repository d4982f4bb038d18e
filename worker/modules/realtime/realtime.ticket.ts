import { randomToken, signToken, verifyToken } from '../../kernel/crypto.ts';

/** How long a ticket lets its holder open one connection. */
export const TICKET_TTL_SECONDS = 30;

/** What a ticket binds: one workspace, one credential of one person, until `expiresAt`. */
export interface TicketClaims {
  readonly workspaceId: string;
  readonly personId: string;
  readonly credential: string;
  readonly ticketId: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

interface Wire {
  v: 1;
  w: string;
  p: string;
  c: string;
  j: string;
  e: number;
}

/** A ticket signed with APP_SECRET: the hub only records it as spent, so no ticket is stored before use. */
export async function signTicket(
  secret: string,
  claims: Omit<TicketClaims, 'ticketId' | 'expiresAt'>,
  now = Date.now(),
): Promise<TicketClaims & { ticket: string }> {
  const full: TicketClaims = { ...claims, ticketId: randomToken(16), expiresAt: now + TICKET_TTL_SECONDS * 1000 };
  const wire: Wire = { v: 1, w: full.workspaceId, p: full.personId, c: full.credential, j: full.ticketId, e: full.expiresAt };
  return { ...full, ticket: await signToken(secret, `realtime-ticket:${JSON.stringify(wire)}`) };
}

/** The claims of an unaltered, unexpired ticket, or null. Whether it was spent is the hub's to say. */
export async function readTicket(secret: string, ticket: string, now = Date.now()): Promise<TicketClaims | null> {
  if (ticket.length > 1024) return null;
  const payload = await verifyToken(secret, ticket);
  if (!payload?.startsWith('realtime-ticket:')) return null;
  let wire: Partial<Wire>;
  try {
    wire = JSON.parse(payload.slice('realtime-ticket:'.length)) as Partial<Wire>;
  } catch {
    return null;
  }
  if (wire.v !== 1 || typeof wire.e !== 'number' || wire.e <= now) return null;
  if (typeof wire.w !== 'string' || typeof wire.p !== 'string' || typeof wire.c !== 'string' || typeof wire.j !== 'string') return null;
  return { workspaceId: wire.w, personId: wire.p, credential: wire.c, ticketId: wire.j, expiresAt: wire.e };
}
