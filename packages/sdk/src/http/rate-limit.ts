/** The API's rate-limit headers, read from one answer. */
export type RateLimit = {
  /** `X-RateLimit-Limit`: requests allowed per window. */
  limit: number | undefined;
  /** `X-RateLimit-Remaining`: requests left in this window. */
  remaining: number | undefined;
  /** `X-RateLimit-Reset`: when the window resets. */
  resetAt: Date | undefined;
  /** `Retry-After` of a 429, in milliseconds. */
  retryAfterMs: number | undefined;
};

/** Reads the headers; absent or unreadable values are `undefined`, never guessed. */
export function readRateLimit(headers: Headers): RateLimit | undefined {
  const limit = wholeNumber(headers.get("x-ratelimit-limit"));
  const remaining = wholeNumber(headers.get("x-ratelimit-remaining"));
  const reset = wholeNumber(headers.get("x-ratelimit-reset"));
  const retryAfter = retryAfterMs(headers.get("retry-after"));
  if ([limit, remaining, reset, retryAfter].every((value) => value === undefined)) return undefined;

  return {
    limit,
    remaining,
    resetAt: reset === undefined ? undefined : new Date(reset * 1000),
    retryAfterMs: retryAfter,
  };
}

/**
 * How long to wait before asking again after a 429: `Retry-After` when the answer has it (a
 * relative delay, so clocks that disagree do not matter), else until `X-RateLimit-Reset`, else
 * one second.
 */
export function waitBeforeRetryMs(rateLimit: RateLimit | undefined, now = Date.now()): number {
  if (rateLimit?.retryAfterMs !== undefined) return rateLimit.retryAfterMs;
  if (rateLimit?.resetAt) return Math.max(0, rateLimit.resetAt.getTime() - now);
  return 1000;
}

function wholeNumber(value: string | null): number | undefined {
  if (value === null || !/^\d{1,15}$/.test(value.trim())) return undefined;
  return Number(value.trim());
}

/** `Retry-After` is either delay seconds or an HTTP date (RFC 9110, section 10.2.3). */
function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const seconds = wholeNumber(value);
  if (seconds !== undefined) return seconds * 1000;

  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
