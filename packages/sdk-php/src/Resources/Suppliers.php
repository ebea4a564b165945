<?php

declare(strict_types=1);

namespace PremiumCDKeys\Resources;

use PremiumCDKeys\Http\AnswerReader;
use PremiumCDKeys\Http\PathSegment;
use PremiumCDKeys\Http\Transport;

/** `$client->suppliers()`. */
final class Suppliers
{
    public function __construct(private readonly Transport $transport)
    {
    }

    /**
     * GET /suppliers: the suppliers the account buys from.
     *
     * @return list<array{id: string, name: string, enabled: bool, sandbox: bool}>
     */
    public function list(): array
    {
        return AnswerReader::data($this->transport->request('GET', '/suppliers'));
    }

    /**
     * GET /suppliers/{supplier}/products/{product_id}/stock, asked of the supplier live.
     *
     * @return array{supplier: string, product_id: string, available: int, cost: float|int, currency: string, checked_at: string}
     */
    public function stock(string $supplier, string $productId): array
    {
        $path = '/suppliers/' . PathSegment::of('supplier', $supplier)
            . '/products/' . PathSegment::of('product id', $productId) . '/stock';
        return AnswerReader::data($this->transport->request('GET', $path));
    }
}
