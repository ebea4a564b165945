<?php

declare(strict_types=1);

namespace PremiumCDKeys\Exception;

/** 404 WEBHOOK_NOT_FOUND. */
class WebhookNotFoundException extends NotFoundException
{
}
