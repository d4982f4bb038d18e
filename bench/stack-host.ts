/**
 * Runs `startStack` in its own process for `bench/run.ts`, so the database endpoint (PGlite) does
 * not share an event loop with the load generator, and its CPU can be read apart from workerd's.
 *
 * Started with `fork()`: the stack options come as JSON in argv[2]; it answers
 * { type: 'ready', stack, startMs } or { type: 'error', message } over IPC, and stops the stack on
 * the message 'stop', on SIGTERM/SIGINT, or when the parent goes away.
 */
import { type Stack, type StackOptions, startStack } from '../scripts/stack.ts';
import type { StackHostMessage } from './lib/servers.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as StackOptions;
const started = performance.now();
const starting: Promise<Stack> = startStack(options);
let stopping = false;

const send = (message: StackHostMessage) => {
  if (process.connected) process.send?.(message);
};

/** Waits for a start in progress to finish, then ends everything the stack started. */
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  try {
    const stack = await starting.catch(() => undefined);
    await stack?.stop();
  } finally {
    process.exit(code);
  }
}

process.on('message', (message) => {
  if (message === 'stop') void stop(0);
});
process.on('disconnect', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));

try {
  const stack = await starting;
  const startMs = performance.now() - started;
  send({
    type: 'ready',
    stack: { url: stack.url, dbServerUrl: stack.dbServerUrl, postgresUrl: stack.postgresUrl, webhookReceiverUrl: stack.webhookReceiverUrl },
    startMs,
  });
} catch (error) {
  send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  await stop(1);
}
