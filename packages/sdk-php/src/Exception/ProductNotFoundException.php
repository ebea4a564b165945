<?php

declare(strict_types=1);

namespace PremiumCDKeys\Exception;

/** 404 PRODUCT_NOT_FOUND. */
class ProductNotFoundException extends NotFoundException
{
}
