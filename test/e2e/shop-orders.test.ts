import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readOutbox } from "@premiumcdkeys/core";
import { fixture, postShopify, postWoo, withIds } from "../support/shop-deliveries.ts";
import { startTestServer, waitFor, type TestServer } from "../support/test-server.ts";

let server: TestServer;
let orderSeq = 0;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const prisma = () => server.platform.db.prisma;

/** The Shopify fixture as a new order: fresh order and line ids, same products. */
function shopifyOrder(financialStatus = "paid") {
  orderSeq++;
  return withIds(fixture("shopify/orders-paid.json"), {
    "5912345678901": `59123456${String(orderSeq).padStart(5, "0")}`,
    "14456789012345": `1445678901${String(orderSeq).padStart(4, "0")}1`,
    "14456789012346": `1445678901${String(orderSeq).padStart(4, "0")}2`,
    '"financial_status": "paid"': `"financial_status": "${financialStatus}"`,
  });
}

/** The WooCommerce fixture as a new order, with the given status and payment date. */
function wooOrder(id: number, status: string, paid: boolean) {
  const text = fixture("woocommerce/order-processing.json");
  const order = JSON.parse(text);
  Object.assign(order, {
    id,
    number: String(id),
    status,
    date_paid_gmt: paid ? "2026-07-14T09:31:04" : null,
  });
  return JSON.stringify(order);
}

async function orderOf(shopId: string, externalId: string) {
  return prisma().order.findUnique({
    where: { shopId_externalId: { shopId, externalId } },
    include: { purchases: { include: { key: true } }, deliveries: true },
  });
}

async function deliveredOrder(shopId: string, externalId: string) {
  return waitFor(
    async () => {
      const order = await orderOf(shopId, externalId);
      return order?.status === "delivered" ? order : undefined;
    },
    20_000,
    `order ${externalId} delivered`,
  );
}

describe("a paid shop order", () => {
  it("ends delivered with one key per unit and one email, for Shopify", async () => {
    const body = shopifyOrder();
    const shop = server.demo.shops.shopify;
    const response = await postShopify(shop.webhook_url, shop.webhook_secret, body);
    expect(response.status).toBe(200);

    const externalId = JSON.parse(body).admin_graphql_api_id.split("/").pop();
    const order = await deliveredOrder(shop.id, externalId);
    expect(order.purchases).toHaveLength(4);
    expect(
      order.purchases.every((purchase) => purchase.status === "confirmed" && purchase.key),
    ).toBe(true);

    const mails = await readOutbox(prisma(), server.platform.vault, { orderId: order.id });
    expect(mails).toHaveLength(1);
    expect(mails[0].recipient).toContain("ada.buyer@example.com");
    const ledger = await server.platform.sandbox.ledger();
    for (const purchase of order.purchases) {
      expect(ledger.filter((entry) => entry.reference === purchase.reference)).toHaveLength(1);
    }
  });

  it("ends delivered with one key per unit and one email, for WooCommerce", async () => {
    const shop = server.demo.shops.woocommerce;
    const response = await postWoo(
      shop.webhook_url,
      shop.webhook_secret,
      wooOrder(5001, "processing", true),
    );
    expect(response.status).toBe(200);

    const order = await deliveredOrder(shop.id, "5001");
    expect(order.purchases).toHaveLength(4);
    expect(order.purchases.filter((purchase) => purchase.key)).toHaveLength(4);
    expect(await readOutbox(prisma(), server.platform.vault, { orderId: order.id })).toHaveLength(
      1,
    );
  });
});

describe("repeated and reordered deliveries", () => {
  it("buys once when one Shopify delivery arrives three times, two at the same instant", async () => {
    const body = shopifyOrder();
    const shop = server.demo.shops.shopify;
    const webhookId = crypto.randomUUID();
    const send = () => postShopify(shop.webhook_url, shop.webhook_secret, body, { webhookId });

    const answers = await Promise.all([send(), send()]);
    answers.push(await send());
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);

    const externalId = JSON.parse(body).admin_graphql_api_id.split("/").pop();
    const order = await deliveredOrder(shop.id, externalId);
    expect(await prisma().order.count({ where: { shopId: shop.id, externalId } })).toBe(1);
    expect(await prisma().purchase.count({ where: { orderId: order.id } })).toBe(4);
    expect(await prisma().inboundWebhook.count({ where: { dedupeKey: webhookId } })).toBe(1);
  });

  it("buys once when the same Shopify order comes with new webhook ids", async () => {
    const body = shopifyOrder();
    const shop = server.demo.shops.shopify;
    await Promise.all(
      [1, 2, 3].map(() => postShopify(shop.webhook_url, shop.webhook_secret, body)),
    );

    const externalId = JSON.parse(body).admin_graphql_api_id.split("/").pop();
    const order = await deliveredOrder(shop.id, externalId);
    expect(await prisma().purchase.count({ where: { orderId: order.id } })).toBe(4);
  });

  it("buys once through WooCommerce updates flipping processing, completed, on-hold, completed", async () => {
    const shop = server.demo.shops.woocommerce;
    for (const status of ["processing", "completed", "on-hold", "completed"]) {
      const response = await postWoo(
        shop.webhook_url,
        shop.webhook_secret,
        wooOrder(5002, status, true),
      );
      expect(response.status).toBe(200);
    }
    const order = await deliveredOrder(shop.id, "5002");
    expect(await prisma().purchase.count({ where: { orderId: order.id } })).toBe(4);
    const ledger = await server.platform.sandbox.ledger();
    const references = new Set(order.purchases.map((purchase) => purchase.reference));
    expect(ledger.filter((entry) => references.has(entry.reference))).toHaveLength(4);
  });
});

describe("payment", () => {
  it("buys nothing for an unpaid Shopify orders/create and buys once after orders/paid", async () => {
    const shop = server.demo.shops.shopify;
    const pending = shopifyOrder("pending");
    await postShopify(shop.webhook_url, shop.webhook_secret, pending, { topic: "orders/create" });
    const externalId = JSON.parse(pending).admin_graphql_api_id.split("/").pop();

    const waiting = await waitFor(async () => {
      const order = await orderOf(shop.id, externalId);
      return order?.status === "pending" ? order : undefined;
    });
    expect(waiting.purchases).toHaveLength(0);
    expect(waiting.paidAt).toBeNull();

    await postShopify(
      shop.webhook_url,
      shop.webhook_secret,
      pending.replace('"pending"', '"paid"'),
      {
        topic: "orders/paid",
      },
    );
    const order = await deliveredOrder(shop.id, externalId);
    expect(order.purchases).toHaveLength(4);
  });

  it("buys nothing for a pending WooCommerce order.created until an update shows it paid", async () => {
    const shop = server.demo.shops.woocommerce;
    await postWoo(shop.webhook_url, shop.webhook_secret, wooOrder(5003, "pending", false), {
      topic: "order.created",
    });
    const waiting = await waitFor(async () => {
      const order = await orderOf(shop.id, "5003");
      return order?.status === "pending" ? order : undefined;
    });
    expect(waiting.purchases).toHaveLength(0);

    await postWoo(shop.webhook_url, shop.webhook_secret, wooOrder(5003, "processing", true));
    const order = await deliveredOrder(shop.id, "5003");
    expect(order.purchases).toHaveLength(4);
  });
});
