<?php

declare(strict_types=1);

namespace PremiumCDKeys;

/** Checks of the webhooks PremiumCDKeys sends. */
final class Webhook
{
    /**
     * Whether $signature (the X-PCDKeys-Signature header) is the hex HMAC-SHA256 of $rawBody keyed
     * with the endpoint's secret (the whole `whsec_...` string shown at creation). The comparison
     * takes the same time wherever the signatures differ (hash_equals).
     *
     * Pass the body exactly as received (`file_get_contents('php://input')`), before any JSON
     * decoding. A missing or malformed header is simply false.
     *
     *     $ok = Webhook::verifySignature(
     *         file_get_contents('php://input'),
     *         $_SERVER['HTTP_X_PCDKEYS_SIGNATURE'] ?? null,
     *         'whsec_...',
     *     );
     */
    public static function verifySignature(string $rawBody, ?string $signature, #[\SensitiveParameter] string $secret): bool
    {
        if ($secret === '') {
            throw new \InvalidArgumentException('PremiumCDKeys: the webhook secret must not be empty');
        }
        if ($signature === null || preg_match('/^[0-9a-fA-F]{64}$/', trim($signature)) !== 1) {
            return false;
        }

        $expected = hash_hmac('sha256', $rawBody, $secret);
        return hash_equals($expected, strtolower(trim($signature)));
    }
}
