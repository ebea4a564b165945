<?php

declare(strict_types=1);

namespace PremiumCDKeys\Exception;

/** 404 SUPPLIER_NOT_FOUND. */
class SupplierNotFoundException extends NotFoundException
{
}
