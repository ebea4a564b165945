<?php

declare(strict_types=1);

namespace PremiumCDKeys\Exception;

/** The server could not be reached (error code CONNECTION_ERROR). */
class ConnectionException extends PremiumCDKeysException
{
}
