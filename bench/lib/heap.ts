/**
 * Does the isolate keep what requests leave behind? Its heap is read through the inspector after a
 * full garbage collection, once after a first batch of requests (caches, compiled code and the
 * database driver's state are in place by then) and once after many more. A leak grows with the
 * requests; a steady heap stays within noise.
 */
import { CdpSession, fullCollection } from './inspector.ts';
import type { BenchRequest } from './load.ts';
import { drive } from './profiling.ts';

export interface HeapGrowth {
  /** Requests sent before the first reading, and in all. */
  firstRequests: number;
  totalRequests: number;
  /** V8's used heap after a full collection, bytes. */
  afterFirstBytes: number;
  afterAllBytes: number;
  /** Answers that were not 2xx. */
  errors: number;
}

/** V8's used heap right after a full collection. */
async function usedHeapAfterCollection(session: CdpSession): Promise<number> {
  await fullCollection(session);
  const usage = (await session.send('Runtime.getHeapUsage', {}, 10_000)) as { usedSize?: number };
  if (typeof usage.usedSize !== 'number') throw new Error(`Runtime.getHeapUsage answered ${JSON.stringify(usage)}`);
  return usage.usedSize;
}

export async function heapGrowth(options: {
  /** The isolate's DevTools WebSocket. */
  wsUrl: string;
  url: string;
  request: () => BenchRequest;
  firstRequests: number;
  totalRequests: number;
  concurrency: number;
}): Promise<HeapGrowth> {
  const session = await CdpSession.connect(options.wsUrl);
  try {
    await session.send('HeapProfiler.enable', {}, 10_000);
    let errors = await drive(options.url, options.request, options.firstRequests, options.concurrency);
    const afterFirstBytes = await usedHeapAfterCollection(session);
    errors += await drive(options.url, options.request, options.totalRequests - options.firstRequests, options.concurrency);
    const afterAllBytes = await usedHeapAfterCollection(session);
    return { firstRequests: options.firstRequests, totalRequests: options.totalRequests, afterFirstBytes, afterAllBytes, errors };
  } finally {
    session.close();
  }
}
