import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installEmbeddedShop, TEST_API_SECRET } from "../support/embedded-auth.ts";
import { startFakeAdminApi, type FakeAdminApi } from "../support/fake-admin-api.ts";
import { base64Hmac, fixture, postShopify } from "../support/shop-deliveries.ts";
import { mapShopifySku, postAppWebhook, shopifyAppEnv } from "../support/shopify-app.ts";
import { startTestServer, waitFor, type TestServer } from "../support/test-server.ts";

const SHOP = "cdkey-dev.myshopify.com";
const paidOrder = fixture("shopify/orders-paid.json");
// Spaced like a body straight from Shopify's serialiser, so re-serialising changes the bytes.
const compliance = {
  "customers/data_request": spaced({
    shop_id: 60123456789,
    shop_domain: SHOP,
    orders_requested: [5912345678901],
    customer: { id: 7401234567890, email: "ada.buyer@example.com", phone: null },
    data_request: { id: 9912 },
  }),
  "customers/redact": spaced({
    shop_id: 60123456789,
    shop_domain: SHOP,
    customer: { id: 7401234567890, email: "ada.buyer@example.com", phone: null },
    orders_to_redact: [5912345678901],
  }),
  "shop/redact": spaced({ shop_id: 60123456789, shop_domain: SHOP }),
};

function spaced(value: object): string {
  return JSON.stringify(value, null, 1);
}

let adminApi: FakeAdminApi;
let server: TestServer;
let shopId: string;
beforeAll(async () => {
  adminApi = await startFakeAdminApi();
  server = await startTestServer(shopifyAppEnv(adminApi));
  const installed = await installEmbeddedShop(server.platform, SHOP);
  shopId = installed.shopId;
  adminApi.allowToken(SHOP, installed.accessToken);
  adminApi.addOrder(SHOP, "5912345678901", [
    { lineItemId: "14456789012345", quantity: 1 },
    { lineItemId: "14456789012346", quantity: 3 },
  ]);
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

async function expectEnvelope(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(await response.json()).toEqual({
    error: { code, message: expect.any(String), details: {} },
  });
}

describe.each([
  ["orders", "orders/paid", paidOrder],
  ["compliance", "customers/data_request", compliance["customers/data_request"]],
  ["compliance", "customers/redact", compliance["customers/redact"]],
  ["compliance", "shop/redact", compliance["shop/redact"]],
  ["uninstalled", "app/uninstalled", spaced({ id: 1, domain: SHOP })],
])("POST /webhooks/app/%s with %s is authenticated", (path, topic, body) => {
  it("answers 401 to a wrong HMAC and records nothing", async () => {
    const signature = base64Hmac(body, "not-the-app-secret");
    const response = await postAppWebhook(server, path, SHOP, topic, body, { signature });
    await expectEnvelope(response, 401, "INVALID_SIGNATURE");
    expect(await prisma().inboundWebhook.count({ where: { topic } })).toBe(0);
  });

  it("answers 401 to an HMAC over the re-serialised body", async () => {
    const signature = base64Hmac(JSON.stringify(JSON.parse(body)), TEST_API_SECRET);
    const response = await postAppWebhook(server, path, SHOP, topic, body, { signature });
    await expectEnvelope(response, 401, "INVALID_SIGNATURE");
    expect(await prisma().inboundWebhook.count({ where: { topic } })).toBe(0);
  });

  it.each([
    "x-shopify-webhook-id",
    "x-shopify-topic",
    "x-shopify-shop-domain",
    "x-shopify-hmac-sha256",
  ])("answers 400 without %s", async (header) => {
    const response = await postAppWebhook(server, path, SHOP, topic, body, { drop: [header] });
    await expectEnvelope(response, 400, "INVALID_WEBHOOK");
    expect(await prisma().inboundWebhook.count({ where: { topic } })).toBe(0);
  });
});

describe("valid app webhooks", () => {
  it("records an order once per webhook id, on the contract's path and dedupe rule", async () => {
    const webhookId = "6f2c1b1e-2d0a-4a8e-9d51-0c3f7b9e1a42";
    const first = await postAppWebhook(server, "orders", SHOP, "orders/paid", paidOrder, {
      webhookId,
    });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true, outcome: "recorded" });

    const again = await postAppWebhook(server, "orders", SHOP, "orders/paid", paidOrder, {
      webhookId,
    });
    expect(await again.json()).toEqual({ received: true, outcome: "duplicate" });
    expect(await prisma().inboundWebhook.count({ where: { shopId, topic: "orders/paid" } })).toBe(
      1,
    );

    // The same order through the contract's URL of this shop (signed with the shop's own
    // secret there) is the same order: one purchase per unit.
    const known = await server.platform.shops.find(shopId);
    const contract = await postShopify(
      `${server.url}/api/webhook/shopify/${shopId}`,
      known!.webhookSecret,
      paidOrder,
      { topic: "orders/paid" },
    );
    expect(await contract.json()).toEqual({ received: true, outcome: "recorded" });

    const order = await waitFor(
      () => prisma().order.findFirst({ where: { shopId, status: "delivered" } }),
      20_000,
      "order delivered",
    );
    expect(order.externalId).toBe("5912345678901");
    expect(order.customerExternalId).toBe("7401234567890");
    expect(await prisma().order.count({ where: { shopId } })).toBe(1);
    expect(await prisma().purchase.count({ where: { orderId: order.id } })).toBe(4);
  });

  it.each(Object.entries(compliance))("records %s once per webhook id", async (topic, body) => {
    const webhookId = `dup-${topic}`;
    const unknown = await postAppWebhook(server, "compliance", "other.myshopify.com", topic, body, {
      webhookId,
    });
    expect(await unknown.json()).toEqual({ received: true, outcome: "ignored" });

    // A shop of its own, so what the job then does to it touches no other test.
    const shop = `dedupe-${topic.replace(/\W/g, "-")}.myshopify.com`;
    const installed = await installEmbeddedShop(server.platform, shop);
    const first = await postAppWebhook(server, "compliance", shop, topic, body, { webhookId });
    const again = await postAppWebhook(server, "compliance", shop, topic, body, { webhookId });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true, outcome: "recorded" });
    expect(await again.json()).toEqual({ received: true, outcome: "duplicate" });
    expect(
      await prisma().inboundWebhook.count({ where: { shopId: installed.shopId, topic } }),
    ).toBe(1);
  });
});

describe("hostile app webhooks change nothing", () => {
  it("answers 400 to a signed body that is not JSON", async () => {
    const response = await postAppWebhook(server, "orders", SHOP, "orders/paid", "{not json");
    await expectEnvelope(response, 400, "MALFORMED_JSON");
  });

  it("answers 400 to a signed order that is not an order", async () => {
    const body = JSON.stringify({ id: 5, line_items: "none" });
    const response = await postAppWebhook(server, "orders", SHOP, "orders/create", body);
    await expectEnvelope(response, 400, "INVALID_ORDER");
  });

  it("answers 413 to a body over 5 MB before reading it", async () => {
    const body = JSON.stringify({ padding: "x".repeat(5 * 1024 * 1024 + 10) });
    const response = await postAppWebhook(server, "orders", SHOP, "orders/paid", body);
    await expectEnvelope(response, 413, "PAYLOAD_TOO_LARGE");
  });

  it("answers 405 to a GET and 404 to an unknown receiver", async () => {
    await expectEnvelope(
      await fetch(`${server.url}/webhooks/app/orders`),
      405,
      "METHOD_NOT_ALLOWED",
    );
    const response = await postAppWebhook(server, "refunds", SHOP, "orders/paid", paidOrder);
    await expectEnvelope(response, 404, "NOT_FOUND");
  });

  it("recorded none of them", async () => {
    expect(await prisma().inboundWebhook.count({ where: { shopId, topic: "orders/create" } })).toBe(
      0,
    );
  });
});
