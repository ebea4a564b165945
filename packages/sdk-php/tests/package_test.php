<?php

declare(strict_types=1);

// The package as Composer and autoload.php see it: every class in src/ loads from the path
// PSR-4 gives it, and composer.json states the namespace, PHP version and no dependencies.

require __DIR__ . '/harness.php';

$root = dirname(__DIR__);

test('composer.json maps PremiumCDKeys\\ to src/, needs PHP 8.1 and nothing else', function () use ($root) {
    $composer = json_decode((string) file_get_contents("$root/composer.json"), true, 512, JSON_THROW_ON_ERROR);
    assert_same('premiumcdkeys/sdk', $composer['name'], 'name');
    assert_same(['PremiumCDKeys\\' => 'src/'], $composer['autoload']['psr-4'], 'psr-4');
    assert_same(['php' => '>=8.1', 'ext-json' => '*'], $composer['require'], 'require');
});

test('autoload.php loads every class from the file PSR-4 names', function () use ($root) {
    $files = new RecursiveIteratorIterator(new RecursiveDirectoryIterator("$root/src", FilesystemIterator::SKIP_DOTS));
    $count = 0;
    foreach ($files as $file) {
        $relative = substr($file->getPathname(), strlen("$root/src/"), -strlen('.php'));
        $class = 'PremiumCDKeys\\' . str_replace('/', '\\', $relative);
        assert_true(class_exists($class), "$class loads");
        assert_same(realpath($file->getPathname()), (new ReflectionClass($class))->getFileName(), "$class file");
        $count++;
    }
    assert_true($count > 20, 'found the classes');
});

test('one exception class per error code, all under PremiumCDKeysException', function () {
    $codes = ['VALIDATION_ERROR', 'MALFORMED_JSON', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'ORDER_NOT_FOUND',
        'PRODUCT_NOT_FOUND', 'SUPPLIER_NOT_FOUND', 'WEBHOOK_NOT_FOUND', 'DELIVERY_NOT_FOUND', 'METHOD_NOT_ALLOWED',
        'ORDER_NOT_PROCESSABLE', 'PAYLOAD_TOO_LARGE', 'IDEMPOTENCY_KEY_REUSED', 'IDEMPOTENCY_KEY_IN_USE', 'RATE_LIMITED', 'SERVER_ERROR'];
    $classes = [];
    foreach ($codes as $code) {
        $error = PremiumCDKeys\Exception\ExceptionFactory::forAnswer(400, $code, 'm', [], null);
        $classes[] = get_class($error);
        assert_same($code, $error->getErrorCode(), 'code kept');
        assert_true($error instanceof PremiumCDKeys\Exception\PremiumCDKeysException, 'common base');
    }
    assert_same(count($codes), count(array_unique($classes)), 'a class each');
    assert_true(!in_array(PremiumCDKeys\Exception\ApiException::class, $classes, true), 'none left generic');
});

run_tests();
