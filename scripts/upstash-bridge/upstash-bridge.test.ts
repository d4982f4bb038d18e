import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWith } from '../test/describe-with.ts';
import { startUpstashBridge, type UpstashBridge } from './index.ts';
import { forRedis } from './scripts.ts';

const token = 'bridge-test-token';
const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;

async function sparePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

async function startRedisServer(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.once('error', (error) => reject(new Error(`cannot start redis-server: ${error.message}`)));
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
  });
  return child;
}

// CI installs redis-server and must run these; elsewhere they wait until it is installed.
const redisMissing = hasRedisServer || process.env.CI ? null : 'redis-server is not installed (apt-get install redis-server)';
describeWith(redisMissing, 'Upstash REST bridge', () => {
  let redisServer: ChildProcess | undefined;
  let bridge: UpstashBridge;
  let redis: Redis;

  beforeAll(async () => {
    const redisPort = await sparePort();
    redisServer = await startRedisServer(redisPort);
    bridge = await startUpstashBridge({ port: 0, token, redisUrl: `redis://127.0.0.1:${redisPort}` });
    redis = new Redis({ url: bridge.url, token, enableTelemetry: false });
  });

  afterAll(async () => {
    await bridge?.close();
    redisServer?.kill();
  });

  it('sets and gets values, including non-ASCII text through the base64 encoding', async () => {
    expect(await redis.set('greeting', 'grüße ✓')).toBe('OK');
    expect(await redis.get('greeting')).toBe('grüße ✓');
    expect(await redis.get('absent')).toBeNull();
    expect(await redis.set('json', { a: [1, 'two'] })).toBe('OK');
    expect(await redis.get('json')).toEqual({ a: [1, 'two'] });
  });

  it('returns integers as numbers', async () => {
    expect(await redis.incr('counter')).toBe(1);
    expect(await redis.incrby('counter', 41)).toBe(42);
  });

  it('runs pipelines and transactions, keeping per-command errors apart', async () => {
    const pipeline = redis.pipeline();
    pipeline.set('p', 'x');
    pipeline.incr('p');
    pipeline.hset('h', { field: 'value' });
    pipeline.hgetall('h');
    const results = await pipeline.exec({ keepErrors: true });
    expect(results.map((r) => r.result)).toEqual(['OK', undefined, 1, { field: 'value' }]);
    expect(results[1]?.error).toMatch(/not an integer/);

    const multi = redis.multi();
    multi.incr('m');
    multi.incr('m');
    expect(await multi.exec()).toEqual([1, 2]);
  });

  it('evaluates Lua, answers NOSCRIPT as an error, and accepts Upstash-only shebang flags', async () => {
    expect(await redis.eval("return {1, 'two', {3, 'four'}}", [], [])).toEqual([1, 'two', [3, 'four']]);
    await expect(redis.evalsha('0'.repeat(40), [], [])).rejects.toThrow(/NOSCRIPT/);

    const script = "#!lua flags=allow-key-locking\nreturn redis.call('INCR', KEYS[1])";
    const sha = await redis.scriptLoad(script);
    expect(await redis.evalsha(sha, ['scripted'], [])).toBe(1);
    expect(forRedis(script)).toBe("#!lua flags=\nreturn redis.call('INCR', KEYS[1])");
  });

  it('serves @upstash/ratelimit token buckets', async () => {
    const ratelimit = new Ratelimit({ redis, limiter: Ratelimit.tokenBucket(1, '10 s', 3), ephemeralCache: false });
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(await ratelimit.limit('client'));
    expect(outcomes.map((o) => [o.success, o.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
      [false, 0],
    ]);
  });

  it('refuses a wrong or missing token', async () => {
    const intruder = new Redis({ url: bridge.url, token: 'wrong-token', enableTelemetry: false, retry: false });
    await expect(intruder.get('greeting')).rejects.toThrow(/Unauthorized/);
    const response = await fetch(bridge.url, { method: 'POST', body: JSON.stringify(['GET', 'greeting']) });
    expect(response.status).toBe(401);
  });

  it('answers a bad command with status 400 and { error }', async () => {
    const post = (body: unknown) =>
      fetch(bridge.url, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    const unknown = await post(['NOSUCHCOMMAND']);
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ error: expect.stringMatching(/unknown command/i) });
    const stateful = await post(['SUBSCRIBE', 'channel']);
    expect(stateful.status).toBe(400);
    const plain = await post(['ECHO', 'as is']);
    expect(await plain.json()).toEqual({ result: 'as is' });
  });
});
