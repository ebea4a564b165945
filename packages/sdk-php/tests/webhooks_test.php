<?php

declare(strict_types=1);

// Webhook endpoint management through the PHP client against the real server. Deliveries go to a
// receiver on loopback that appends each one (headers and exact body) to PCK_RECEIVED_FILE.

require __DIR__ . '/harness.php';

use PremiumCDKeys\Client;
use PremiumCDKeys\Exception\DeliveryNotFoundException;
use PremiumCDKeys\Exception\RotationLimitReachedException;
use PremiumCDKeys\Exception\ValidationException;
use PremiumCDKeys\Exception\WebhookNotFoundException;
use PremiumCDKeys\Webhook;

$client = new Client((string) getenv('PCK_API_KEY'));
$receiverUrl = (string) fixture('receiver_url');
$unknownId = '01a24247-90bd-7258-b20b-20429f0e906b';

/** @return list<array{headers: array<string, string>, body: string}> */
function received(): array
{
    $lines = @file((string) getenv('PCK_RECEIVED_FILE'), FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) ?: [];
    return array_map(fn (string $line): array => json_decode($line, true, 512, JSON_THROW_ON_ERROR), $lines);
}

/** @return list<array{headers: array<string, string>, body: string}> */
function received_events(string $event): array
{
    return array_values(array_filter(received(), fn (array $entry): bool => (json_decode($entry['body'], true)['event'] ?? null) === $event));
}

$endpoint = $client->webhooks()->create(['url' => $receiverUrl, 'events' => ['order.created', 'order.failed']]);

test('create() answers the endpoint with its secret, shown once', function () use ($client, $endpoint, $receiverUrl) {
    assert_same($receiverUrl, $endpoint['url'], 'url');
    assert_same(['order.created', 'order.failed'], $endpoint['events'], 'events');
    assert_same('active', $endpoint['status'], 'status');
    assert_true(str_starts_with($endpoint['secret'], 'whsec_'), 'a whsec_ secret');

    $page = $client->webhooks()->list();
    assert_same(20, $page['meta']['limit'], 'a page of 20');
    $listed = array_column($page['data'], null, 'id');
    assert_true(isset($listed[$endpoint['id']]), 'listed');
    assert_true(!array_key_exists('secret', $listed[$endpoint['id']]), 'no secret in the list');
});

test('list() answers pages, iterate() walks every page', function () use ($client, $receiverUrl) {
    $extra = [];
    for ($i = 0; $i < 3; $i++) {
        $extra[] = $client->webhooks()->create(['url' => $receiverUrl, 'events' => ['stock.low']])['id'];
    }
    $first = $client->webhooks()->list(['limit' => 2]);
    assert_same(2, count($first['data']), 'two on the first page');

    $walked = [];
    foreach ($client->webhooks()->iterate(['limit' => 2]) as $row) {
        $walked[] = $row['id'];
    }
    assert_same($first['meta']['total'], count($walked), 'every endpoint once');
    assert_same([], array_values(array_diff($extra, $walked)), 'the new ones among them');
    foreach ($extra as $id) {
        $client->webhooks()->delete($id);
    }
});

test('test() sends a delivery whose signature Webhook::verifySignature accepts', function () use ($client, $endpoint) {
    $result = $client->webhooks()->test($endpoint['id']);
    assert_same(true, $result['delivered'], 'delivered');
    assert_same(200, $result['status_code'], 'status_code');

    $delivery = wait_for(fn () => received_events('webhook.test')[0] ?? null);
    $signature = $delivery['headers']['x-pcdkeys-signature'];
    assert_same(true, Webhook::verifySignature($delivery['body'], $signature, $endpoint['secret']), 'verifies');
    assert_same(false, Webhook::verifySignature($delivery['body'] . ' ', $signature, $endpoint['secret']), 'one byte more');
    assert_same(false, Webhook::verifySignature($delivery['body'], $signature, 'whsec_other'), 'another secret');
});

test('deliveries() lists attempts, iterateDeliveries() walks them, replay() sends one again', function () use ($client, $endpoint) {
    $page = $client->webhooks()->deliveries($endpoint['id'], ['status' => 'succeeded']);
    assert_true(count($page['data']) > 0, 'a succeeded delivery');
    assert_same(200, $page['data'][0]['attempt_log'][0]['status_code'], 'attempt status');

    $all = iterator_to_array($client->webhooks()->iterateDeliveries($endpoint['id'], ['limit' => 1]), false);
    assert_same($page['meta']['total'], count($all), 'every delivery');

    $before = count(received());
    $replay = $client->webhooks()->replay($endpoint['id'], $page['data'][0]['id']);
    assert_same($page['data'][0]['id'], $replay['replay_of'], 'replay_of');
    wait_for(fn () => count(received()) > $before);
});

test('throws ValidationException, WebhookNotFoundException and DeliveryNotFoundException', function () use ($client, $endpoint, $unknownId) {
    assert_throws(ValidationException::class, fn () => $client->webhooks()->create(['url' => 'ftp://example.com/x', 'events' => ['order.created']]));
    assert_throws(WebhookNotFoundException::class, fn () => $client->webhooks()->resume($unknownId));
    assert_throws(DeliveryNotFoundException::class, fn () => $client->webhooks()->replay($endpoint['id'], $unknownId));
});

test('get() reads one endpoint', function () use ($client, $endpoint, $unknownId) {
    $read = $client->webhooks()->get($endpoint['id']);
    assert_same($endpoint['id'], $read['id'], 'id');
    assert_same(true, $read['active'], 'active');
    assert_throws(WebhookNotFoundException::class, fn () => $client->webhooks()->get($unknownId));
});

test('update() changes only the fields given', function () use ($client, $endpoint, $receiverUrl) {
    $paused = $client->webhooks()->update($endpoint['id'], ['active' => false]);
    assert_same(false, $paused['active'], 'paused');
    assert_same(['order.created', 'order.failed'], $paused['events'], 'events kept');

    $changed = $client->webhooks()->update($endpoint['id'], ['events' => ['order.delivered'], 'url' => "$receiverUrl?moved=1", 'active' => true]);
    assert_same(['order.delivered'], $changed['events'], 'events');
    assert_same("$receiverUrl?moved=1", $changed['url'], 'url');
    assert_same(true, $changed['active'], 'active');
    assert_throws(ValidationException::class, fn () => $client->webhooks()->update($endpoint['id'], ['events' => ['order.exploded']]));
});

test('rotateSecret() gives a new secret that signs what follows, the old one beside it', function () use ($client, $endpoint) {
    $rotated = $client->webhooks()->rotateSecret($endpoint['id']);
    assert_true(str_starts_with($rotated['secret'], 'whsec_') && $rotated['secret'] !== $endpoint['secret'], 'a new secret');

    $before = count(received_events('webhook.test'));
    $client->webhooks()->test($endpoint['id']);
    $delivery = wait_for(fn () => received_events('webhook.test')[$before] ?? null);
    $current = $delivery['headers']['x-pcdkeys-signature'];
    $previous = $delivery['headers']['x-pcdkeys-signature-previous'] ?? null;
    assert_same(true, Webhook::verifySignature($delivery['body'], $current, $rotated['secret']), 'verifies with the new secret');
    assert_same(false, Webhook::verifySignature($delivery['body'], $current, $endpoint['secret']), 'not the old one alone');
    // For 24 hours the old secret signs alongside, so receivers can switch without a gap.
    assert_same(true, Webhook::verifySignature($delivery['body'], [$current, $previous], $endpoint['secret']), 'the old one beside it');
    assert_same(true, Webhook::verifySignature($delivery['body'], [$current, $previous], $rotated['secret']), 'the new one beside it');
});

test('every secret of several rotations verifies; past ten, RotationLimitReachedException', function () use ($client, $receiverUrl) {
    $fresh = $client->webhooks()->create(['url' => $receiverUrl, 'events' => ['stock.low']]);
    $secrets = [$fresh['secret']];
    for ($i = 0; $i < 10; $i++) {
        $secrets[] = $client->webhooks()->rotateSecret($fresh['id'])['secret'];
    }

    $before = count(received_events('webhook.test'));
    $client->webhooks()->test($fresh['id']);
    $delivery = wait_for(fn () => received_events('webhook.test')[$before] ?? null);
    $both = [$delivery['headers']['x-pcdkeys-signature'], $delivery['headers']['x-pcdkeys-signature-previous'] ?? null];
    foreach ($secrets as $n => $secret) {
        assert_same(true, Webhook::verifySignature($delivery['body'], $both, $secret), "secret $n verifies");
    }

    $error = assert_throws(RotationLimitReachedException::class, fn () => $client->webhooks()->rotateSecret($fresh['id']));
    assert_same(409, $error->getCode(), 'status');

    // After a leak: expire previous secrets, and the rotation goes through past the limit.
    $emergency = $client->webhooks()->rotateSecret($fresh['id'], expirePrevious: true);
    $before = count(received_events('webhook.test'));
    $client->webhooks()->test($fresh['id']);
    $delivery = wait_for(fn () => received_events('webhook.test')[$before] ?? null);
    assert_same(false, isset($delivery['headers']['x-pcdkeys-signature-previous']), 'no retired secret signs');
    assert_same(true, Webhook::verifySignature($delivery['body'], $delivery['headers']['x-pcdkeys-signature'], $emergency['secret']), 'the new secret');
    $client->webhooks()->delete($fresh['id']);
});

test('delete() removes an endpoint, after which it is not found', function () use ($client, $receiverUrl) {
    $doomed = $client->webhooks()->create(['url' => $receiverUrl, 'events' => ['stock.low']]);
    $client->webhooks()->delete($doomed['id']);
    assert_throws(WebhookNotFoundException::class, fn () => $client->webhooks()->get($doomed['id']));
    assert_throws(WebhookNotFoundException::class, fn () => $client->webhooks()->delete($doomed['id']));
    assert_true(!in_array($doomed['id'], array_column($client->webhooks()->list()['data'], 'id'), true), 'not listed');
});

run_tests();
