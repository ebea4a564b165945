<?php

declare(strict_types=1);

namespace PremiumCDKeys\Exception;

/** 409 IDEMPOTENCY_KEY_IN_USE: the first request with this key is still being answered; retry shortly. */
class IdempotencyKeyInUseException extends ApiException
{
}
