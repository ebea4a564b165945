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
  /** Secrets retired by rotations less than 24 hours ago, most recent first; they sign too. */
  retiredSecrets?: string[];
  now?: Date;
};

/**
 * Every header of one outgoing delivery: our contract's signature and Standard Webhooks'.
 *
 * `X-PCDKeys-Signature` is always the plain hex HMAC of the current secret (what the contract's
 * snippet checks). While retired secrets still sign, `X-PCDKeys-Signature-Previous` lists their
 * hex HMACs, most recently retired first, separated by ", " (the HTTP list form, so a receiver
 * that joins repeated headers reads the same), and `webhook-signature` carries one `v1,` entry
 * per secret, current first, separated by spaces, as Standard Webhooks specifies.
 */
export function signedHeaders({
  deliveryId,
  eventType,
  body,
  secret,
  retiredSecrets = [],
  now = new Date(),
}: SignedHeadersInput): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000).toString();
  const standard = [secret, ...retiredSecrets].map((key) =>
    signStandardWebhook({ id: deliveryId, timestamp, body, secret: key }),
  );
  const previous = retiredSecrets.map((key) => signHex(body, key));

  return {
    "Content-Type": "application/json",
    "User-Agent": "PremiumCDKeys-Webhooks/1.0",
    "X-PCDKeys-Signature": signHex(body, secret),
    ...(previous.length > 0 ? { "X-PCDKeys-Signature-Previous": previous.join(", ") } : {}),
    "X-PCDKeys-Event": eventType,
    "X-PCDKeys-Delivery": deliveryId,
    "webhook-id": deliveryId,
    "webhook-timestamp": timestamp,
    "webhook-signature": standard.join(" "),
  };
}
