<?php

declare(strict_types=1);

namespace PremiumCDKeys\Exception;

/** 401 UNAUTHORIZED: the API key is missing, unknown or revoked. */
class UnauthorizedException extends ApiException
{
}
