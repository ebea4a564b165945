<?php

declare(strict_types=1);

namespace PremiumCDKeys\Exception;

/** 404 DELIVERY_NOT_FOUND. */
class DeliveryNotFoundException extends NotFoundException
{
}
