<?php

declare(strict_types=1);

// Orders through the PHP client against the real server (started by test/sdk/php-client.test.ts).

require __DIR__ . '/harness.php';

use PremiumCDKeys\Client;
use PremiumCDKeys\Exception\ApiException;
use PremiumCDKeys\Exception\ForbiddenException;
use PremiumCDKeys\Exception\IdempotencyKeyReusedException;
use PremiumCDKeys\Exception\NotFoundException;
use PremiumCDKeys\Exception\OrderNotFoundException;
use PremiumCDKeys\Exception\OrderNotProcessableException;
use PremiumCDKeys\Exception\PremiumCDKeysException;
use PremiumCDKeys\Exception\RateLimitedException;
use PremiumCDKeys\Exception\UnauthorizedException;
use PremiumCDKeys\Exception\ValidationException;

$apiKey = (string) getenv('PCK_API_KEY');
$orders = fixture('orders');

test("the contract's lines: new Client('key') and orders()->list(['status' => 'pending'])", function () use ($apiKey, $orders) {
    // The address comes from PREMIUMCDKEYS_BASE_URL, as nothing else is passed.
    $client = new Client($apiKey);
    $page = $client->orders()->list(['status' => 'pending']);

    $ids = array_column($page['data'], 'id');
    sort($ids);
    $expected = [$orders['unpaid'], $orders['unmapped']];
    sort($expected);
    assert_same($expected, $ids, 'pending order ids');
    assert_same(2, $page['meta']['total'], 'meta.total');
    assert_same('pending', $page['data'][0]['status'], 'status');
});

test("takes 'base_url' as an option, with or without /api/v1", function () use ($apiKey, $orders) {
    $client = new Client($apiKey, ['base_url' => getenv('PREMIUMCDKEYS_BASE_URL') . '/api/v1/']);
    assert_same(count($orders['all']), $client->orders()->list()['meta']['total'], 'total');
});

test('passes dates (strings and DateTime), limit and page through', function () use ($apiKey, $orders) {
    $client = new Client($apiKey);
    $today = gmdate('Y-m-d');
    assert_same(count($orders['all']), $client->orders()->list(['from' => $today])['meta']['total'], 'from today');
    $past = new DateTimeImmutable('2020-01-01T00:00:00+02:00');
    assert_same(0, $client->orders()->list(['to' => $past])['meta']['total'], 'to 2020');
    $page = $client->orders()->list(['limit' => 2, 'page' => 2]);
    assert_same(2, $page['meta']['page'], 'page');
    assert_same(2, count($page['data']), 'rows on page 2');
});

test('filters by shop_id and store_order_id', function () use ($apiKey, $orders) {
    $client = new Client($apiKey);
    $byShop = $client->orders()->list(['shop_id' => fixture('shopify_shop_id')]);
    $byReference = $client->orders()->list(['store_order_id' => '#1042']);
    assert_same([$orders['shopify']], array_column($byShop['data'], 'id'), 'by shop');
    assert_same([$orders['shopify']], array_column($byReference['data'], 'id'), 'by reference');
});

test('sends a hostile filter value as one value, which the server refuses by name', function () use ($apiKey) {
    $client = new Client($apiKey);
    $error = assert_throws(ValidationException::class, fn () => $client->orders()->list(['status' => 'pending&limit=1&api_key=stolen']));
    assert_same(['status'], array_column($error->getFields(), 'field'), 'fields');
});

test('throws ValidationException naming the refused field', function () use ($apiKey) {
    $client = new Client($apiKey);
    $error = assert_throws(ValidationException::class, fn () => $client->orders()->list(['limit' => 500]));
    assert_same('VALIDATION_ERROR', $error->getErrorCode(), 'code');
    assert_same(400, $error->getCode(), 'status');
    assert_same(['limit'], array_column($error->getFields(), 'field'), 'fields');
});

test('iterate() walks every page and yields every order once', function () use ($apiKey, $orders) {
    $client = new Client($apiKey);
    $seen = [];
    foreach ($client->orders()->iterate(['limit' => 2]) as $order) {
        $seen[] = $order['id'];
    }
    $expected = $orders['all'];
    sort($seen);
    sort($expected);
    assert_same($expected, $seen, 'every order');

    $delivered = [];
    foreach ($client->orders()->iterate(['status' => 'delivered', 'limit' => 1]) as $order) {
        $delivered[] = $order['status'];
    }
    assert_same(array_fill(0, count($orders['delivered']), 'delivered'), $delivered, 'filtered walk');
});

test('get() answers lines, one purchase per unit, and deliveries, without keys', function () use ($apiKey, $orders) {
    $order = (new Client($apiKey))->orders()->get($orders['shopify']);
    assert_same('delivered', $order['status'], 'status');
    assert_same('#1042', $order['store_order_id'], 'store_order_id');
    assert_same([1, 3], array_map(fn (array $line): int => count($line['purchases']), $order['lines']), 'units');
    assert_same('sent', $order['deliveries'][0]['status'], 'delivery');
    assert_true(!array_key_exists('key', $order['lines'][0]['purchases'][0]), 'no key without include');
});

test("get() with ['include' => 'keys'] adds each unit's key code", function () use ($apiKey, $orders) {
    $order = (new Client($apiKey))->orders()->get($orders['delivered'][0], ['include' => 'keys']);
    foreach ($order['lines'] as $line) {
        foreach ($line['purchases'] as $unit) {
            assert_true(is_string($unit['key']['code'] ?? null) && $unit['key']['code'] !== '', 'a key code');
            assert_true(is_string($unit['key']['format'] ?? null), 'a key format');
        }
    }
});

test('throws OrderNotFoundException for unknown and hostile ids, each sent as one segment', function () use ($apiKey) {
    $client = new Client($apiKey);
    foreach (['does-not-exist', 'a/b', '../webhooks', '%2e%2e', "x\0y", 'ünïcödé', str_repeat('x', 2000), '01a24247-90bd-7258-b20b-20429f0e906b'] as $id) {
        $error = assert_throws(OrderNotFoundException::class, fn () => $client->orders()->get($id));
        assert_true($error instanceof NotFoundException && $error instanceof ApiException, 'the hierarchy');
        assert_true($error instanceof PremiumCDKeysException, 'the common base');
        assert_same('ORDER_NOT_FOUND', $error->getErrorCode(), "code for $id");
        assert_same(404, $error->getCode(), "status for $id");
    }
    foreach (['', '.', '..'] as $id) {
        assert_throws(InvalidArgumentException::class, fn () => $client->orders()->get($id));
    }
});

test("answers another account's order as not found", function () use ($orders) {
    $other = new Client((string) fixture('other_account_key'));
    assert_throws(OrderNotFoundException::class, fn () => $other->orders()->get($orders['delivered'][0]));
    assert_same(0, $other->orders()->list()['meta']['total'], "the other account's total");
});

test('process() runs the order once its product is mapped; a repeated key answers the same', function () use ($apiKey, $orders) {
    // The Vitest side mapped the order's SKU to a product before this script started.
    $client = new Client($apiKey);
    $processed = $client->orders()->process($orders['unmapped'], 'php-process-1');
    assert_same($orders['unmapped'], $processed['id'], 'the order');
    assert_same('processing', $processed['status'], 'status');

    $again = $client->orders()->process($orders['unmapped'], 'php-process-1');
    assert_same($processed, $again, 'the first answer again');

    $delivered = wait_for(function () use ($client, $orders) {
        $order = $client->orders()->get($orders['unmapped']);
        return $order['status'] === 'delivered' ? $order : null;
    });
    assert_same(1, count($delivered['lines'][0]['purchases']), 'one purchase for one unit');

    $error = assert_throws(IdempotencyKeyReusedException::class, fn () => $client->orders()->process($orders['unpaid'], 'php-process-1'));
    assert_same('IDEMPOTENCY_KEY_REUSED', $error->getErrorCode(), 'code');
    assert_same(422, $error->getCode(), 'status');
});

test('throws OrderNotProcessableException for delivered and unpaid orders', function () use ($apiKey, $orders) {
    $client = new Client($apiKey);
    foreach ([$orders['shopify'], $orders['unpaid']] as $id) {
        $error = assert_throws(OrderNotProcessableException::class, fn () => $client->orders()->process($id));
        assert_same('ORDER_NOT_PROCESSABLE', $error->getErrorCode(), 'code');
        assert_same(409, $error->getCode(), 'status');
    }
    assert_throws(InvalidArgumentException::class, fn () => $client->orders()->process($orders['unpaid'], "bad\nkey"));
});

test('throws ForbiddenException when the key may not read keys or process', function () use ($orders) {
    $readOnly = new Client((string) fixture('read_only_key'));
    assert_same($orders['shopify'], $readOnly->orders()->get($orders['shopify'])['id'], 'plain reads work');
    $error = assert_throws(ForbiddenException::class, fn () => $readOnly->orders()->get($orders['shopify'], ['include' => ['keys']]));
    assert_same('FORBIDDEN', $error->getErrorCode(), 'code');
    assert_same(403, $error->getCode(), 'status');
    assert_throws(ForbiddenException::class, fn () => $readOnly->orders()->process($orders['unpaid']));
});

test("throws RateLimitedException with the server's wait once a Standard account's 60 are spent", function () {
    // Windows are whole minutes: start early in one, so all 61 requests fall in the same one.
    $secondsIntoMinute = (int) gmdate('s');
    if ($secondsIntoMinute > 50) {
        sleep(61 - $secondsIntoMinute);
    }
    $client = new Client((string) fixture('standard_account_key'), ['max_retries' => 0]);
    for ($i = 0; $i < 60; $i++) {
        $client->orders()->list();
    }
    assert_same(0, $client->rateLimit()?->remaining, 'remaining');
    $error = assert_throws(RateLimitedException::class, fn () => $client->orders()->list());
    assert_same('RATE_LIMITED', $error->getErrorCode(), 'code');
    assert_same(429, $error->getCode(), 'status');
    $wait = $error->getRetryAfter();
    assert_true($wait !== null && $wait > 0 && $wait <= 60, 'a Retry-After within the minute');
});

test('throws UnauthorizedException for a key the server does not know', function () {
    $client = new Client('pck_test_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    $error = assert_throws(UnauthorizedException::class, fn () => $client->orders()->list());
    assert_same('UNAUTHORIZED', $error->getErrorCode(), 'code');
    assert_same(401, $error->getCode(), 'status');
});

test('keeps the rate-limit headers of the latest answer', function () use ($apiKey) {
    $client = new Client($apiKey);
    assert_same(null, $client->rateLimit(), 'nothing before the first call');
    $client->orders()->list();
    $rateLimit = $client->rateLimit();
    assert_true($rateLimit !== null, 'rate-limit headers were read');
    // startTestServer puts the demo account on Enterprise at 100,000 a minute.
    assert_same(100000, $rateLimit->limit, 'limit');
    assert_true(is_int($rateLimit->remaining) && is_int($rateLimit->reset), 'remaining and reset');
});

test('refuses bad construction arguments', function () {
    assert_throws(InvalidArgumentException::class, fn () => new Client(''));
    assert_throws(InvalidArgumentException::class, fn () => new Client("pck_test_x\r\nX-Evil: 1"));
    assert_throws(InvalidArgumentException::class, fn () => new Client('k', ['baseUrl' => 'http://x']));
    assert_throws(InvalidArgumentException::class, fn () => new Client('k', ['base_url' => 'file:///etc/passwd']));
    assert_throws(InvalidArgumentException::class, fn () => new Client('k', ['base_url' => 'http://u:p@127.0.0.1']));
    assert_throws(InvalidArgumentException::class, fn () => new Client('k', ['timeout' => -1]));
    assert_throws(InvalidArgumentException::class, fn () => new Client('k', ['max_retries' => 1.5]));
});

test('refuses to guess a server when neither base_url nor PREMIUMCDKEYS_BASE_URL is set', function () {
    $saved = getenv('PREMIUMCDKEYS_BASE_URL');
    putenv('PREMIUMCDKEYS_BASE_URL');
    unset($_ENV['PREMIUMCDKEYS_BASE_URL'], $_SERVER['PREMIUMCDKEYS_BASE_URL']);
    try {
        $error = assert_throws(InvalidArgumentException::class, fn () => new Client('pck_test_x'));
        assert_true(str_contains($error->getMessage(), 'PREMIUMCDKEYS_BASE_URL'), 'the message names the variable');
    } finally {
        putenv("PREMIUMCDKEYS_BASE_URL=$saved");
    }
});

run_tests();
