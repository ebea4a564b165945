<?php

declare(strict_types=1);

// Webhook::verifySignature on known values (the server's real signatures are checked in
// webhooks_test.php).

require __DIR__ . '/harness.php';

use PremiumCDKeys\Webhook;

// HMAC-SHA256 of "{}" keyed with "whsec_test", computed independently with openssl dgst.
const BODY = '{}';
const SECRET = 'whsec_test';
const SIGNATURE = '46bdc2a2e83964bd2695acc6a1f97162d8bafc135a071aa5cd5c99aae5481440';

test('accepts the signature of the exact body, in either case and with stray spaces', function () {
    assert_same(true, Webhook::verifySignature(BODY, SIGNATURE, SECRET), 'as sent');
    assert_same(true, Webhook::verifySignature(BODY, strtoupper(SIGNATURE), SECRET), 'upper case');
    assert_same(true, Webhook::verifySignature(BODY, ' ' . SIGNATURE . "\n", SECRET), 'spaces');
});

test('refuses another body, another secret, and malformed or missing headers', function () {
    assert_same(false, Webhook::verifySignature('{ }', SIGNATURE, SECRET), 'another body');
    assert_same(false, Webhook::verifySignature(BODY, SIGNATURE, 'whsec_other'), 'another secret');
    assert_same(false, Webhook::verifySignature(BODY, null, SECRET), 'no header');
    assert_same(false, Webhook::verifySignature(BODY, '', SECRET), 'empty header');
    assert_same(false, Webhook::verifySignature(BODY, substr(SIGNATURE, 0, 63), SECRET), 'one digit short');
    assert_same(false, Webhook::verifySignature(BODY, SIGNATURE . '00', SECRET), 'two digits long');
    assert_same(false, Webhook::verifySignature(BODY, 'sha256=' . SIGNATURE, SECRET), 'a prefix');
    assert_same(false, Webhook::verifySignature(BODY, str_repeat('g', 64), SECRET), 'not hex');
    assert_same(false, Webhook::verifySignature(BODY, substr(SIGNATURE, 0, 63) . 'f', SECRET), 'last digit');
});

test('accepts any one of several headers (current and previous secret during a rotation)', function () {
    assert_same(true, Webhook::verifySignature(BODY, [str_repeat('0', 64), SIGNATURE], SECRET), 'second matches');
    assert_same(true, Webhook::verifySignature(BODY, [null, SIGNATURE], SECRET), 'a missing one');
    assert_same(false, Webhook::verifySignature(BODY, [str_repeat('0', 64), null], SECRET), 'none matches');
    assert_same(false, Webhook::verifySignature(BODY, [], SECRET), 'no headers');
});

test('accepts a signature inside a comma-separated list (several retired secrets)', function () {
    $others = [str_repeat('0', 64), str_repeat('1', 64)];
    assert_same(true, Webhook::verifySignature(BODY, $others[0] . ', ' . SIGNATURE . ', ' . $others[1], SECRET), 'in a list');
    assert_same(true, Webhook::verifySignature(BODY, [str_repeat('a', 64), $others[0] . ',' . SIGNATURE], SECRET), 'in the second header');
    assert_same(false, Webhook::verifySignature(BODY, implode(', ', $others), SECRET), 'not in the list');
    assert_same(false, Webhook::verifySignature(BODY, $others[0] . SIGNATURE, SECRET), 'glued together');
});

test('refuses to check with an empty secret', function () {
    assert_throws(InvalidArgumentException::class, fn () => Webhook::verifySignature(BODY, SIGNATURE, ''));
});

run_tests();
