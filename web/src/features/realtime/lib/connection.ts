import type { PresenceEntry } from '../../../../../worker/kernel/realtime.ts';
import { ApiError } from '@/lib/api-client';
import { reconnectDelay } from './backoff';

export type ConnectionState = 'connecting' | 'open' | 'closed' | 'revoked';

export interface ConnectionEvents {
  /** A change or access message's kind. */
  onChange(kind: string): void;
  onPresence(people: readonly PresenceEntry[]): void;
  /** The socket opened again after having been open before: whatever happened meanwhile was missed. */
  onReconnect(): void;
  onState(state: ConnectionState): void;
}

const HEARTBEAT_MS = 25_000;
/** The server queues a workspace's events for its hub for 5 minutes after a ticket or a renewal. */
const RENEW_MS = 120_000;
/** Close codes after which a new ticket would be refused anyway (kernel/realtime.ts `hubCloseCodes`). */
const final = new Set([4401, 4403, 4410]);
/** Ticket refusals that no retry can turn around. */
const refusedFor = new Set([401, 403, 404, 410]);

/**
 * One workspace's socket: a ticket, the handshake, a `ping` every 25 s (answered by the hub without
 * waking it), a renewal every 2 minutes (the server keeps sending the workspace's events to its hub
 * only while someone renews), and reconnection with backoff and jitter until `stop()`, or until the
 * hub closes with a code that says access ended. Messages are passed on by kind only.
 */
export class RealtimeConnection {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private everOpen = false;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private renewal: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly ticket: () => Promise<{ websocket_path: string }>,
    private readonly renew: () => Promise<unknown>,
    private readonly events: ConnectionEvents,
  ) {}

  start(): void {
    void this.open();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.quiet();
    this.socket?.close(1000, 'leaving');
  }

  private async open(): Promise<void> {
    if (this.stopped) return;
    this.events.onState('connecting');
    let path: string;
    try {
      path = (await this.ticket()).websocket_path;
    } catch (error) {
      // Signed out, no longer a member, or the workspace is gone: another ticket would be refused too.
      if (error instanceof ApiError && refusedFor.has(error.status)) return this.end();
      return this.retry();
    }
    if (this.stopped) return;
    const url = new URL(path, window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      if (this.everOpen) this.events.onReconnect();
      this.everOpen = true;
      this.attempt = 0;
      this.events.onState('open');
      this.heartbeat = setInterval(() => socket.send('ping'), HEARTBEAT_MS);
      // A failed renewal is retried at the next one; the socket stays open either way.
      this.renewal = setInterval(() => void this.renew().catch(() => undefined), RENEW_MS);
    });
    socket.addEventListener('message', (event) => this.receive(String(event.data)));
    socket.addEventListener('close', (event) => {
      this.quiet();
      if (this.stopped) return;
      if (final.has(event.code)) return this.end();
      this.retry();
    });
  }

  /** Access ended: no more reconnecting; the page refetches what the person may still see. */
  private end(): void {
    this.stopped = true;
    this.events.onState('revoked');
    this.events.onChange('access.changed');
  }

  private quiet(): void {
    clearInterval(this.heartbeat);
    clearInterval(this.renewal);
  }

  private retry(): void {
    if (this.stopped) return;
    this.events.onState('closed');
    this.timer = setTimeout(() => void this.open(), reconnectDelay(this.attempt++));
  }

  private receive(data: string): void {
    if (data === 'pong') return;
    let message: { kind?: unknown; people?: unknown };
    try {
      message = JSON.parse(data) as { kind?: unknown; people?: unknown };
    } catch {
      return;
    }
    if (message.kind === 'access.ended') {
      // The hub closes this socket with a code that says access ended; nothing to reconnect to.
      this.end();
      this.socket?.close(1000, 'access ended');
      return;
    }
    if (message.kind === 'presence' && Array.isArray(message.people)) this.events.onPresence(message.people as PresenceEntry[]);
    else if (typeof message.kind === 'string') this.events.onChange(message.kind);
  }
}
