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
     * decoding. A missing or malformed header is simply false. For 24 hours after a secret
     * rotation, deliveries also carry X-PCDKeys-Signature-Previous (signed with the old secret):
     * pass both headers in an array to accept either.
     *
     *     $ok = Webhook::verifySignature(
     *         file_get_contents('php://input'),
     *         $_SERVER['HTTP_X_PCDKEYS_SIGNATURE'] ?? null,
     *         'whsec_...',
     *     );
     *
     * @param string|list<string|null>|null $signature
     */
    public static function verifySignature(string $rawBody, string|array|null $signature, #[\SensitiveParameter] string $secret): bool
    {
        if ($secret === '') {
            throw new \InvalidArgumentException('PremiumCDKeys: the webhook secret must not be empty');
        }

        $expected = hash_hmac('sha256', $rawBody, $secret);
        $matched = false;
        foreach (is_array($signature) ? $signature : [$signature] as $candidate) {
            if (!is_string($candidate) || preg_match('/^[0-9a-fA-F]{64}$/', trim($candidate)) !== 1) {
                continue;
            }
            $matched = hash_equals($expected, strtolower(trim($candidate))) || $matched;
        }
        return $matched;
    }
}
