import type { PrismaClient } from "../db/types.ts";

/** Requests per minute by tier, as the contract's table; Enterprise is set per account. */
export const TIER_LIMITS: Record<string, number> = { standard: 60, business: 300 };

export const WINDOW_SECONDS = 60;

export function limitForAccount(account: { tier: string; rateLimitPerMinute: number | null }) {
  if (account.tier === "enterprise" && account.rateLimitPerMinute)
    return account.rateLimitPerMinute;
  return TIER_LIMITS[account.tier] ?? TIER_LIMITS.standard;
}

export type RateLimitState = {
  limit: number;
  remaining: number;
  /** Unix seconds at which the current window ends, as `X-RateLimit-Reset`. */
  reset: number;
  allowed: boolean;
  /** Whole seconds until the window ends, for `Retry-After`. */
  retryAfter: number;
};

/**
 * Counts one request of `subject` in the current minute and says whether it is within `limit`.
 * The count lives in the database, so every server process sharing it enforces one limit; one
 * statement both counts and clears the subject's earlier windows.
 */
export async function countRequest(
  prisma: PrismaClient,
  subject: string,
  limit: number,
  now = Date.now(),
): Promise<RateLimitState> {
  const windowStart = Math.floor(now / 1000 / WINDOW_SECONDS) * WINDOW_SECONDS;
  const start = new Date(windowStart * 1000);
  const rows = await prisma.$queryRaw<{ count: number }[]>`
    WITH expired AS (
      DELETE FROM rate_limit_windows WHERE subject = ${subject} AND window_start < ${start})
    INSERT INTO rate_limit_windows (subject, window_start, count) VALUES (${subject}, ${start}, 1)
    ON CONFLICT (subject, window_start)
      DO UPDATE SET count = rate_limit_windows.count + 1
    RETURNING count`;

  const count = Number(rows[0].count);
  const reset = windowStart + WINDOW_SECONDS;
  return {
    limit,
    remaining: Math.max(0, limit - count),
    reset,
    allowed: count <= limit,
    retryAfter: Math.max(1, Math.ceil(reset - now / 1000)),
  };
}
