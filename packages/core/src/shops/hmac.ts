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

/** The verdict on a base64 HMAC-SHA256 signature header, with a reason a sender can act on. */
export function checkBase64Signature(
  headerName: string,
  signature: string | undefined,
  body: Buffer,
  secret: string,
): { ok: true } | { ok: false; reason: string } {
  if (!signature) return { ok: false, reason: `Missing ${headerName} header` };
  return base64HmacMatches(body, secret, signature)
    ? { ok: true }
    : { ok: false, reason: `${headerName} does not match the body` };
}
