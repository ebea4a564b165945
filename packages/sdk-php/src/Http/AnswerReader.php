<?php

declare(strict_types=1);

namespace PremiumCDKeys\Http;

use PremiumCDKeys\Exception\ExceptionFactory;
use PremiumCDKeys\Exception\InvalidResponseException;

/** A success answer's JSON, or the typed exception an error answer stands for. */
final class AnswerReader
{
    /** @param array<string, string> $headers */
    public static function read(int $status, array $headers, string $body, ?RateLimit $rateLimit): mixed
    {
        if ($status >= 200 && $status < 300) {
            if ($status === 204 || $body === '') {
                return null;
            }
            $json = Json::decode($body);
            if ($json === null) {
                throw new InvalidResponseException("The answer (HTTP $status) is not JSON", 'INVALID_RESPONSE');
            }
            return $json;
        }

        if ($status >= 300 && $status < 400) {
            $location = $headers['location'] ?? 'nowhere';
            $message = "The server answered with a redirect (to $location), which the client does not follow";
            throw ExceptionFactory::forAnswer($status, null, $message, [], $rateLimit);
        }
        if ($status === 0) {
            throw new InvalidResponseException('The answer has no HTTP status line', 'INVALID_RESPONSE');
        }

        $envelope = self::envelope(Json::decode($body));
        throw ExceptionFactory::forAnswer(
            $status,
            $envelope['code'] ?? null,
            $envelope['message'] ?? "The server answered HTTP $status without an error envelope",
            $envelope['details'] ?? [],
            $rateLimit,
        );
    }

    /**
     * `{"error": {"code", "message", "details"}}`, each part checked before it is trusted.
     *
     * @return array{code: string, message: string, details: array<string, mixed>}|null
     */
    private static function envelope(mixed $json): ?array
    {
        $error = is_array($json) ? ($json['error'] ?? null) : null;
        if (!is_array($error) || !is_string($error['code'] ?? null)) {
            return null;
        }
        if (preg_match('/^[A-Z0-9_]{1,64}$/', $error['code']) !== 1) {
            return null;
        }
        return [
            'code' => $error['code'],
            'message' => is_string($error['message'] ?? null) ? $error['message'] : $error['code'],
            'details' => is_array($error['details'] ?? null) ? $error['details'] : [],
        ];
    }

    /**
     * The `data` of a success answer; an answer without one is not the API's.
     */
    public static function data(mixed $json): mixed
    {
        if (!is_array($json) || !array_key_exists('data', $json)) {
            throw new InvalidResponseException('The answer has no data', 'INVALID_RESPONSE');
        }
        return $json['data'];
    }

    /**
     * `['data' => [...], 'meta' => [...]]` of a list answer.
     *
     * @return array{data: list<array<string, mixed>>, meta: array<string, mixed>}
     */
    public static function page(mixed $json): array
    {
        $data = self::data($json);
        $meta = $json['meta'] ?? null;
        if (!is_array($data) || !array_is_list($data) || !is_array($meta)) {
            throw new InvalidResponseException('The answer is not a page of results', 'INVALID_RESPONSE');
        }
        return ['data' => $data, 'meta' => $meta];
    }
}
