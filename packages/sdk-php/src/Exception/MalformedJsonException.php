<?php

declare(strict_types=1);

namespace PremiumCDKeys\Exception;

/** 400 MALFORMED_JSON: the body sent was not JSON. */
class MalformedJsonException extends ApiException
{
}
