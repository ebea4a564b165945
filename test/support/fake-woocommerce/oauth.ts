import { createHmac, timingSafeEqual } from "node:crypto";

/** RFC 3986 percent-encoding, as OAuth 1.0a (RFC 5849 section 3.6) asks. */
function encode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export type OAuthCheck =
  | { ok: true; consumerKey: string; nonce: string; timestamp: number }
  | { ok: false; message: string };

/**
 * Checks a one-legged OAuth 1.0a request the way WooCommerce does over plain HTTP: the
 * `oauth_*` parameters travel in the query string, the signature is HMAC-SHA1 or HMAC-SHA256
 * over the base string (method, URL without query, every query parameter but the signature,
 * sorted), keyed with the consumer secret followed by "&".
 */
export function checkOAuthSignature(
  method: string,
  baseUrl: string,
  query: URLSearchParams,
  secretOf: (consumerKey: string) => string | undefined,
): OAuthCheck {
  const consumerKey = query.get("oauth_consumer_key");
  const signature = query.get("oauth_signature");
  const signatureMethod = query.get("oauth_signature_method");
  const timestamp = Number(query.get("oauth_timestamp"));
  const nonce = query.get("oauth_nonce");
  if (!consumerKey || !signature || !signatureMethod || !nonce || !timestamp) {
    return { ok: false, message: "Missing OAuth parameter" };
  }
  const secret = secretOf(consumerKey);
  if (secret === undefined) return { ok: false, message: "Consumer key is invalid." };
  if (signatureMethod !== "HMAC-SHA1" && signatureMethod !== "HMAC-SHA256") {
    return { ok: false, message: "Invalid signature - signature method is invalid." };
  }

  // PHP's $_GET keeps the last value of a repeated name (the JS client sends its query twice).
  const params = new Map(query.entries());
  const pairs = [...params.entries()]
    .filter(([key]) => key !== "oauth_signature")
    .map(([key, value]) => [encode(key), encode(value)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1));
  const parameters = pairs.map(([key, value]) => `${key}=${value}`).join("&");
  const base = [method.toUpperCase(), encode(baseUrl), encode(parameters)].join("&");
  const algorithm = signatureMethod === "HMAC-SHA1" ? "sha1" : "sha256";
  const expected = createHmac(algorithm, `${encode(secret)}&`)
    .update(base)
    .digest();
  const given = Buffer.from(signature, "base64");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, message: "Invalid signature - provided signature does not match." };
  }
  return { ok: true, consumerKey, nonce, timestamp };
}
