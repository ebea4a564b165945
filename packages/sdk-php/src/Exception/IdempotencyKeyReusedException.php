<?php

declare(strict_types=1);

namespace PremiumCDKeys\Exception;

/** 422 IDEMPOTENCY_KEY_REUSED: the key was used with another request. */
class IdempotencyKeyReusedException extends ApiException
{
}
