<?php

declare(strict_types=1);

namespace PremiumCDKeys\Resources;

use PremiumCDKeys\Http\AnswerReader;
use PremiumCDKeys\Http\Paginator;
use PremiumCDKeys\Http\PathSegment;
use PremiumCDKeys\Http\Transport;

/**
 * `$client->products()`.
 *
 * @phpstan-type Product array{id: string, name: string, sku: ?string, max_cost: float|int|null, currency: string, low_stock_threshold: int, created_at: string}
 */
final class Products
{
    public function __construct(private readonly Transport $transport)
    {
    }

    /**
     * GET /products: one page of the account's products.
     *
     * @param array{limit?: int, page?: int} $params
     * @return array{data: list<Product>, meta: array{total: int, page: int, limit?: int, pages?: int}}
     */
    public function list(array $params = []): array
    {
        return AnswerReader::page($this->transport->request('GET', '/products', $params));
    }

    /**
     * Every product, page after page.
     *
     * @param array{limit?: int, page?: int} $params
     * @return \Generator<int, Product>
     */
    public function iterate(array $params = []): \Generator
    {
        return Paginator::everyItem(fn (array $page): array => $this->list($page), $params);
    }

    /**
     * GET /products/{id}/stock: what the product's suppliers can deliver now, and at what cost.
     *
     * @return array{product_id: string, available: int, offers: list<array{supplier: string, supplier_product_id: string, available: int, cost: float|int, currency: string}>, checked_at: string}
     */
    public function stock(string $id): array
    {
        $path = '/products/' . PathSegment::of('product id', $id) . '/stock';
        return AnswerReader::data($this->transport->request('GET', $path));
    }
}
