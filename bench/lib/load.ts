/**
 * A small closed-loop load generator: `concurrency` loops, each sending its next request as soon
 * as the previous answer is read, over keep-alive connections. A warm-up phase runs first; only
 * requests that complete inside the measured window count.
 */
import http from 'node:http';

export interface BenchRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface BenchResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  ms: number;
}

export interface LoadOptions {
  /** e.g. http://127.0.0.1:8787 */
  baseUrl: string;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  /** Called for every request, so each may carry its own headers (e.g. a fresh client address). */
  request: () => BenchRequest;
  /** Called synchronously as the measured window opens and closes (e.g. to sample CPU). */
  onMeasureStart?: () => void;
  onMeasureEnd?: () => void;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  errors: number;
  /** Latency of every answer in the window, ms, sorted. */
  latenciesMs: number[];
  /** CPU of this process (the load generator) over the measured window. */
  clientCpuMs: number;
  /** A few error answers, to tell what went wrong. */
  errorSamples: string[];
}

export class Client {
  readonly #agent: http.Agent;
  readonly #host: string;
  readonly #port: number;

  constructor(baseUrl: string, maxSockets = 16) {
    const url = new URL(baseUrl);
    this.#host = url.hostname;
    this.#port = Number(url.port || 80);
    this.#agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  send(req: BenchRequest): Promise<BenchResponse> {
    const start = performance.now();
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { ...req.headers };
      if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
      const outgoing = http.request(
        { agent: this.#agent, host: this.#host, port: this.#port, method: req.method, path: req.path, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
              ms: performance.now() - start,
            }),
          );
          res.on('error', reject);
        },
      );
      outgoing.setTimeout(30_000, () => outgoing.destroy(new Error('request timed out after 30 s')));
      outgoing.on('error', reject);
      outgoing.end(req.body);
    });
  }

  close(): void {
    this.#agent.destroy();
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const client = new Client(options.baseUrl, options.concurrency);
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let measuring = false;
  let done = false;
  let windowStart = 0;
  let windowEnd = 0;

  const noteError = (text: string) => {
    errors++;
    if (errorSamples.length < 5) errorSamples.push(text.slice(0, 300));
  };

  const loop = async () => {
    while (!done) {
      let response: BenchResponse | null = null;
      let failure: string | null = null;
      try {
        response = await client.send(options.request());
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error);
      }
      if (!measuring) continue;
      if (failure !== null) noteError(failure);
      else if (response) {
        latencies.push(response.ms);
        if (response.status < 200 || response.status > 299) noteError(`${response.status} ${response.body}`);
      }
    }
  };

  const loops = Array.from({ length: options.concurrency }, loop);
  await sleep(options.warmupMs);
  options.onMeasureStart?.();
  const clientCpu = process.cpuUsage();
  windowStart = performance.now();
  measuring = true;
  await sleep(options.durationMs);
  measuring = false;
  windowEnd = performance.now();
  const clientCpuUsed = process.cpuUsage(clientCpu);
  options.onMeasureEnd?.();
  done = true;
  await Promise.all(loops);
  client.close();

  // Every answer (2xx or not) counts as a request; failed connections count only as errors.
  const requests = latencies.length;
  const seconds = (windowEnd - windowStart) / 1000;
  const sorted = latencies.slice().sort((a, b) => a - b);
  return {
    requests,
    seconds,
    rps: requests / seconds,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    meanMs: sorted.reduce((sum, v) => sum + v, 0) / Math.max(1, sorted.length),
    errors,
    latenciesMs: sorted,
    clientCpuMs: (clientCpuUsed.user + clientCpuUsed.system) / 1000,
    errorSamples,
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
