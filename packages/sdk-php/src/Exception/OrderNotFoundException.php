<?php

declare(strict_types=1);

namespace PremiumCDKeys\Exception;

/** 404 ORDER_NOT_FOUND. */
class OrderNotFoundException extends NotFoundException
{
}
