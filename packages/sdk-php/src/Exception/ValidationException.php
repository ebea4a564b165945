<?php

declare(strict_types=1);

namespace PremiumCDKeys\Exception;

/** 400 VALIDATION_ERROR: a value was refused; getFields() names each one. */
class ValidationException extends ApiException
{
    /** @return list<array{field: string, message: string}> */
    public function getFields(): array
    {
        $fields = $this->getDetails()['fields'] ?? [];
        return is_array($fields) ? array_values($fields) : [];
    }
}
