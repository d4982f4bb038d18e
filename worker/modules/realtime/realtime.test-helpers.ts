import { exports } from 'cloudflare:workers';
import type { Bindings } from '../../env.ts';
import { call, createWorkspace, origin, randomIp, signUp } from '../../test/client.ts';
import { addMember } from '../../test/db.ts';
import { workspaceUuid } from '../../test/lifecycle.ts';
import { parsePublicId } from '../../kernel/ids.ts';
import { inviteIds } from '../members/members.ids.ts';

/** A workspace with its owner, and a second person as a member of the given role. */
export async function workspaceOfTwo(role: 'admin' | 'member' | 'viewer' = 'member') {
  const owner = await signUp('Ada Owner');
  const ws = await createWorkspace(owner.cookie, 'Live');
  const other = await signUp('Bo Member');
  await addMember(workspaceUuid(ws.id), parsePublicId('user', other.user.id) as string, role);
  return { owner, other, ws };
}

/**
 * An invitation by the owner behind `cookie`: a platform write whose event (`members.invited`, which
 * names the address) reaches the hub as `{kind, ids: {invite}, version}`.
 */
export async function invite(slug: string, cookie: string, env?: Bindings) {
  const email = `invitee-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const res = await call('POST', `/api/v1/w/${slug}/invites`, { cookie, body: { email, role: 'member' }, ...(env ? { env } : {}) });
  if (res.status !== 201) throw new Error(`invite: ${res.status} ${res.text}`);
  return { id: res.json.id as string, uuid: inviteIds.parse(res.json.id) as string, email };
}

export async function ticketFor(slug: string, auth: { cookie?: string; apiKey?: string }) {
  const res = await call('POST', `/api/v1/w/${slug}/realtime/ticket`, auth);
  if (res.status !== 201) throw new Error(`ticket: ${res.status} ${res.text}`);
  return res.json as { ticket: string; expires_at: string; websocket_path: string; events_path: string };
}

/** A handshake through the real worker entry; `origin: null` sends none. */
export function handshake(
  path: string,
  options: { cookie?: string; apiKey?: string; origin?: string | null; headers?: Record<string, string> } = {},
) {
  const headers = new Headers({ upgrade: 'websocket', 'cf-connecting-ip': randomIp(), ...options.headers });
  if (options.cookie) headers.set('cookie', options.cookie);
  if (options.apiKey) headers.set('authorization', `Bearer ${options.apiKey}`);
  if (options.origin !== null) headers.set('origin', options.origin ?? origin);
  return exports.default.fetch(new Request(`${origin}${path}`, { headers }));
}

/** What the hub sends: a change, `access.changed` or presence. */
export interface HubMessage {
  kind: string;
  ids?: Record<string, string>;
  version?: number;
  people?: Array<{ id: string; connections: number }>;
}

/** An open socket whose messages and close are recorded, with waits that give up after a deadline. */
export class Client {
  readonly messages: Array<HubMessage> = [];
  closed: { code: number; reason: string } | null = null;
  private waiters: Array<() => void> = [];

  constructor(readonly ws: WebSocket) {
    ws.accept();
    ws.addEventListener('message', (event) => {
      // The heartbeat's answer is the plain text `pong`; every other message is JSON.
      if (event.data !== 'pong') this.messages.push(JSON.parse(String(event.data)) as HubMessage);
      this.wake();
    });
    ws.addEventListener('close', (event) => {
      this.closed = { code: event.code, reason: event.reason };
      this.wake();
    });
  }

  private wake() {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Resolves once `test` holds, or rejects after `withinMs`. */
  async until<T>(test: () => T | undefined | null | false, withinMs = 1000): Promise<T> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      const value = test();
      if (value) return value;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`not within ${withinMs} ms; messages: ${JSON.stringify(this.messages)}, closed: ${JSON.stringify(this.closed)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /**
   * A message by kind. Change messages come through the jobs queue, which under the tests batches for
   * up to 1 s (vitest.config.mts); the browser scenario proves the one second with the deployed
   * settings. Closing a revoked socket is a direct call and keeps its one second (`close`).
   */
  message(kind: string, withinMs = 8000) {
    return this.until(() => this.messages.find((m) => m.kind === kind), withinMs);
  }

  close(withinMs = 1000) {
    return this.until(() => this.closed, withinMs);
  }

  /** The latest presence message's people. */
  get present(): string[] {
    const latest = [...this.messages].reverse().find((m) => m.kind === 'presence');
    return (latest?.people ?? []).map((p) => p.id);
  }
}

/** A ticket, then a socket with it; fails unless the worker answered 101. */
export async function connect(slug: string, auth: { cookie?: string; apiKey?: string }): Promise<Client> {
  const { websocket_path } = await ticketFor(slug, auth);
  const res = await handshake(websocket_path, auth);
  if (res.status !== 101 || !res.webSocket) throw new Error(`connect: ${res.status} ${await res.text()}`);
  return new Client(res.webSocket);
}

/** The membership id of a person in a workspace, as the members list names it. */
export async function memberIdOf(slug: string, cookie: string, userPublicId: string): Promise<string> {
  const res = await call('GET', `/api/v1/w/${slug}/members`, { cookie });
  const member = (res.json.items as Array<{ id: string; user: { id: string } }>).find((m) => m.user.id === userPublicId);
  if (!member) throw new Error(`no member ${userPublicId}: ${res.text}`);
  return member.id;
}
