import { createHmac, timingSafeEqual } from "node:crypto";

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/**
 * Whether `signature` (the `X-PCDKeys-Signature` header) is the hex HMAC-SHA256 of `rawBody`
 * keyed with the endpoint's `secret` (the whole `whsec_...` string shown at creation).
 *
 * Pass the body exactly as received, before any JSON parsing: a re-serialised body differs by
 * a byte and fails. The comparison takes the same time wherever the signatures differ. A
 * missing, repeated or malformed header is simply `false`.
 *
 * @example
 *   const ok = verifyWebhookSignature(rawBody, req.headers["x-pcdkeys-signature"], secret);
 */
export function verifyWebhookSignature(
  rawBody: string | Uint8Array,
  signature: string | readonly string[] | null | undefined,
  secret: string,
): boolean {
  if (typeof secret !== "string" || secret === "") {
    throw new TypeError("verifyWebhookSignature: the secret must be a non-empty string");
  }
  if (typeof rawBody !== "string" && !(rawBody instanceof Uint8Array)) {
    throw new TypeError("verifyWebhookSignature: pass the raw body as a string or bytes");
  }
  if (typeof signature !== "string" || !HEX_SHA256.test(signature.trim())) return false;

  const expected = createHmac("sha256", secret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(signature.trim(), "hex"));
}
