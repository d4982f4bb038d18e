/**
 * The wait before reconnect attempt `attempt` (0-based): exponential from 500 ms, capped at 30 s,
 * with full jitter so that a hub restart does not bring every client back in the same instant.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(30_000, 500 * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
