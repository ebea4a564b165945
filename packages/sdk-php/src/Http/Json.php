<?php

declare(strict_types=1);

namespace PremiumCDKeys\Http;

/** JSON in and out of the API. */
final class Json
{
    /** @param array<string, mixed> $body an empty array is sent as {} */
    public static function encodeBody(array $body): string
    {
        $value = $body === [] ? new \stdClass() : $body;
        return json_encode($value, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
    }

    /** Objects as arrays, large integers as strings; null for anything that is not JSON. */
    public static function decode(string $text): mixed
    {
        try {
            return json_decode($text, true, 512, JSON_THROW_ON_ERROR | JSON_BIGINT_AS_STRING);
        } catch (\JsonException) {
            return null;
        }
    }
}
