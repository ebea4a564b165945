<?php

declare(strict_types=1);

namespace PremiumCDKeys\Exception;

/** No answer within the timeout (error code TIMEOUT). */
class TimeoutException extends PremiumCDKeysException
{
}
