<?php

declare(strict_types=1);

namespace PremiumCDKeys\Exception;

/**
 * The base of every exception this package throws: `catch (PremiumCDKeysException $e)` catches
 * all of them. `getErrorCode()` is the API's code (`ORDER_NOT_FOUND`, ...) or, for failures that
 * never got an answer, the client's (`TIMEOUT`, `CONNECTION_ERROR`, `INVALID_RESPONSE`).
 */
class PremiumCDKeysException extends \RuntimeException
{
    private string $errorCode;

    public function __construct(string $message, string $errorCode, int $status = 0, ?\Throwable $previous = null)
    {
        parent::__construct($message, $status, $previous);
        $this->errorCode = $errorCode;
    }

    public function getErrorCode(): string
    {
        return $this->errorCode;
    }
}
