<?php

declare(strict_types=1);

namespace PremiumCDKeys\Http;

/** The API's rate-limit headers, read from one answer; absent values are null, never guessed. */
final class RateLimit
{
    public function __construct(
        /** X-RateLimit-Limit: requests allowed per window. */
        public readonly ?int $limit,
        /** X-RateLimit-Remaining: requests left in this window. */
        public readonly ?int $remaining,
        /** X-RateLimit-Reset: when the window resets, Unix seconds. */
        public readonly ?int $reset,
        /** Retry-After of a 429, in seconds. */
        public readonly ?float $retryAfter,
    ) {
    }

    /** @param array<string, string> $headers lower-cased names */
    public static function fromHeaders(array $headers, ?float $now = null): ?self
    {
        $limit = self::wholeNumber($headers['x-ratelimit-limit'] ?? null);
        $remaining = self::wholeNumber($headers['x-ratelimit-remaining'] ?? null);
        $reset = self::wholeNumber($headers['x-ratelimit-reset'] ?? null);
        $retryAfter = self::retryAfterSeconds($headers['retry-after'] ?? null, $now ?? microtime(true));
        if ($limit === null && $remaining === null && $reset === null && $retryAfter === null) {
            return null;
        }
        return new self($limit, $remaining, $reset, $retryAfter);
    }

    /**
     * Seconds to wait before asking again after a 429: Retry-After when given (relative, so
     * clocks that disagree do not matter), else until X-RateLimit-Reset, else one second.
     */
    public function secondsToWait(?float $now = null): float
    {
        if ($this->retryAfter !== null) {
            return $this->retryAfter;
        }
        if ($this->reset !== null) {
            return max(0.0, $this->reset - ($now ?? microtime(true)));
        }
        return 1.0;
    }

    private static function wholeNumber(?string $value): ?int
    {
        if ($value === null || preg_match('/^\d{1,15}$/', trim($value)) !== 1) {
            return null;
        }
        return (int) trim($value);
    }

    /** Delay seconds or an HTTP date (RFC 9110, section 10.2.3). */
    private static function retryAfterSeconds(?string $value, float $now): ?float
    {
        if ($value === null) {
            return null;
        }
        $seconds = self::wholeNumber($value);
        if ($seconds !== null) {
            return (float) $seconds;
        }
        $date = strtotime($value);
        return $date === false ? null : max(0.0, $date - $now);
    }
}
