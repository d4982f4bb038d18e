import { DurableObject } from 'cloudflare:workers';
import type {
  ChangeMessage,
  HubAdmission,
  HubLimits,
  HubRevocation,
  HubSocketOwner,
  PersonalMessage,
  PresenceEntry,
  PresenceMessage,
} from '../worker/kernel/realtime.ts';
import { hubAdmissionHeader, hubCloseCodes } from '../worker/kernel/realtime.ts';

interface SocketState extends HubSocketOwner {
  readonly personPublicId: string;
  readonly limits: HubLimits;
  readonly connectedAt: number;
}

/** A server-sent events stream: it cannot hibernate, so it lives in memory only. */
interface Stream {
  readonly state: SocketState;
  readonly writer: WritableStreamDefaultWriter<Uint8Array>;
}

const encoder = new TextEncoder();
/** A socket that has not pinged for this long is not shown as present (clients ping every 25 s). */
const PRESENCE_STALE_MS = 60_000;

/**
 * The realtime hub of one workspace (docs/decisions/049-workspace-realtime-hub.md). The worker names
 * it with `idFromName(<workspace uuid>)` after it has verified the ticket and the credential, so a
 * client never picks a hub. Sockets use the Hibernation API: the hub is evicted from memory while its
 * sockets are idle, each socket carrying its owner in its attachment and tags (`person:`, `cred:`), and
 * the `ping` heartbeat is answered by the runtime without waking it.
 */
export class WorkspaceHub extends DurableObject {
  private readonly streams = new Set<Stream>();
  /** Per socket: when its latest messages arrived (a sliding second). Lost on eviction, which is fine. */
  private readonly arrivals = new WeakMap<WebSocket, number[]>();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
    ctx.storage.sql.exec('create table if not exists spent_ticket (id text primary key, expires_at integer not null)');
  }

  override async fetch(request: Request): Promise<Response> {
    const admission = JSON.parse(request.headers.get(hubAdmissionHeader) ?? 'null') as HubAdmission | null;
    if (!admission) return new Response('missing admission', { status: 400 });
    if (!this.spend(admission)) return Response.json({ error: 'ticket_spent' }, { status: 409 });
    const state: SocketState = {
      ...admission.owner,
      personPublicId: admission.personPublicId,
      limits: admission.limits,
      connectedAt: Date.now(),
    };
    const refusal = this.capacityRefusal(state);
    const path = new URL(request.url).pathname;
    if (path === '/events') return this.openStream(state, refusal);

    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, [`person:${state.personId}`, `cred:${state.credential}`]);
    server.serializeAttachment(state);
    if (refusal) {
      // Accepted, then closed: a browser sees the close code, never an HTTP status.
      server.close(refusal.code, refusal.reason);
    } else if (state.present) {
      this.broadcastPresence();
    }
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Records the ticket as spent; false when it already was. The SQL runs synchronously, so two connections cannot both win. */
  private spend(admission: HubAdmission): boolean {
    const now = Date.now();
    if (admission.ticketExpiresAt < now) return false;
    const sql = this.ctx.storage.sql;
    sql.exec('delete from spent_ticket where expires_at < ?', now);
    const inserted = sql.exec(
      'insert into spent_ticket (id, expires_at) values (?, ?) on conflict do nothing',
      admission.ticketId,
      admission.ticketExpiresAt,
    );
    return inserted.rowsWritten > 0;
  }

  private capacityRefusal(state: SocketState): { code: number; reason: string } | null {
    const all = this.owners();
    if (all.length >= state.limits.perWorkspace)
      return { code: hubCloseCodes.tooManyForWorkspace, reason: 'too many connections in this workspace' };
    if (all.filter((o) => o.personId === state.personId).length >= state.limits.perPerson) {
      return { code: hubCloseCodes.tooManyForPerson, reason: 'too many connections for this person' };
    }
    return null;
  }

  private openStream(state: SocketState, refusal: { code: number; reason: string } | null): Response {
    if (refusal) return Response.json({ error: 'too_many_connections', close_code: refusal.code }, { status: 429 });
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const stream: Stream = { state, writer: writable.getWriter() };
    this.streams.add(stream);
    void stream.writer.closed.catch(() => {}).finally(() => this.dropStream(stream));
    void this.write(stream, ': connected\n\n');
    if (state.present) this.broadcastPresence();
    return new Response(readable, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store' } });
  }

  private dropStream(stream: Stream): void {
    if (!this.streams.delete(stream)) return;
    if (stream.state.present) this.broadcastPresence();
  }

  private async write(stream: Stream, text: string): Promise<void> {
    try {
      await stream.writer.write(encoder.encode(text));
    } catch {
      this.dropStream(stream);
    }
  }

  private sockets(tag?: string): Array<{ ws: WebSocket; state: SocketState }> {
    return this.ctx
      .getWebSockets(tag)
      .filter((ws) => ws.readyState === WebSocket.OPEN)
      .map((ws) => ({ ws, state: ws.deserializeAttachment() as SocketState }));
  }

  private owners(): SocketState[] {
    return [...this.sockets().map((s) => s.state), ...[...this.streams].map((s) => s.state)];
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const state = ws.deserializeAttachment() as SocketState;
    const size = typeof message === 'string' ? encoder.encode(message).byteLength : message.byteLength;
    if (size > state.limits.messageBytes) return ws.close(hubCloseCodes.messageTooBig, 'message too big');
    const now = Date.now();
    const recent = (this.arrivals.get(ws) ?? []).filter((at) => at > now - 1000);
    recent.push(now);
    this.arrivals.set(ws, recent);
    if (recent.length > state.limits.messagesPerSecond) return ws.close(hubCloseCodes.tooManyMessages, 'too many messages');
    if (message === 'presence') return ws.send(JSON.stringify(this.presence()));
    ws.close(hubCloseCodes.badMessage, 'unknown message');
  }

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    const state = ws.deserializeAttachment() as SocketState | null;
    // The runtime completes the closing handshake for us only when asked to; echo the code back.
    try {
      ws.close(code === 1005 ? 1000 : code, 'closing');
    } catch {
      // Already closed.
    }
    if (state?.present) this.broadcastPresence();
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    const state = ws.deserializeAttachment() as SocketState | null;
    if (state?.present) this.broadcastPresence();
  }

  /**
   * One request's worth of news, in one call: its change messages to everyone, then its revocations.
   * A hub without connections answers at once, having touched no storage.
   */
  async apply(batch: {
    messages: readonly ChangeMessage[];
    revocations: readonly HubRevocation[];
  }): Promise<{ delivered: number; revoked: number }> {
    const delivered = await this.deliver(batch.messages);
    let revoked = 0;
    for (const revocation of batch.revocations) revoked += await this.revoke(revocation);
    return { delivered, revoked };
  }

  /** Sends each message to every socket and stream of the workspace; returns how many received them. */
  async deliver(messages: readonly ChangeMessage[]): Promise<number> {
    if (messages.length === 0) return 0;
    return this.send(
      this.sockets(),
      [...this.streams],
      messages.map((m) => JSON.stringify(m)),
    );
  }

  /** Sends a message to one person's sockets only (the notification inbox). */
  async deliverTo(personId: string, message: PersonalMessage): Promise<number> {
    return this.send(
      this.sockets(`person:${personId}`),
      [...this.streams].filter((s) => s.state.personId === personId),
      [JSON.stringify(message)],
    );
  }

  private send(sockets: Array<{ ws: WebSocket }>, streams: Stream[], payloads: string[]): number {
    for (const { ws } of sockets) for (const payload of payloads) ws.send(payload);
    const frames = payloads.map((p) => `data: ${p}\n\n`).join('');
    for (const stream of streams) void this.write(stream, frames);
    return sockets.length + streams.length;
  }

  /** Closes or narrows what a revocation names; returns how many sockets and streams it touched. */
  async revoke(revocation: HubRevocation): Promise<number> {
    switch (revocation.type) {
      case 'person':
        return this.close(
          (s) => s.personId === revocation.personId,
          `person:${revocation.personId}`,
          hubCloseCodes.revoked,
          'membership ended',
        );
      case 'credential':
        return this.close(
          (s) => s.credential === revocation.credential,
          `cred:${revocation.credential}`,
          hubCloseCodes.revoked,
          'credential revoked',
        );
      case 'workspace': {
        const code = revocation.state === 'deleted' ? hubCloseCodes.deleted : hubCloseCodes.suspended;
        return this.close(() => true, undefined, code, `workspace ${revocation.state}`);
      }
      case 'role':
        return this.downgrade(revocation.personId, revocation.role);
    }
  }

  private close(matches: (s: SocketState) => boolean, tag: string | undefined, code: number, reason: string): number {
    const sockets = this.sockets(tag).filter((s) => matches(s.state));
    // Said in-band first: a browser reports the close only once the closing handshake and the
    // connection are done, which a proxy in between may hold up; the message reaches it at once.
    const ended = JSON.stringify({ kind: 'access.ended', ids: {}, version: 1, code } satisfies ChangeMessage & { code: number });
    for (const { ws } of sockets) {
      ws.send(ended);
      ws.close(code, reason);
    }
    const streams = [...this.streams].filter((s) => matches(s.state));
    for (const stream of streams) {
      this.streams.delete(stream);
      void stream.writer
        .write(encoder.encode(`event: close\ndata: ${JSON.stringify({ code, reason })}\n\n`))
        .finally(() => stream.writer.close());
    }
    const touched = sockets.length + streams.length;
    if (touched > 0) this.broadcastPresence();
    return touched;
  }

  /** A new role for a person's open sockets: kept on the socket and told to it, so the client refetches what it may now see. */
  private downgrade(personId: string, role: HubSocketOwner['role']): number {
    const sockets = this.sockets(`person:${personId}`);
    const message = JSON.stringify({ kind: 'access.changed', ids: {}, version: 1 } satisfies ChangeMessage);
    for (const { ws, state } of sockets) {
      ws.serializeAttachment({ ...state, role });
      ws.send(message);
    }
    const streams = [...this.streams].filter((s) => s.state.personId === personId);
    for (const stream of streams) void this.write(stream, `data: ${message}\n\n`);
    return sockets.length + streams.length;
  }

  /** Who is online: people with a socket that pinged (or opened) within the last minute. */
  presence(): PresenceMessage {
    const cutoff = Date.now() - PRESENCE_STALE_MS;
    const counts = new Map<string, number>();
    for (const { ws, state } of this.sockets()) {
      if (!state.present) continue;
      const heardAt = Math.max(state.connectedAt, this.ctx.getWebSocketAutoResponseTimestamp(ws)?.getTime() ?? 0);
      if (heardAt >= cutoff) counts.set(state.personPublicId, (counts.get(state.personPublicId) ?? 0) + 1);
    }
    for (const { state } of this.streams) if (state.present) counts.set(state.personPublicId, (counts.get(state.personPublicId) ?? 0) + 1);
    const people: PresenceEntry[] = [...counts].map(([id, connections]) => ({ id, connections })).sort((a, b) => a.id.localeCompare(b.id));
    return { kind: 'presence', people, version: 1 };
  }

  private broadcastPresence(): void {
    const payload = JSON.stringify(this.presence());
    this.send(this.sockets(), [...this.streams], [payload]);
  }
}
