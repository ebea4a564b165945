<?php

declare(strict_types=1);

// The PHP client's HTTP behaviour in the cases the real server cannot be made to produce on
// demand (a 429 at a chosen moment, a hang, a proxy's HTML page, a redirect): tiny scripted HTTP
// servers on loopback, started by test/sdk/php-client.test.ts, answer instead. Their addresses
// arrive in the `scripted` fixture; the Vitest side checks what they received afterwards.

require __DIR__ . '/harness.php';

use PremiumCDKeys\Client;
use PremiumCDKeys\Exception\ApiException;
use PremiumCDKeys\Exception\ConnectionException;
use PremiumCDKeys\Exception\InvalidResponseException;
use PremiumCDKeys\Exception\RateLimitedException;
use PremiumCDKeys\Exception\ServerErrorException;
use PremiumCDKeys\Exception\TimeoutException;
use PremiumCDKeys\Http\RateLimit;

const KEY = 'pck_test_0123456789abcdefghijklmnopqrstuv';

function client_for(string $scenario, array $options = []): Client
{
    return new Client(KEY, ['base_url' => fixture('scripted')[$scenario]] + $options);
}

test('sends the key as a Bearer header only, with dates and lists in the query', function () {
    $page = client_for('empty_page')->orders()->list(['status' => 'pending', 'from' => new DateTimeImmutable('2026-07-14T10:00:00Z')]);
    assert_same([], $page['data'], 'data');
});

test('waits the Retry-After of a 429, then sends the same request again', function () {
    $started = microtime(true);
    $page = client_for('rate_limited_then_ok')->orders()->list();
    assert_same([], $page['data'], 'the answer after the retry');
    assert_true(microtime(true) - $started >= 0.95, 'waited about one second');
});

test('keeps the Idempotency-Key when it retries process()', function () {
    $order = client_for('process_rate_limited')->orders()->process('o1');
    assert_same('o1', $order['id'], 'the answer after the retry');
});

test('gives up after max_retries with a RateLimitedException', function () {
    $client = client_for('rate_limited_always', ['max_retries' => 2]);
    $error = assert_throws(RateLimitedException::class, fn () => $client->orders()->list());
    assert_same('RATE_LIMITED', $error->getErrorCode(), 'code');
    assert_same(429, $error->getCode(), 'status');
    assert_same(0.0, $error->getRetryAfter(), 'retry after');
    assert_same(60, $error->getRateLimit()?->limit, 'limit header');
});

test('throws at once when the wait asked for is longer than max_retry_wait', function () {
    $client = client_for('rate_limited_long', ['max_retry_wait' => 5]);
    $started = microtime(true);
    $error = assert_throws(RateLimitedException::class, fn () => $client->orders()->list());
    assert_true(microtime(true) - $started < 1.0, 'did not sleep');
    assert_same(3600.0, $error->getRetryAfter(), 'retry after');
});

test('throws TimeoutException when no answer comes within the timeout', function () {
    $client = client_for('hang', ['timeout' => 0.3]);
    $started = microtime(true);
    $error = assert_throws(TimeoutException::class, fn () => $client->orders()->list());
    assert_same('TIMEOUT', $error->getErrorCode(), 'code');
    assert_true(microtime(true) - $started < 2.0, 'gave up in time');
});

test('times out a body that trickles in past the deadline', function () {
    $client = client_for('trickle', ['timeout' => 0.5]);
    $started = microtime(true);
    assert_throws(TimeoutException::class, fn () => $client->orders()->list());
    assert_true(microtime(true) - $started < 2.0, 'gave up in time');
});

test('throws ConnectionException when nothing listens', function () {
    $error = assert_throws(ConnectionException::class, fn () => client_for('refused')->orders()->list());
    assert_same('CONNECTION_ERROR', $error->getErrorCode(), 'code');
});

test("turns a proxy's HTML 502 into ServerErrorException", function () {
    $error = assert_throws(ServerErrorException::class, fn () => client_for('html_502')->orders()->list());
    assert_same('SERVER_ERROR', $error->getErrorCode(), 'code');
    assert_same(502, $error->getCode(), 'status');
});

test('throws InvalidResponseException for a 200 that is not JSON', function () {
    assert_throws(InvalidResponseException::class, fn () => client_for('html_200')->orders()->list());
});

test('keeps an unknown error code of a newer server on a plain ApiException', function () {
    $error = assert_throws(ApiException::class, fn () => client_for('teapot')->orders()->list());
    assert_same(ApiException::class, get_class($error), 'class');
    assert_same('TEAPOT', $error->getErrorCode(), 'code');
    assert_same(['a' => 1], $error->getDetails(), 'details');
});

test('falls back to the status code when the envelope is not one', function () {
    $error = assert_throws(PremiumCDKeys\Exception\NotFoundException::class, fn () => client_for('hostile_envelope')->orders()->get('o1'));
    assert_same('NOT_FOUND', $error->getErrorCode(), 'code');
    assert_same([], $error->getDetails(), 'details');
});

test('throws InvalidResponseException for a 200 of null or a page without meta', function () {
    assert_throws(InvalidResponseException::class, fn () => client_for('json_null')->orders()->get('o1'));
    assert_throws(InvalidResponseException::class, fn () => client_for('page_without_meta')->orders()->list());
});

test('does not follow a redirect, so the key never travels to another server', function () {
    $error = assert_throws(ApiException::class, fn () => client_for('redirect')->orders()->list());
    assert_same(302, $error->getCode(), 'status');
    assert_same('HTTP_302', $error->getErrorCode(), 'code');
});

test('reads rate-limit headers: Retry-After first, else the reset time, else one second', function () {
    $now = 1_800_000_000.0;
    $both = RateLimit::fromHeaders(['retry-after' => '7', 'x-ratelimit-reset' => '1800000030', 'x-ratelimit-limit' => '60'], $now);
    assert_same(7.0, $both?->secondsToWait($now), 'Retry-After wins');
    $reset = RateLimit::fromHeaders(['x-ratelimit-reset' => '1800000030'], $now);
    assert_same(30.0, $reset?->secondsToWait($now), 'until the reset');
    $date = RateLimit::fromHeaders(['retry-after' => gmdate('D, d M Y H:i:s', (int) $now + 12) . ' GMT'], $now);
    assert_same(12.0, $date?->secondsToWait($now), 'an HTTP date');
    assert_same(null, RateLimit::fromHeaders(['x-ratelimit-limit' => 'lots'], $now), 'nothing readable');
});

run_tests();
