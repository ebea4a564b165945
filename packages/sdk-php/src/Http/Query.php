<?php

declare(strict_types=1);

namespace PremiumCDKeys\Http;

/** Query strings: nulls left out, dates as ISO-8601, lists comma-joined, booleans as words. */
final class Query
{
    /** @param array<string, mixed> $params */
    public static function build(array $params): string
    {
        $pairs = [];
        foreach ($params as $name => $value) {
            if ($value === null) {
                continue;
            }
            $pairs[(string) $name] = self::text((string) $name, $value);
        }
        return $pairs === [] ? '' : '?' . http_build_query($pairs, '', '&', PHP_QUERY_RFC3986);
    }

    private static function text(string $name, mixed $value): string
    {
        if ($value instanceof \DateTimeInterface) {
            return $value->format(DATE_ATOM);
        }
        if (is_bool($value)) {
            return $value ? 'true' : 'false';
        }
        if (is_array($value)) {
            return implode(',', array_map(static fn (mixed $item): string => self::text($name, $item), $value));
        }
        if (is_scalar($value) || $value instanceof \Stringable) {
            return (string) $value;
        }
        throw new \InvalidArgumentException("PremiumCDKeys: the parameter $name cannot be sent as text");
    }
}
