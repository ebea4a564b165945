<?php

declare(strict_types=1);

// Calls every method of the client once, with every parameter, for
// test/sdk/clients-match-openapi.test.ts, which records the requests and compares them with the
// OpenAPI document.

require __DIR__ . '/../autoload.php';

$client = new PremiumCDKeys\Client((string) getenv('PCK_API_KEY'));
$calls = [
    fn () => $client->orders()->list([
        'status' => 'pending', 'from' => '2026-07-01', 'to' => new DateTimeImmutable(), 'limit' => 5,
        'page' => 2, 'store_order_id' => '#1', 'shop_id' => 's1',
    ]),
    fn () => $client->orders()->get('o1', ['include' => 'keys']),
    fn () => $client->orders()->process('o1', 'k1'),
    fn () => $client->products()->list(['limit' => 5, 'page' => 1]),
    fn () => $client->products()->stock('p1'),
    fn () => $client->suppliers()->list(),
    fn () => $client->suppliers()->stock('sandbox', 'SBX-1'),
    fn () => $client->webhooks()->create(['url' => 'https://hooks.example/x', 'events' => ['order.created'], 'description' => 'd']),
    fn () => $client->webhooks()->list(['limit' => 5, 'page' => 1]),
    fn () => $client->webhooks()->get('w1'),
    fn () => $client->webhooks()->update('w1', ['url' => 'https://hooks.example/y', 'events' => [], 'active' => true]),
    fn () => $client->webhooks()->delete('w1'),
    fn () => $client->webhooks()->rotateSecret('w1'),
    fn () => $client->webhooks()->resume('w1'),
    fn () => $client->webhooks()->test('w1'),
    fn () => $client->webhooks()->deliveries('w1', ['status' => 'failed', 'event' => 'order.created', 'limit' => 5, 'page' => 1]),
    fn () => $client->webhooks()->replay('w1', 'd1'),
];
foreach ($calls as $call) {
    $call();
}
echo 'called ' . count($calls) . "\n";
