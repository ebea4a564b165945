<?php

declare(strict_types=1);

namespace PremiumCDKeys\Exception;

/** 409 ORDER_NOT_PROCESSABLE: the order is in no state to be processed. */
class OrderNotProcessableException extends ApiException
{
}
