import { createHmac, timingSafeEqual } from "node:crypto";

/** True when `signature` is the base64 HMAC-SHA256 of `body` with `secret`; constant time. */
export function base64HmacMatches(
  body: Buffer,
  secret: string,
  signature: string | undefined,
): boolean {
  if (!signature) return false;
  const expected = createHmac("sha256", secret).update(body).digest();
  const given = Buffer.from(signature, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
