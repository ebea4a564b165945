<?php

declare(strict_types=1);

namespace PremiumCDKeys\Http;

/**
 * One id as a path segment: encoded, and refused when it is one a URL resolves as a path step
 * (`.`, `..`, empty), so an id can never point a request at another endpoint.
 */
final class PathSegment
{
    public static function of(string $name, string|int $id): string
    {
        $text = (string) $id;
        if ($text === '' || $text === '.' || $text === '..') {
            throw new \InvalidArgumentException("PremiumCDKeys: $name is not a valid id: " . json_encode($text));
        }
        return rawurlencode($text);
    }
}
