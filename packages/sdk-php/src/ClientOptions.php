<?php

declare(strict_types=1);

namespace PremiumCDKeys;

use PremiumCDKeys\Http\Transport;

/** Checks the constructor's arguments once, so a misconfigured client fails before any call. */
final class ClientOptions
{
    private const KNOWN = ['base_url', 'timeout', 'max_retries', 'max_retry_wait'];

    /** @param array<string, mixed> $options */
    public static function transport(#[\SensitiveParameter] string $apiKey, array $options): Transport
    {
        if (preg_match('/^[\x21-\x7e]+$/', $apiKey) !== 1) {
            throw new \InvalidArgumentException('PremiumCDKeys: the API key must be a non-empty string without spaces');
        }
        $unknown = array_diff(array_keys($options), self::KNOWN);
        if ($unknown !== []) {
            throw new \InvalidArgumentException(
                'PremiumCDKeys: unknown option ' . implode(', ', $unknown) . '; known: ' . implode(', ', self::KNOWN),
            );
        }
        if (!filter_var(ini_get('allow_url_fopen'), FILTER_VALIDATE_BOOLEAN)) {
            throw new \LogicException('PremiumCDKeys: the client needs allow_url_fopen=On in php.ini');
        }

        return new Transport(
            $apiKey,
            self::baseUrl($options['base_url'] ?? self::environmentBaseUrl()),
            self::number('timeout', $options['timeout'] ?? 30, false),
            (int) self::number('max_retries', $options['max_retries'] ?? 2, true, true),
            self::number('max_retry_wait', $options['max_retry_wait'] ?? 60, true),
        );
    }

    private static function environmentBaseUrl(): ?string
    {
        $name = Client::BASE_URL_VARIABLE;
        $value = getenv($name);
        if ($value === false) {
            $value = $_ENV[$name] ?? $_SERVER[$name] ?? null;
        }
        return is_string($value) && trim($value) !== '' ? trim($value) : null;
    }

    /** Scheme, host, port and any path prefix, without a trailing slash or /api/v1. */
    private static function baseUrl(mixed $value): string
    {
        if ($value === null) {
            throw new \InvalidArgumentException(
                "PremiumCDKeys: no server address; pass ['base_url' => ...] or set " . Client::BASE_URL_VARIABLE,
            );
        }
        $parts = is_string($value) ? parse_url($value) : false;
        if ($parts === false || !isset($parts['scheme'], $parts['host'])) {
            throw new \InvalidArgumentException('PremiumCDKeys: base_url is not a URL: ' . json_encode($value));
        }
        $scheme = strtolower($parts['scheme']);
        if ($scheme !== 'http' && $scheme !== 'https') {
            throw new \InvalidArgumentException('PremiumCDKeys: base_url must be an http or https URL');
        }
        if (isset($parts['user']) || isset($parts['pass']) || isset($parts['query']) || isset($parts['fragment'])) {
            throw new \InvalidArgumentException('PremiumCDKeys: base_url takes no credentials, query or fragment');
        }

        $port = isset($parts['port']) ? ':' . $parts['port'] : '';
        $path = preg_replace('#/api/v1$#', '', rtrim($parts['path'] ?? '', '/'));
        return "$scheme://{$parts['host']}$port$path";
    }

    private static function number(string $name, mixed $value, bool $zeroAllowed, bool $whole = false): float
    {
        $valid = (is_int($value) || (is_float($value) && !$whole)) && ($zeroAllowed ? $value >= 0 : $value > 0);
        if (!$valid) {
            $kind = $whole ? 'a whole number' : 'a number';
            throw new \InvalidArgumentException("PremiumCDKeys: $name must be $kind, " . ($zeroAllowed ? '0 or more' : 'above 0'));
        }
        return (float) $value;
    }
}
