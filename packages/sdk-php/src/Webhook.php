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
     * rotation, deliveries also carry X-PCDKeys-Signature-Previous: the signatures of every
     * secret retired in those 24 hours, separated by commas. Pass both headers in an array to
     * accept the current secret or any retired one; each may hold a comma-separated list.
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
        $candidates = [];
        foreach (is_array($signature) ? $signature : [$signature] as $header) {
            if (is_string($header)) {
                array_push($candidates, ...explode(',', $header));
            }
        }
        foreach ($candidates as $candidate) {
            if (preg_match('/^[0-9a-fA-F]{64}$/', trim($candidate)) !== 1) {
                continue;
            }
            $matched = hash_equals($expected, strtolower(trim($candidate))) || $matched;
        }
        return $matched;
    }
}
