<?php

declare(strict_types=1);

namespace PremiumCDKeys\Resources;

use PremiumCDKeys\Http\AnswerReader;
use PremiumCDKeys\Http\Paginator;
use PremiumCDKeys\Http\PathSegment;
use PremiumCDKeys\Http\Transport;

/**
 * `$client->webhooks()`: the account's outgoing webhook endpoints.
 *
 * @phpstan-type Endpoint array{id: string, url: string, events: list<string>, status: string, active: bool, paused_at: ?string, consecutive_failures: int, description: ?string, previous_secret_expires_at: ?string, created_at: string}
 * @phpstan-type Delivery array{id: string, event: string, event_id: ?string, status: string, attempts: int, last_status: ?int, next_attempt_at: ?string, delivered_at: ?string, created_at: string, attempt_log: list<array<string, mixed>>}
 */
final class Webhooks
{
    public function __construct(private readonly Transport $transport)
    {
    }

    /**
     * POST /webhooks: answers the endpoint with its signing `secret`, shown this once.
     *
     * @param array{url: string, events: list<string>, description?: string} $params
     * @return Endpoint&array{secret: string}
     */
    public function create(array $params): array
    {
        return AnswerReader::data($this->transport->request('POST', '/webhooks', [], $params));
    }

    /**
     * GET /webhooks: one page of the account's endpoints, oldest first.
     *
     * @param array{limit?: int, page?: int} $params
     * @return array{data: list<Endpoint>, meta: array{total: int, page: int, limit?: int, pages?: int}}
     */
    public function list(array $params = []): array
    {
        return AnswerReader::page($this->transport->request('GET', '/webhooks', $params));
    }

    /**
     * Every endpoint, page after page.
     *
     * @param array{limit?: int, page?: int} $params
     * @return \Generator<int, Endpoint>
     */
    public function iterate(array $params = []): \Generator
    {
        return Paginator::everyItem(fn (array $page): array => $this->list($page), $params);
    }

    /** @return Endpoint */
    public function get(string $id): array
    {
        return $this->call('GET', $id, '');
    }

    /**
     * PATCH /webhooks/{id}: changes only the fields given.
     *
     * @param array{url?: string, events?: list<string>, active?: bool} $params
     * @return Endpoint
     */
    public function update(string $id, array $params): array
    {
        return $this->call('PATCH', $id, '', $params);
    }

    public function delete(string $id): void
    {
        $this->transport->request('DELETE', '/webhooks/' . PathSegment::of('webhook id', $id));
    }

    /**
     * POST /webhooks/{id}/rotate-secret: a new secret; the old one keeps signing for 24 hours,
     * unless $expirePrevious (a secret leaked) stops every earlier secret signing at once.
     *
     * @return Endpoint&array{secret: string}
     */
    public function rotateSecret(string $id, bool $expirePrevious = false): array
    {
        $body = $expirePrevious ? ['expire_previous' => true] : null;
        return $this->call('POST', $id, '/rotate-secret', $body);
    }

    /**
     * POST /webhooks/{id}/resume: un-pauses and delivers what waited, in order.
     *
     * @return Endpoint
     */
    public function resume(string $id): array
    {
        return $this->call('POST', $id, '/resume');
    }

    /**
     * POST /webhooks/{id}/test: sends a test event now and reports the answer.
     *
     * @return array{delivery_id: string, delivered: bool, status_code: ?int, duration_ms: int, error: ?string}
     */
    public function test(string $id): array
    {
        return $this->call('POST', $id, '/test');
    }

    /**
     * GET /webhooks/{id}/deliveries: one page of deliveries, each with its attempt log.
     *
     * @param array{status?: string, event?: string, limit?: int, page?: int} $params
     * @return array{data: list<Delivery>, meta: array{total: int, page: int, limit?: int, pages?: int}}
     */
    public function deliveries(string $id, array $params = []): array
    {
        $path = '/webhooks/' . PathSegment::of('webhook id', $id) . '/deliveries';
        return AnswerReader::page($this->transport->request('GET', $path, $params));
    }

    /**
     * Every delivery of an endpoint matching $params, page after page.
     *
     * @param array{status?: string, event?: string, limit?: int, page?: int} $params
     * @return \Generator<int, Delivery>
     */
    public function iterateDeliveries(string $id, array $params = []): \Generator
    {
        return Paginator::everyItem(fn (array $page): array => $this->deliveries($id, $page), $params);
    }

    /**
     * POST /webhooks/{id}/deliveries/{deliveryId}/replay: sends a delivery's bytes again.
     *
     * @return array{id: string, status: string, replay_of: string}
     */
    public function replay(string $id, string $deliveryId): array
    {
        return $this->call('POST', $id, '/deliveries/' . PathSegment::of('delivery id', $deliveryId) . '/replay');
    }

    /**
     * @param array<string, mixed>|null $body
     * @return array<string, mixed>
     */
    private function call(string $method, string $id, string $suffix, ?array $body = null): array
    {
        $path = '/webhooks/' . PathSegment::of('webhook id', $id) . $suffix;
        return AnswerReader::data($this->transport->request($method, $path, [], $body));
    }
}
