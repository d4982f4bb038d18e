import { startUpstashBridge } from './index.ts';

// Development entry point: UPSTASH_BRIDGE_PORT=8079 UPSTASH_TOKEN=dev-token REDIS_URL=redis://127.0.0.1:6379 node scripts/upstash-bridge/main.ts
const token = process.env.UPSTASH_TOKEN;
if (!token) {
  console.error('UPSTASH_TOKEN is required: clients must send it as "Authorization: Bearer <token>"');
  process.exit(1);
}
const port = Number(process.env.UPSTASH_BRIDGE_PORT ?? 8079);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`UPSTASH_BRIDGE_PORT must be a port number, got "${process.env.UPSTASH_BRIDGE_PORT}"`);
  process.exit(1);
}
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const bridge = await startUpstashBridge({ port, token, redisUrl });
console.log(`Upstash REST bridge on ${bridge.url}, in front of ${redisUrl}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    bridge.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
