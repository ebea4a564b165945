import { timingSafeEqual } from "node:crypto";
import { signHex, signStandardWebhook } from "@premiumcdkeys/core";
import type { ReceivedWebhook } from "./webhook-receiver.ts";

export type Verification = { ok: boolean; problems: string[] };

/** Standard Webhooks' advice: refuse timestamps further than five minutes from now. */
const TOLERANCE_SECONDS = 5 * 60;

/**
 * Checks a received delivery the way an integrator would: `X-PCDKeys-Signature` is the hex
 * HMAC-SHA256 of the raw body with the endpoint secret, and `webhook-signature` carries a
 * Standard Webhooks `v1,` signature over `id.timestamp.body` with a fresh timestamp.
 */
export function verifyDelivery(delivery: ReceivedWebhook, secret: string): Verification {
  const problems: string[] = [];
  const header = (name: string) => String(delivery.headers[name] ?? "");

  if (!sameText(header("x-pcdkeys-signature"), signHex(delivery.body, secret))) {
    problems.push("X-PCDKeys-Signature does not match");
  }

  const id = header("webhook-id");
  const timestamp = header("webhook-timestamp");
  const expected = signStandardWebhook({ id, timestamp, body: delivery.body, secret });
  const offered = header("webhook-signature").split(" ");
  if (!id || !offered.some((signature) => sameText(signature, expected))) {
    problems.push("webhook-signature does not match");
  }
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) {
    problems.push("webhook-timestamp is not within five minutes");
  }

  return { ok: problems.length === 0, problems };
}

function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
