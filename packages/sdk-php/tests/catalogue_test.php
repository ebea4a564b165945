<?php

declare(strict_types=1);

// Products and suppliers through the PHP client against the real server.

require __DIR__ . '/harness.php';

use PremiumCDKeys\Client;
use PremiumCDKeys\Exception\ProductNotFoundException;
use PremiumCDKeys\Exception\SupplierNotFoundException;

$client = new Client((string) getenv('PCK_API_KEY'));
$products = fixture('products');

test('products()->list() and iterate() answer every product of the account', function () use ($client, $products) {
    $page = $client->products()->list(['limit' => 2]);
    assert_same(count($products), $page['meta']['total'], 'total');
    assert_same(2, count($page['data']), 'page size');

    $names = array_column(iterator_to_array($client->products()->iterate(['limit' => 1]), false), 'name');
    $expected = array_column($products, 'name');
    sort($names);
    sort($expected);
    assert_same($expected, $names, 'every product');
});

test("products()->stock() answers a product's offers", function () use ($client, $products) {
    $stock = $client->products()->stock($products[0]['id']);
    assert_same($products[0]['id'], $stock['product_id'], 'product_id');
    assert_true(is_int($stock['available']), 'available');
    assert_same('sandbox', $stock['offers'][0]['supplier'], 'supplier');
    assert_same($products[0]['supplier_product_id'], $stock['offers'][0]['supplier_product_id'], 'supplier_product_id');
    assert_throws(ProductNotFoundException::class, fn () => $client->products()->stock('01a24247-90bd-7258-b20b-20429f0e906b'));
});

test('suppliers()->list() and stock() ask the supplier', function () use ($client) {
    $sandbox = array_column($client->suppliers()->list(), null, 'id')['sandbox'] ?? null;
    assert_true($sandbox !== null, 'the sandbox supplier is listed');
    assert_same(true, $sandbox['sandbox'], 'sandbox flag');

    $stock = $client->suppliers()->stock('sandbox', 'SBX-STARFIELD-EU');
    assert_same('sandbox', $stock['supplier'], 'supplier');
    assert_same('SBX-STARFIELD-EU', $stock['product_id'], 'product_id');
    assert_true(is_int($stock['available']), 'available');
    assert_throws(SupplierNotFoundException::class, fn () => $client->suppliers()->stock('nobody', 'SBX-STARFIELD-EU'));
});

run_tests();
