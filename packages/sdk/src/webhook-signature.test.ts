import { describe, expect, it } from "vitest";
import { verifyWebhookSignature } from "./webhook-signature.ts";

// HMAC-SHA256 of "{}" keyed with "whsec_test", computed independently with openssl dgst. The
// server's real signatures are checked in test/sdk/js-webhooks-and-catalogue.test.ts.
const BODY = "{}";
const SECRET = "whsec_test";
const SIGNATURE = "46bdc2a2e83964bd2695acc6a1f97162d8bafc135a071aa5cd5c99aae5481440";

describe("verifyWebhookSignature", () => {
  it("accepts the signature of the exact body, as text or bytes, in either case", () => {
    expect(verifyWebhookSignature(BODY, SIGNATURE, SECRET)).toBe(true);
    expect(verifyWebhookSignature(new TextEncoder().encode(BODY), SIGNATURE, SECRET)).toBe(true);
    expect(verifyWebhookSignature(BODY, SIGNATURE.toUpperCase(), SECRET)).toBe(true);
    expect(verifyWebhookSignature(BODY, ` ${SIGNATURE}\n`, SECRET)).toBe(true);
  });

  it.each([
    ["another body", "{ }", SIGNATURE, SECRET],
    ["another secret", BODY, SIGNATURE, "whsec_other"],
    ["no header", BODY, undefined, SECRET],
    ["a null header", BODY, null, SECRET],
    ["an empty header", BODY, "", SECRET],
    ["one digit short", BODY, SIGNATURE.slice(0, 63), SECRET],
    ["two digits long", BODY, `${SIGNATURE}00`, SECRET],
    ["a prefix", BODY, `sha256=${SIGNATURE}`, SECRET],
    ["not hex", BODY, "g".repeat(64), SECRET],
    ["the last digit changed", BODY, `${SIGNATURE.slice(0, 63)}f`, SECRET],
  ])("refuses %s", (_name, body, signature, secret) => {
    expect(verifyWebhookSignature(body, signature, secret)).toBe(false);
  });

  it("accepts any one of several headers (current and previous secret during a rotation)", () => {
    expect(verifyWebhookSignature(BODY, ["0".repeat(64), SIGNATURE], SECRET)).toBe(true);
    expect(verifyWebhookSignature(BODY, [undefined, SIGNATURE], SECRET)).toBe(true);
    expect(verifyWebhookSignature(BODY, ["0".repeat(64), undefined], SECRET)).toBe(false);
    expect(verifyWebhookSignature(BODY, [], SECRET)).toBe(false);
  });

  it("accepts a signature inside a comma-separated list (several retired secrets)", () => {
    const others = ["0".repeat(64), "1".repeat(64)];
    expect(verifyWebhookSignature(BODY, `${others[0]}, ${SIGNATURE}, ${others[1]}`, SECRET)).toBe(
      true,
    );
    expect(
      verifyWebhookSignature(BODY, ["a".repeat(64), `${others[0]},${SIGNATURE}`], SECRET),
    ).toBe(true);
    expect(verifyWebhookSignature(BODY, others.join(", "), SECRET)).toBe(false);
    // A list is split on commas only: two signatures glued together are not one of them.
    expect(verifyWebhookSignature(BODY, `${others[0]}${SIGNATURE}`, SECRET)).toBe(false);
  });

  it("refuses to check with an empty secret or a parsed body", () => {
    expect(() => verifyWebhookSignature(BODY, SIGNATURE, "")).toThrow(TypeError);
    expect(() => verifyWebhookSignature({} as unknown as string, SIGNATURE, SECRET)).toThrow(
      TypeError,
    );
  });
});
