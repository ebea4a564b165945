<?php

declare(strict_types=1);

namespace PremiumCDKeys\Exception;

/**
 * 429 RATE_LIMITED, once the client's own retries are spent (or the wait asked for was longer
 * than `max_retry_wait`).
 */
class RateLimitedException extends ApiException
{
    /** Seconds the server asked to wait, when it said. */
    public function getRetryAfter(): ?float
    {
        return $this->getRateLimit()?->retryAfter;
    }
}
