import { createHmac, randomBytes } from "node:crypto";

const secretPrefix = "whsec_";

/** A new endpoint secret in the Standard Webhooks form: `whsec_` + base64 of 24 random bytes. */
export function generateEndpointSecret(): string {
  return secretPrefix + randomBytes(24).toString("base64");
}

/**
 * The `X-PCDKeys-Signature` value: lowercase hex HMAC-SHA256 of the raw body.
 *
 * The key is the whole secret string as the merchant sees it, prefix included, because the
 * contract's PHP snippet (`hash_hmac('sha256', $payload, $secret)`) must verify it unchanged.
 */
export function signHex(body: string, secret: string): string {
  return createHmac("sha256", secret).update(body, "utf8").digest("hex");
}

export type StandardWebhookInput = {
  id: string;
  timestamp: number | string;
  body: string;
  secret: string;
};

/**
 * The `webhook-signature` value of Standard Webhooks: `v1,` + base64 HMAC-SHA256 of
 * `id.timestamp.body`, keyed with the decoded bytes after `whsec_`, so the ecosystem's
 * verifier libraries accept our deliveries as they are.
 */
export function signStandardWebhook({ id, timestamp, body, secret }: StandardWebhookInput): string {
  const encodedKey = secret.startsWith(secretPrefix) ? secret.slice(secretPrefix.length) : secret;
  const key = Buffer.from(encodedKey, "base64");

  const signature = createHmac("sha256", key)
    .update(`${id}.${timestamp}.${body}`, "utf8")
    .digest("base64");
  return `v1,${signature}`;
}

export type SignedHeadersInput = {
  deliveryId: string;
  eventType: string;
  body: string;
  secret: string;
  /** The secret before the last rotation, while it still signs (24 hours). */
  previousSecret?: string;
  now?: Date;
};

/**
 * Every header of one outgoing delivery: our contract's signature and Standard Webhooks'.
 *
 * After a rotation, `X-PCDKeys-Signature` stays the plain hex HMAC of the new secret (what the
 * contract's snippet checks), the old secret's hex HMAC goes in `X-PCDKeys-Signature-Previous`,
 * and `webhook-signature` lists both, space-separated, as Standard Webhooks allows.
 */
export function signedHeaders({
  deliveryId,
  eventType,
  body,
  secret,
  previousSecret,
  now = new Date(),
}: SignedHeadersInput): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000).toString();
  const standard = [signStandardWebhook({ id: deliveryId, timestamp, body, secret })];
  if (previousSecret) {
    standard.push(signStandardWebhook({ id: deliveryId, timestamp, body, secret: previousSecret }));
  }

  return {
    "Content-Type": "application/json",
    "User-Agent": "PremiumCDKeys-Webhooks/1.0",
    "X-PCDKeys-Signature": signHex(body, secret),
    ...(previousSecret ? { "X-PCDKeys-Signature-Previous": signHex(body, previousSecret) } : {}),
    "X-PCDKeys-Event": eventType,
    "X-PCDKeys-Delivery": deliveryId,
    "webhook-id": deliveryId,
    "webhook-timestamp": timestamp,
    "webhook-signature": standard.join(" "),
  };
}
