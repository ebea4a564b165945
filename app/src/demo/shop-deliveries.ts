// Deliveries posted the way Shopify and WooCommerce post them: shared by the demo, the tests and
// the bench, so there is one place that knows their headers and signatures.
import { createHmac, randomUUID } from "node:crypto";
import fs from "node:fs";

/** The shared fixtures folder, relative to the repository root. */
/**
 * Realistic Shopify and WooCommerce bodies (invented people and products), kept in the
 * repository so the demo runs from a plain clone; the tests read the same files.
 */
export function fixture(name: string): string {
  return fs.readFileSync(new URL(`./payloads/${name}`, import.meta.url), "utf8");
}

export function base64Hmac(body: string | Buffer, secret: string): string {
  return createHmac("sha256", secret).update(body).digest("base64");
}

type ShopifyDelivery = {
  topic?: string;
  webhookId?: string;
  signature?: string;
  headers?: Record<string, string>;
};

/** Posts a body the way Shopify does: signed over the exact bytes, with its headers. */
export function postShopify(
  url: string,
  secret: string,
  body: string | Buffer,
  options: ShopifyDelivery = {},
) {
  return fetch(url, {
    method: "POST",
    body: bodyInit(body),
    headers: shopifyHeaders(secret, body, options),
  });
}

/** The headers of one Shopify delivery, for clients other than fetch (the bench). */
export function shopifyHeaders(
  secret: string,
  body: string | Buffer,
  options: ShopifyDelivery = {},
): Record<string, string> {
  return {
    "content-type": "application/json",
    "x-shopify-topic": options.topic ?? "orders/paid",
    "x-shopify-shop-domain": "keys-demo.myshopify.com",
    "x-shopify-api-version": "2026-10",
    "x-shopify-webhook-id": options.webhookId ?? randomUUID(),
    "x-shopify-event-id": randomUUID(),
    "x-shopify-triggered-at": new Date().toISOString(),
    "x-shopify-hmac-sha256": options.signature ?? base64Hmac(body, secret),
    ...options.headers,
  };
}

type WooDelivery = {
  topic?: string;
  deliveryId?: string;
  signature?: string;
  headers?: Record<string, string>;
};

/** Posts a body the way WooCommerce does, with its Hookshot headers. */
export function postWoo(
  url: string,
  secret: string,
  body: string | Buffer,
  options: WooDelivery = {},
) {
  const topic = options.topic ?? "order.updated";
  return fetch(url, {
    method: "POST",
    body: bodyInit(body),
    headers: {
      "content-type": "application/json",
      "user-agent": "WooCommerce/9.4.2 Hookshot (WordPress/6.7)",
      "x-wc-webhook-source": "https://woo-demo.localhost/",
      "x-wc-webhook-topic": topic,
      "x-wc-webhook-resource": "order",
      "x-wc-webhook-event": topic.split(".")[1],
      "x-wc-webhook-id": "12",
      "x-wc-webhook-delivery-id": options.deliveryId ?? randomUUID().replace(/-/g, ""),
      "x-wc-webhook-signature": options.signature ?? base64Hmac(body, secret),
      ...options.headers,
    },
  });
}

// fetch's types accept only ArrayBuffer-backed views; a Buffer's memory may be shared.
function bodyInit(body: string | Buffer): string | Uint8Array<ArrayBuffer> {
  return typeof body === "string" ? body : new Uint8Array(body);
}

/** A fixture with its ids replaced, so each test works on its own order. */
export function withIds(json: string, ids: Record<string, string | number>): string {
  let text = json;
  for (const [from, to] of Object.entries(ids)) text = text.split(from).join(String(to));
  return text;
}
