<?php

declare(strict_types=1);

namespace PremiumCDKeys\Exception;

/** 403 FORBIDDEN: the API key lacks the permission. */
class ForbiddenException extends ApiException
{
}
