<?php

declare(strict_types=1);

namespace PremiumCDKeys\Exception;

use PremiumCDKeys\Http\RateLimit;

/** One exception class per error code of the API, and the code of an envelope-less status. */
final class ExceptionFactory
{
    private const CLASS_BY_CODE = [
        'VALIDATION_ERROR' => ValidationException::class,
        'MALFORMED_JSON' => MalformedJsonException::class,
        'UNAUTHORIZED' => UnauthorizedException::class,
        'FORBIDDEN' => ForbiddenException::class,
        'NOT_FOUND' => NotFoundException::class,
        'ORDER_NOT_FOUND' => OrderNotFoundException::class,
        'PRODUCT_NOT_FOUND' => ProductNotFoundException::class,
        'SUPPLIER_NOT_FOUND' => SupplierNotFoundException::class,
        'WEBHOOK_NOT_FOUND' => WebhookNotFoundException::class,
        'DELIVERY_NOT_FOUND' => DeliveryNotFoundException::class,
        'METHOD_NOT_ALLOWED' => MethodNotAllowedException::class,
        'ORDER_NOT_PROCESSABLE' => OrderNotProcessableException::class,
        'PAYLOAD_TOO_LARGE' => PayloadTooLargeException::class,
        'UNSUPPORTED_MEDIA_TYPE' => UnsupportedMediaTypeException::class,
        'ROTATION_LIMIT_REACHED' => RotationLimitReachedException::class,
        'IDEMPOTENCY_KEY_REUSED' => IdempotencyKeyReusedException::class,
        'IDEMPOTENCY_KEY_IN_USE' => IdempotencyKeyInUseException::class,
        'RATE_LIMITED' => RateLimitedException::class,
        'SERVER_ERROR' => ServerErrorException::class,
    ];

    private const CODE_BY_STATUS = [
        401 => 'UNAUTHORIZED',
        403 => 'FORBIDDEN',
        404 => 'NOT_FOUND',
        405 => 'METHOD_NOT_ALLOWED',
        413 => 'PAYLOAD_TOO_LARGE',
        415 => 'UNSUPPORTED_MEDIA_TYPE',
        429 => 'RATE_LIMITED',
    ];

    /** @param array<string, mixed> $details */
    public static function forAnswer(
        int $status,
        ?string $code,
        string $message,
        array $details,
        ?RateLimit $rateLimit,
    ): ApiException {
        $code ??= self::CODE_BY_STATUS[$status] ?? ($status >= 500 ? 'SERVER_ERROR' : "HTTP_$status");
        $class = self::CLASS_BY_CODE[$code] ?? ApiException::class;
        return new $class($message, $code, $status, $details, $rateLimit);
    }
}
