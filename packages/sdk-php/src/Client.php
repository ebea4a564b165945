<?php

declare(strict_types=1);

namespace PremiumCDKeys;

use PremiumCDKeys\Http\RateLimit;
use PremiumCDKeys\Http\Transport;
use PremiumCDKeys\Resources\Orders;
use PremiumCDKeys\Resources\Products;
use PremiumCDKeys\Resources\Suppliers;
use PremiumCDKeys\Resources\Webhooks;

/**
 * The PremiumCDKeys REST API v1.
 *
 *     $client = new PremiumCDKeys\Client('your_api_key');
 *     $orders = $client->orders()->list(['status' => 'pending']);
 *
 * Options (all optional):
 * - `base_url`: the server's address; default: the PREMIUMCDKEYS_BASE_URL environment variable.
 * - `timeout`: seconds to wait for one answer before a TimeoutException (default 30).
 * - `max_retries`: how often a 429 answer is retried after the wait it asks for (default 2).
 * - `max_retry_wait`: the longest wait, in seconds, for one retry; a 429 asking for more is
 *   thrown at once as a RateLimitedException (default 60).
 */
final class Client
{
    public const VERSION = '0.1.0';
    public const BASE_URL_VARIABLE = 'PREMIUMCDKEYS_BASE_URL';

    private readonly Transport $transport;
    private readonly Orders $orders;
    private readonly Products $products;
    private readonly Suppliers $suppliers;
    private readonly Webhooks $webhooks;

    /** @param array{base_url?: string, timeout?: int|float, max_retries?: int, max_retry_wait?: int|float} $options */
    public function __construct(#[\SensitiveParameter] string $apiKey, array $options = [])
    {
        $this->transport = ClientOptions::transport($apiKey, $options);
        $this->orders = new Orders($this->transport);
        $this->products = new Products($this->transport);
        $this->suppliers = new Suppliers($this->transport);
        $this->webhooks = new Webhooks($this->transport);
    }

    public function orders(): Orders
    {
        return $this->orders;
    }

    public function products(): Products
    {
        return $this->products;
    }

    public function suppliers(): Suppliers
    {
        return $this->suppliers;
    }

    /** The account's outgoing webhook endpoints. */
    public function webhooks(): Webhooks
    {
        return $this->webhooks;
    }

    /** The X-RateLimit-* headers of the latest answer that had them. */
    public function rateLimit(): ?RateLimit
    {
        return $this->transport->lastRateLimit();
    }
}
