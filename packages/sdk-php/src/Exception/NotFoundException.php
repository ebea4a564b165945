<?php

declare(strict_types=1);

namespace PremiumCDKeys\Exception;

/** 404 NOT_FOUND (an unknown route); the parent of every *_NOT_FOUND. */
class NotFoundException extends ApiException
{
}
