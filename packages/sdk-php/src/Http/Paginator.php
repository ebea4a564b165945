<?php

declare(strict_types=1);

namespace PremiumCDKeys\Http;

/**
 * Every item of every page, fetched one page at a time as the loop asks for more, from the
 * `page` given (default 1). Lists are numbered pages, so an item created during the walk can
 * push one already seen onto the next page: ids already yielded are skipped.
 */
final class Paginator
{
    /** The largest page the API serves: fewest requests when walking a whole list. */
    public const MAX_PAGE_SIZE = 100;

    /**
     * @param callable(array<string, mixed>): array{data: list<array<string, mixed>>, meta: array<string, mixed>} $fetchPage
     * @param array<string, mixed> $params
     * @return \Generator<int, array<string, mixed>>
     */
    public static function everyItem(callable $fetchPage, array $params): \Generator
    {
        $limit = (int) ($params['limit'] ?? self::MAX_PAGE_SIZE);
        $seen = [];

        for ($page = (int) ($params['page'] ?? 1);; $page++) {
            $answer = $fetchPage(['page' => $page, 'limit' => $limit] + $params);
            foreach ($answer['data'] as $item) {
                $id = (string) ($item['id'] ?? '');
                if (isset($seen[$id])) {
                    continue;
                }
                $seen[$id] = true;
                yield $item;
            }

            $count = count($answer['data']);
            $lastPage = (int) ($answer['meta']['pages'] ?? ceil(($answer['meta']['total'] ?? 0) / max(1, $limit)));
            if ($count === 0 || $count < $limit || $page >= $lastPage) {
                return;
            }
        }
    }
}
