import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { cloudflarePool, structuredSerializableStringify } from '@cloudflare/vitest-plugin';
import { describe, expect, it } from 'vitest';
import { withListenersRemovedOnStop } from './pool-worker-stop.ts';

type Listener = (event: { data: string }) => void;

/** The pool worker's socket, reduced to what it uses: listeners, send and close. */
class SocketDouble {
  readonly listeners = new Map<string, Set<Listener>>();
  closed = false;
  addEventListener(type: string, listener: Listener) {
    this.listeners.set(type, (this.listeners.get(type) ?? new Set()).add(listener));
  }
  removeEventListener(type: string, listener: Listener) {
    this.listeners.get(type)?.delete(listener);
  }
  send() {}
  close() {
    this.closed = true;
  }
  count = () => [...this.listeners.values()].reduce((sum, set) => sum + set.size, 0);
  /** Delivers a module request, as the isolate sends one, to whoever still listens. */
  deliverLateModuleRequest() {
    const data = structuredSerializableStringify({ t: 'q', m: 'fetch', a: ['/worker/late.ts'], i: 'late' });
    for (const listener of this.listeners.get('message') ?? []) listener({ data });
  }
}

const vitestDist = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'dist');

/** A real Workers pool worker, connected to a socket double as `start()` would have connected it. */
function connectedWorker(guarded: boolean) {
  const runner = cloudflarePool({});
  if (guarded) withListenersRemovedOnStop(runner);
  const worker = runner.createPoolWorker({ project: { vitest: { distPath: vitestDist } } } as never);
  const socket = new SocketDouble();
  Object.assign(worker, { socket, parsedPoolOptions: {} });
  for (const event of ['message', 'error', 'exit'] as const) worker.on(event, () => {});
  return { worker, socket };
}

describe('Workers pool workers stopping', () => {
  it('stop listening to their socket before they close it', async () => {
    const { worker, socket } = connectedWorker(true);
    expect(socket.count()).toBe(3);
    await worker.stop();
    expect(socket.closed).toBe(true);
    expect(socket.count()).toBe(0);
    expect(() => socket.deliverLateModuleRequest()).not.toThrow();
  });

  // Why the guard exists. When the pool's own stop() removes its listeners, this fails: drop the guard.
  it('throw on a late message without the guard', async () => {
    const { worker, socket } = connectedWorker(false);
    await worker.stop();
    expect(() => socket.deliverLateModuleRequest()).toThrow('Message received from Worker before initialisation');
  });
});
