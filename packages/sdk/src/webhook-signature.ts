import { createHmac, timingSafeEqual } from "node:crypto";

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/** A header as Node gives it (`req.headers[name]`): a string, a list of strings or nothing. */
type SignatureHeader = string | readonly string[] | null | undefined;

/**
 * Whether `signature` (the `X-PCDKeys-Signature` header) is the hex HMAC-SHA256 of `rawBody`
 * keyed with the endpoint's `secret` (the whole `whsec_...` string shown at creation).
 *
 * Pass the body exactly as received, before any JSON parsing: a re-serialised body differs by
 * a byte and fails. The comparison takes the same time wherever the signatures differ. A
 * missing or malformed header is simply `false`.
 *
 * For 24 hours after a secret rotation, deliveries also carry `X-PCDKeys-Signature-Previous`:
 * the signatures of every secret retired in those 24 hours, separated by commas. Pass both
 * headers as an array to accept the current secret or any retired one; each header may hold
 * one signature or a comma-separated list.
 *
 * @example
 *   const ok = verifyWebhookSignature(rawBody, req.headers["x-pcdkeys-signature"], secret);
 *   const duringRotation = verifyWebhookSignature(
 *     rawBody,
 *     [req.headers["x-pcdkeys-signature"], req.headers["x-pcdkeys-signature-previous"]],
 *     secret,
 *   );
 */
export function verifyWebhookSignature(
  rawBody: string | Uint8Array,
  signature: SignatureHeader | readonly SignatureHeader[],
  secret: string,
): boolean {
  if (typeof secret !== "string" || secret === "") {
    throw new TypeError("verifyWebhookSignature: the secret must be a non-empty string");
  }
  if (typeof rawBody !== "string" && !(rawBody instanceof Uint8Array)) {
    throw new TypeError("verifyWebhookSignature: pass the raw body as a string or bytes");
  }

  const expected = createHmac("sha256", secret).update(rawBody).digest();
  const candidates = [signature]
    .flat(2)
    .flatMap((header) => (typeof header === "string" ? header.split(",") : []))
    .map((candidate) => candidate.trim());
  let matched = false;
  for (const candidate of candidates) {
    if (!HEX_SHA256.test(candidate)) continue;
    matched = timingSafeEqual(expected, Buffer.from(candidate, "hex")) || matched;
  }
  return matched;
}
