<?php

declare(strict_types=1);

namespace PremiumCDKeys\Exception;

/** 415 UNSUPPORTED_MEDIA_TYPE: a body sent without Content-Type: application/json. */
class UnsupportedMediaTypeException extends ApiException
{
}
