import type { DemoAccount, Platform } from "@premiumcdkeys/core";
import {
  shopifyOrder,
  shopifyOrderId,
  wooOrder,
  wooOrderBelowCost,
  wooOrderId,
} from "./demo-orders.ts";
import { postShopify, postWoo } from "./shop-deliveries.ts";

export type PlayedOrder = {
  platform: "Shopify" | "WooCommerce";
  shopId: string;
  storeOrderRef: string;
  /** How the demo expects it to end, and why. */
  expected: "delivered" | "failed";
  note?: string;
};

type Say = (line: string) => void;

/**
 * Plays the shops' side through the real webhook endpoints with real signatures: each order is
 * first sent unpaid, then paid, as the shops do. A third order is paid below the supplier's
 * price, to show how a refused purchase ends.
 */
export async function playOrders(
  platform: Platform,
  baseUrl: string,
  demo: DemoAccount,
  say: Say,
): Promise<PlayedOrder[]> {
  const { shopify, woocommerce } = demo.shops;
  const shopifyUrl = `${baseUrl}/api/webhook/shopify/${shopify.id}`;
  const wooUrl = `${baseUrl}/api/webhook/woocommerce/${woocommerce.id}`;

  const shopifyRun = await freeSequence(platform, shopify.id, shopifyOrderId);
  const first = shopifyOrder(shopifyRun);
  await send(say, "Shopify", "orders/create", `${first.storeOrderRef} (pending)`, () =>
    postShopify(shopifyUrl, shopify.webhook_secret, first.pending, { topic: "orders/create" }),
  );
  await send(say, "Shopify", "orders/paid", `${first.storeOrderRef} (paid)`, () =>
    postShopify(shopifyUrl, shopify.webhook_secret, first.paid, { topic: "orders/paid" }),
  );

  const wooRun = await freeSequence(platform, woocommerce.id, wooOrderId);
  const second = wooOrder(wooRun);
  await send(say, "WooCommerce", "order.created", `#${second.storeOrderRef} (pending)`, () =>
    postWoo(wooUrl, woocommerce.webhook_secret, second.pending, { topic: "order.created" }),
  );
  await send(say, "WooCommerce", "order.updated", `#${second.storeOrderRef} (processing)`, () =>
    postWoo(wooUrl, woocommerce.webhook_secret, second.processing, { topic: "order.updated" }),
  );

  const belowRun = await freeSequence(platform, woocommerce.id, wooOrderId, wooRun + 1);
  const third = wooOrderBelowCost(belowRun);
  const thirdLabel = `#${third.storeOrderRef} (processing, paid below cost)`;
  await send(say, "WooCommerce", "order.updated", thirdLabel, () =>
    postWoo(wooUrl, woocommerce.webhook_secret, third.processing, { topic: "order.updated" }),
  );

  return [
    {
      platform: "Shopify",
      shopId: shopify.id,
      storeOrderRef: first.storeOrderRef,
      expected: "delivered",
    },
    {
      platform: "WooCommerce",
      shopId: woocommerce.id,
      storeOrderRef: second.storeOrderRef,
      expected: "delivered",
    },
    {
      platform: "WooCommerce",
      shopId: woocommerce.id,
      storeOrderRef: third.storeOrderRef,
      expected: "failed",
      note: "paid below the supplier's price: the platform refuses to buy at a loss",
    },
  ];
}

async function send(
  say: Say,
  shop: string,
  topic: string,
  label: string,
  post: () => Promise<Response>,
) {
  const response = await post();
  const answer = await response.text();
  const outcome = response.ok ? (JSON.parse(answer) as { outcome: string }).outcome : answer;
  say(
    `  ${shop.padEnd(12)} ${topic.padEnd(14)} ${label.padEnd(44)} -> ${response.status} ${outcome}`,
  );
  if (!response.ok) {
    throw new Error(`The ${shop} webhook endpoint refused ${topic}: ${response.status}`);
  }
}

/**
 * The first sequence number at or after `from` (by default: the shop's order count) whose order
 * id the shop has not used yet, so a rerun on the same data folder makes new orders.
 */
async function freeSequence(
  platform: Platform,
  shopId: string,
  externalIdOf: (n: number) => string,
  from?: number,
): Promise<number> {
  const { prisma } = platform.db;
  const taken = (n: number) =>
    prisma.order.findUnique({
      where: { shopId_externalId: { shopId, externalId: externalIdOf(n) } },
    });

  let n = from ?? (await prisma.order.count({ where: { shopId } }));
  while (await taken(n)) n++;
  return n;
}
