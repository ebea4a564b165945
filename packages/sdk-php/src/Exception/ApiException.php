<?php

declare(strict_types=1);

namespace PremiumCDKeys\Exception;

use PremiumCDKeys\Http\RateLimit;

/**
 * The API answered with an error. `getCode()` is the HTTP status, `getErrorCode()` the code of
 * the contract's envelope, `getDetails()` its `details`. A code this version does not know (from
 * a newer server) arrives as a plain ApiException.
 */
class ApiException extends PremiumCDKeysException
{
    /** @param array<string, mixed> $details */
    public function __construct(
        string $message,
        string $errorCode,
        int $status,
        private readonly array $details = [],
        private readonly ?RateLimit $rateLimit = null,
    ) {
        parent::__construct($message, $errorCode, $status);
    }

    public function getStatus(): int
    {
        return $this->getCode();
    }

    /** @return array<string, mixed> */
    public function getDetails(): array
    {
        return $this->details;
    }

    /** The rate-limit headers of the answer, when it had them. */
    public function getRateLimit(): ?RateLimit
    {
        return $this->rateLimit;
    }
}
