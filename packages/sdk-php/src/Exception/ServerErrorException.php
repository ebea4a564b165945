<?php

declare(strict_types=1);

namespace PremiumCDKeys\Exception;

/** 500 SERVER_ERROR (and any 5xx without an envelope). */
class ServerErrorException extends ApiException
{
}
