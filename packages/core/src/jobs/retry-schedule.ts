/**
 * Growing delays: base, 2x, 4x... capped, with up to 20% jitter so many failing jobs do not
 * come back at the same instant.
 */
export function retryDelayMs(attempt: number, baseMs: number, maxMs = 15 * 60_000): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * (1 + Math.random() * 0.2));
}
