<?php

declare(strict_types=1);

namespace PremiumCDKeys\Exception;

/** An answer that is not the API's JSON (error code INVALID_RESPONSE). */
class InvalidResponseException extends PremiumCDKeysException
{
}
