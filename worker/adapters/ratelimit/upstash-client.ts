// What upstash.ts loads with import() when the Upstash backend draws its first bucket.
export { Ratelimit } from '@upstash/ratelimit';
export { Redis } from '@upstash/redis/cloudflare';
