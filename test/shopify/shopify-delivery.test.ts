import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installEmbeddedShop } from "../support/embedded-auth.ts";
import { startFakeAdminApi, type FakeAdminApi } from "../support/fake-admin-api.ts";
import { fixture, postShopify, withIds } from "../support/shop-deliveries.ts";
import { mapShopifySku, postAppWebhook, shopifyAppEnv } from "../support/shopify-app.ts";
import { startTestServer, waitFor, type TestServer } from "../support/test-server.ts";

const SHOP = "keys-delivery.myshopify.com";

let adminApi: FakeAdminApi;
let server: TestServer;
let shopId: string;
beforeAll(async () => {
  adminApi = await startFakeAdminApi();
  server = await startTestServer(shopifyAppEnv(adminApi));
  const installed = await installEmbeddedShop(server.platform, SHOP);
  shopId = installed.shopId;
  adminApi.allowToken(SHOP, installed.accessToken);
  await mapShopifySku(
    server,
    installed.accountId,
    shopId,
    "STEAM-STARFIELD-EU",
    "SBX-STARFIELD-EU",
  );
  await mapShopifySku(server, installed.accountId, shopId, "XBOX-GAMEPASS-3M", "SBX-GAMEPASS-3M");
});
afterAll(async () => {
  await server.close();
  await adminApi.close();
});

const prisma = () => server.platform.db.prisma;

/** A paid order with its own ids (order n, lines n1 and n2), known to the fake Admin API. */
async function payOrder(n: number) {
  const orderId = `59123456${n}`;
  const body = withIds(fixture("shopify/orders-paid.json"), {
    "5912345678901": orderId,
    "14456789012345": `${n}1`,
    "14456789012346": `${n}2`,
  });
  adminApi.addOrder(SHOP, orderId, [
    { lineItemId: `${n}1`, quantity: 1 },
    { lineItemId: `${n}2`, quantity: 3 },
  ]);
  const response = await postAppWebhook(server, "orders", SHOP, "orders/paid", body);
  expect(await response.json()).toEqual({ received: true, outcome: "recorded" });
  return waitFor(
    () => prisma().order.findFirst({ where: { shopId, externalId: orderId, status: "delivered" } }),
    30_000,
    `order ${orderId} delivered`,
  );
}

describe("keys delivered on Shopify", () => {
  it("writes the keys to the app's order metafield and fulfils the digital lines once", async () => {
    const order = await payOrder(101);
    const gid = `gid://shopify/Order/${order.externalId}`;

    const written = adminApi.metafields.filter((field) => field.ownerId === gid);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ namespace: "$app", key: "keys", type: "json" });
    const keys = JSON.parse(written[0].value).keys;
    expect(keys).toHaveLength(4);
    expect(keys.map((key: { line_item_id: string }) => key.line_item_id).sort()).toEqual([
      "gid://shopify/LineItem/1011",
      "gid://shopify/LineItem/1012",
      "gid://shopify/LineItem/1012",
      "gid://shopify/LineItem/1012",
    ]);
    expect(keys.every((key: { code: string }) => key.code.length > 5)).toBe(true);

    expect(adminApi.callsOf("fulfillmentCreate").length).toBe(1);
    expect(adminApi.fulfilments).toHaveLength(1);
    const input = adminApi.fulfilments[0].input as {
      notifyCustomer: boolean;
      lineItemsByFulfillmentOrder: { fulfillmentOrderLineItems: { quantity: number }[] }[];
    };
    expect(input.notifyCustomer).toBe(false);
    expect(
      input.lineItemsByFulfillmentOrder[0].fulfillmentOrderLineItems.map((item) => item.quantity),
    ).toEqual([1, 3]);

    const deliveries = await prisma().delivery.findMany({ where: { orderId: order.id } });
    expect(deliveries.map((delivery) => [delivery.channel, delivery.status]).sort()).toEqual([
      ["email", "sent"],
      ["shopify", "sent"],
    ]);
  });

  it("retries a failing Admin API as a job without buying anything twice", async () => {
    const before = {
      fulfilments: adminApi.fulfilments.length,
      supplierOrders: await prisma().sandboxSupplierOrder.count(),
    };
    adminApi.failNext("fulfillmentCreate", "http500");
    adminApi.failNext("fulfillmentCreate", "userErrors");
    adminApi.failNext("metafieldsSet", "throttled");

    const order = await payOrder(202);

    expect(adminApi.fulfilments.length - before.fulfilments).toBe(1);
    expect(await prisma().purchase.count({ where: { orderId: order.id } })).toBe(4);
    expect((await prisma().sandboxSupplierOrder.count()) - before.supplierOrders).toBe(4);
    const shopifyDelivery = await prisma().delivery.findUniqueOrThrow({
      where: { orderId_channel: { orderId: order.id, channel: "shopify" } },
    });
    expect(shopifyDelivery).toMatchObject({ status: "sent", attempts: 4, lastError: null });
    // The email went out once, on the first attempt, and was not sent again by the retries.
    const email = await prisma().delivery.findUniqueOrThrow({
      where: { orderId_channel: { orderId: order.id, channel: "email" } },
    });
    expect(email.attempts).toBe(1);
  });

  it("leaves shops without the app (the contract's webhooks only) to email alone", async () => {
    const demoShop = server.demo.shops.shopify;
    const calls = adminApi.calls.length;
    const body = withIds(fixture("shopify/orders-paid.json"), { "5912345678901": "5912345600303" });
    await postShopify(demoShop.webhook_url, demoShop.webhook_secret, body, {
      topic: "orders/paid",
    });
    const order = await waitFor(
      () =>
        prisma().order.findFirst({
          where: { shopId: demoShop.id, externalId: "5912345600303", status: "delivered" },
          include: { deliveries: true },
        }),
      30_000,
      "demo order delivered",
    );
    expect(order.deliveries.map((delivery) => delivery.channel)).toEqual(["email"]);
    expect(adminApi.calls.length).toBe(calls);
  });
});
