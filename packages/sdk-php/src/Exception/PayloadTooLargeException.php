<?php

declare(strict_types=1);

namespace PremiumCDKeys\Exception;

/** 413 PAYLOAD_TOO_LARGE. */
class PayloadTooLargeException extends ApiException
{
}
