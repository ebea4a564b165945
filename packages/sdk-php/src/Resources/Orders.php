<?php

declare(strict_types=1);

namespace PremiumCDKeys\Resources;

use PremiumCDKeys\Http\AnswerReader;
use PremiumCDKeys\Http\Paginator;
use PremiumCDKeys\Http\PathSegment;
use PremiumCDKeys\Http\Transport;

/**
 * `$client->orders()`. Orders are arrays with the API's field names:
 *
 * @phpstan-type OrderSummary array{id: string, status: string, product: ?string, created_at: string, store_order_id: ?string, shop_id: string, total: float|int, currency: string}
 * @phpstan-type Page array{data: list<OrderSummary>, meta: array{total: int, page: int, limit?: int, pages?: int}}
 */
final class Orders
{
    public function __construct(private readonly Transport $transport)
    {
    }

    /**
     * GET /orders: one page of the account's orders, newest first.
     *
     * @param array{status?: string, from?: string|\DateTimeInterface, to?: string|\DateTimeInterface, limit?: int, page?: int, store_order_id?: string, shop_id?: string} $params
     * @return Page
     */
    public function list(array $params = []): array
    {
        return AnswerReader::page($this->transport->request('GET', '/orders', $params));
    }

    /**
     * Every order matching $params, page after page: `foreach ($client->orders()->iterate() as $order)`.
     *
     * @param array{status?: string, from?: string|\DateTimeInterface, to?: string|\DateTimeInterface, limit?: int, page?: int, store_order_id?: string, shop_id?: string} $params
     * @return \Generator<int, OrderSummary>
     */
    public function iterate(array $params = []): \Generator
    {
        return Paginator::everyItem(fn (array $page): array => $this->list($page), $params);
    }

    /**
     * GET /orders/{id}: lines, one purchase per unit, deliveries, failure. With
     * `['include' => 'keys']` each unit also has `key => ['code', 'format']` (the API key needs
     * the keys permission).
     *
     * @param array{include?: string|list<string>} $options
     * @return array<string, mixed>
     */
    public function get(string $id, array $options = []): array
    {
        $path = '/orders/' . PathSegment::of('order id', $id);
        return AnswerReader::data($this->transport->request('GET', $path, ['include' => $options['include'] ?? null]));
    }

    /**
     * POST /orders/{id}/process: runs a pending or failed order again; never buys a unit twice.
     * The Idempotency-Key makes a repeated call answer the first result again; a random one is
     * made when none is given (it covers the client's own retries); pass your own to make your
     * retries safe too.
     *
     * @return array<string, mixed>
     */
    public function process(string $id, ?string $idempotencyKey = null): array
    {
        $path = '/orders/' . PathSegment::of('order id', $id) . '/process';
        $headers = ['Idempotency-Key' => $idempotencyKey ?? self::randomKey()];
        if (preg_match('/^[\x21-\x7e]{1,255}$/', $headers['Idempotency-Key']) !== 1) {
            throw new \InvalidArgumentException('PremiumCDKeys: the idempotency key must be 1 to 255 visible characters');
        }
        return AnswerReader::data($this->transport->request('POST', $path, [], null, $headers));
    }

    private static function randomKey(): string
    {
        $hex = bin2hex(random_bytes(16));
        return vsprintf('%s-%s-%s-%s-%s', [substr($hex, 0, 8), substr($hex, 8, 4), substr($hex, 12, 4), substr($hex, 16, 4), substr($hex, 20)]);
    }
}
