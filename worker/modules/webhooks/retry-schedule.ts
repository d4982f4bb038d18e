/**
 * When a failed delivery is tried again: about 1 min, 5 min, 30 min, 2 h and 12 h after the attempts
 * before, each ±10 % so endpoints that failed together are not all called again at once. A
 * `Retry-After` the receiver sent wins. The queue delays a message by 12 hours at most.
 */
export const RETRY_DELAYS_SECONDS = [60, 300, 1800, 7200, 43_200] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;
const MAX_QUEUE_DELAY_SECONDS = 43_200;
const JITTER = 0.1;

/** Seconds before attempt `failed + 1`, or null when `failed` was the last attempt. */
export function retryDelay(failed: number, retryAfterSeconds: number | null, random = Math.random): number | null {
  const base = RETRY_DELAYS_SECONDS[failed - 1];
  if (base === undefined) return null;
  const chosen = retryAfterSeconds ?? Math.round(base * (1 + JITTER * (2 * random() - 1)));
  return Math.min(MAX_QUEUE_DELAY_SECONDS, Math.max(1, chosen));
}

/** `Retry-After` as seconds: a number of seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}
