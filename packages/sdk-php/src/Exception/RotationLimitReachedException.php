<?php

declare(strict_types=1);

namespace PremiumCDKeys\Exception;

/** 409 ROTATION_LIMIT_REACHED: 10 retired secrets still sign; getDetails()['next_rotation_at'] says when one expires. */
class RotationLimitReachedException extends ApiException
{
}
