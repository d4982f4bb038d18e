const dayMs = 86_400_000;

/** Whole days left until `endsAt`, rounded up (a trial ending in an hour has 1 day left); 0 once past. */
export function daysLeft(endsAt: string, now: number = Date.now()): number {
  return Math.max(0, Math.ceil((Date.parse(endsAt) - now) / dayMs));
}
