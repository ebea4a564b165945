<?php

declare(strict_types=1);

// A few lines of test harness, so the tests run with a bare `php` (no PHPUnit to install). Each
// script registers its cases with test(), then run_tests() runs them and prints one TAP line per
// case; the exit status is 1 when any failed. The Vitest suite (test/sdk/php-client.test.ts)
// starts the real server, passes its address and fixtures in the environment, and runs them.

require __DIR__ . '/../autoload.php';

/** @var array<string, callable> $GLOBALS['pck_tests'] */
$GLOBALS['pck_tests'] = [];

final class AssertionFailed extends \Exception
{
}

function test(string $name, callable $body): void
{
    $GLOBALS['pck_tests'][$name] = $body;
}

function assert_same(mixed $expected, mixed $actual, string $what = 'value'): void
{
    if ($expected !== $actual) {
        throw new AssertionFailed("$what: expected " . export($expected) . ', got ' . export($actual));
    }
}

function assert_true(bool $condition, string $what): void
{
    if (!$condition) {
        throw new AssertionFailed("expected: $what");
    }
}

/**
 * Runs $body and returns what it threw, failing unless it is an instance of $class.
 *
 * @template T of \Throwable
 * @param class-string<T> $class
 * @return T
 */
function assert_throws(string $class, callable $body): \Throwable
{
    try {
        $body();
    } catch (\Throwable $thrown) {
        if (!$thrown instanceof $class) {
            throw new AssertionFailed("expected $class, got " . get_class($thrown) . ': ' . $thrown->getMessage());
        }
        return $thrown;
    }
    throw new AssertionFailed("expected $class, nothing was thrown");
}

/** A value the Vitest side passed in PCK_FIXTURES (JSON). */
function fixture(string $name): mixed
{
    static $fixtures = null;
    $fixtures ??= json_decode((string) getenv('PCK_FIXTURES'), true, 512, JSON_THROW_ON_ERROR);
    if (!array_key_exists($name, $fixtures)) {
        throw new \LogicException("no fixture $name");
    }
    return $fixtures[$name];
}

/** Polls $check every 50 ms until it returns something truthy, for up to $seconds. */
function wait_for(callable $check, float $seconds = 60.0): mixed
{
    $deadline = microtime(true) + $seconds;
    do {
        $value = $check();
        if ($value) {
            return $value;
        }
        usleep(50_000);
    } while (microtime(true) < $deadline);
    throw new AssertionFailed('timed out waiting; last value: ' . export($value));
}

function export(mixed $value): string
{
    return json_encode($value, JSON_UNESCAPED_SLASHES | JSON_PARTIAL_OUTPUT_ON_ERROR) ?: var_export($value, true);
}

function run_tests(): never
{
    $failed = 0;
    $number = 0;
    echo '1..' . count($GLOBALS['pck_tests']) . "\n";
    foreach ($GLOBALS['pck_tests'] as $name => $body) {
        $number++;
        try {
            $body();
            echo "ok $number - $name\n";
        } catch (\Throwable $error) {
            $failed++;
            $where = $error instanceof AssertionFailed ? '' : ' (' . get_class($error) . ' at ' . basename($error->getFile()) . ':' . $error->getLine() . ')';
            echo "not ok $number - $name\n# " . str_replace("\n", "\n# ", $error->getMessage()) . "$where\n";
        }
    }
    exit($failed === 0 ? 0 : 1);
}
