<?php

declare(strict_types=1);

namespace PremiumCDKeys\Exception;

/** 405 METHOD_NOT_ALLOWED. */
class MethodNotAllowedException extends ApiException
{
}
