import { createHash, createHmac } from "node:crypto";
import type { FakeWebhook } from "./shop-state.ts";

export const USER_AGENT = "WooCommerce/9.4.0 Hookshot (WordPress/6.7.1)";

export type DeliveryRecord = {
  webhookId: number;
  /** The webhook topic, or "ping" for the creation ping. */
  topic: string;
  status?: number;
  ok: boolean;
  body: string;
};

/** `wp_json_encode` escapes slashes and non-ASCII characters; receivers must sign these bytes. */
export function wpJsonEncode(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, "\\/")
    .replace(
      /[\u007f-\uffff]/g,
      (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
}

/**
 * One delivery as `WC_Webhook::deliver` makes it: JSON body signed with base64 HMAC-SHA256 of
 * the exact bytes, X-WC-Webhook-* headers, redirects not followed, 200 to 302 counted as success.
 */
export async function sendDelivery(
  hook: FakeWebhook,
  body: string,
  siteUrl: string,
): Promise<{ status?: number; ok: boolean }> {
  const [resource, event] = hook.topic.split(".");
  const signature = createHmac("sha256", hook.secret).update(body).digest("base64");
  const deliveryId = createHash("sha1")
    .update(`${hook.id}${Math.floor(Date.now() / 1000)}`)
    .digest("hex");
  return post(hook.delivery_url, body, {
    "content-type": "application/json",
    "user-agent": USER_AGENT,
    "x-wc-webhook-source": `${siteUrl}/`,
    "x-wc-webhook-topic": hook.topic,
    "x-wc-webhook-resource": resource,
    "x-wc-webhook-event": event,
    "x-wc-webhook-signature": signature,
    "x-wc-webhook-id": String(hook.id),
    "x-wc-webhook-delivery-id": deliveryId,
  });
}

/** The ping sent when a webhook is created: form-encoded `webhook_id=N`, unsigned, no X-WC-*. */
export function sendPing(hook: FakeWebhook): Promise<{ status?: number; ok: boolean }> {
  return post(hook.delivery_url, `webhook_id=${hook.id}`, {
    "content-type": "application/x-www-form-urlencoded",
    "user-agent": USER_AGENT,
  });
}

async function post(url: string, body: string, headers: Record<string, string>) {
  try {
    const response = await fetch(url, {
      method: "POST",
      body,
      headers,
      redirect: "manual",
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer();
    return { status: response.status, ok: response.status >= 200 && response.status <= 302 };
  } catch {
    return { ok: false };
  }
}
