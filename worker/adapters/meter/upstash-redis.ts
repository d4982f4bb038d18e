// What upstash.ts loads with import() on the first increment or read: the Redis client stays out of start-up.
export { Redis } from '@upstash/redis/cloudflare';
