import type { Plugin } from 'vitest/config';

type Listened = 'message' | 'error' | 'exit';
interface PoolWorkerLike {
  on(event: Listened, callback: (arg: unknown) => void): void;
  off(event: Listened, callback: (arg: unknown) => void): void;
  stop(): Promise<void>;
}
interface PoolRunnerLike {
  createPoolWorker(options: unknown): PoolWorkerLike;
}

const listenedEvents: readonly Listened[] = ['message', 'error', 'exit'];
const ignore = () => {};

/**
 * Makes a pool worker stop listening to its test isolate before it stops.
 *
 * vitest stops a pool worker without removing its listeners first, and the Workers pool's `stop()`
 * closes its socket and forgets it while the message listener stays attached. A message the isolate
 * sent just before (a module a file's left-over background work imports late) then reaches a listener
 * that asserts the socket exists: the assertion throws from an event listener and ends the whole run
 * with "Message received from Worker before initialisation". Removing the listeners first drops such
 * a message instead; the file it belonged to has already reported.
 */
export function withListenersRemovedOnStop(runner: PoolRunnerLike): void {
  const create = runner.createPoolWorker.bind(runner);
  runner.createPoolWorker = (options) => {
    const worker = create(options);
    const stop = worker.stop.bind(worker);
    worker.stop = () => {
      for (const event of listenedEvents) worker.off(event, ignore);
      return stop();
    };
    return worker;
  };
}

/** The plugin, listed after `cloudflareTest()`, whose `configureVitest` sets the project's pool runner. */
export const poolWorkersStopListeningFirst = (): Plugin => ({
  name: 'pool-workers-stop-listening-first',
  configureVitest({ project }) {
    const runner = project.config.poolRunner as PoolRunnerLike | undefined;
    if (!runner) throw new Error('No pool runner to guard: list this plugin after cloudflareTest().');
    withListenersRemovedOnStop(runner);
  },
});
