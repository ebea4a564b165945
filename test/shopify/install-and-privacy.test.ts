import { Session } from "@shopify/shopify-api";
import { offlineSessionId, PrismaSessionStorage } from "@premiumcdkeys/shopify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROWSER_USER_AGENT, embeddedUrl, installEmbeddedShop } from "../support/embedded-auth.ts";
import { startFakeAdminApi, type FakeAdminApi } from "../support/fake-admin-api.ts";
import { fixture, postShopify, withIds } from "../support/shop-deliveries.ts";
import { mapShopifySku, postAppWebhook, shopifyAppEnv } from "../support/shopify-app.ts";
import { startTestServer, waitFor, type TestServer } from "../support/test-server.ts";

let adminApi: FakeAdminApi;
let server: TestServer;
beforeAll(async () => {
  adminApi = await startFakeAdminApi();
  server = await startTestServer(shopifyAppEnv(adminApi));
});
afterAll(async () => {
  await server.close();
  await adminApi.close();
});

const prisma = () => server.platform.db.prisma;
const spaced = (value: object) => JSON.stringify(value, null, 1);

/** An installed shop with the fixture's two SKUs mapped to the sandbox supplier. */
async function installedShop(shop: string) {
  const installed = await installEmbeddedShop(server.platform, shop);
  adminApi.allowToken(shop, installed.accessToken);
  await mapShopifySku(
    server,
    installed.accountId,
    installed.shopId,
    "STEAM-STARFIELD-EU",
    "SBX-STARFIELD-EU",
  );
  await mapShopifySku(
    server,
    installed.accountId,
    installed.shopId,
    "XBOX-GAMEPASS-3M",
    "SBX-GAMEPASS-3M",
  );
  return installed;
}

/** A paid, delivered order of `shop` for customer `customer` (id and email). */
async function deliveredOrder(shop: string, shopId: string, orderId: string, customer: number) {
  const body = withIds(fixture("shopify/orders-paid.json"), {
    "5912345678901": orderId,
    "7401234567890": String(customer),
    "ada.buyer@example.com": `buyer${customer}@example.com`,
    "14456789012345": `${orderId}1`,
    "14456789012346": `${orderId}2`,
  });
  adminApi.addOrder(shop, orderId, [
    { lineItemId: `${orderId}1`, quantity: 1 },
    { lineItemId: `${orderId}2`, quantity: 3 },
  ]);
  await postAppWebhook(server, "orders", shop, "orders/paid", body);
  return waitFor(
    () => prisma().order.findFirst({ where: { shopId, externalId: orderId, status: "delivered" } }),
    30_000,
    `order ${orderId} delivered`,
  );
}

describe("install", () => {
  it("creates the merchant's account and shop once, on the first embedded load", async () => {
    const shop = "fresh-install.myshopify.com";
    // What the token exchange leaves behind: an offline session, nothing of ours yet.
    await new PrismaSessionStorage(prisma(), server.platform.vault).storeSession(
      new Session({
        id: offlineSessionId(shop),
        shop,
        state: "",
        isOnline: false,
        accessToken: "shpat_x",
      }),
    );

    for (let load = 0; load < 2; load++) {
      const page = await fetch(embeddedUrl(server.url, shop), {
        headers: { "User-Agent": BROWSER_USER_AGENT },
      });
      expect(page.status).toBe(200);
    }
    // The page is this shop's: its domain, and no other installed shop's.
    await installedShop("neighbour.myshopify.com");
    const html = await (
      await fetch(embeddedUrl(server.url, shop), { headers: { "User-Agent": BROWSER_USER_AGENT } })
    ).text();
    expect(html).toContain(shop);
    expect(html).not.toContain("neighbour.myshopify.com");

    const shops = await prisma().shop.findMany({
      where: { domain: shop },
      include: { account: true },
    });
    expect(shops).toHaveLength(1);
    expect(shops[0]).toMatchObject({ platform: "shopify", active: true });
    expect(shops[0].account).toMatchObject({ name: shop, sandboxMode: true });
  });
});

describe("app/uninstalled", () => {
  it("stops processing for the shop and removes its sessions, and nothing else", async () => {
    const shop = "leaving.myshopify.com";
    const other = await installedShop("staying.myshopify.com");
    const { shopId } = await installedShop(shop);

    const response = await postAppWebhook(
      server,
      "uninstalled",
      shop,
      "app/uninstalled",
      spaced({ domain: shop }),
    );
    expect(await response.json()).toEqual({ received: true, outcome: "recorded" });
    await waitFor(
      async () => !(await prisma().shop.findUniqueOrThrow({ where: { id: shopId } })).active,
    );
    expect(await prisma().shopifySession.count({ where: { shop } })).toBe(0);
    expect(await prisma().shopifySession.count({ where: { shop: "staying.myshopify.com" } })).toBe(
      1,
    );
    expect((await prisma().shop.findUniqueOrThrow({ where: { id: other.shopId } })).active).toBe(
      true,
    );

    const order = withIds(fixture("shopify/orders-paid.json"), { "5912345678901": "77001" });
    const late = await postAppWebhook(server, "orders", shop, "orders/paid", order);
    expect(await late.json()).toEqual({ received: true, outcome: "ignored" });
    expect(await prisma().order.count({ where: { shopId } })).toBe(0);
  });
});

describe("privacy webhooks", () => {
  it("customers/data_request records the request for the merchant, and keeps no raw body", async () => {
    const shop = "asking.myshopify.com";
    const { shopId } = await installedShop(shop);
    const body = spaced({
      shop_domain: shop,
      orders_requested: [88001, 88002],
      customer: { id: 7401234567890, email: "ada.buyer@example.com", phone: null },
      data_request: { id: 9912 },
    });
    await postAppWebhook(server, "compliance", shop, "customers/data_request", body);

    const request = await waitFor(() =>
      prisma().customerDataRequest.findFirst({ where: { shopId } }),
    );
    expect(request).toMatchObject({
      requestRef: "9912",
      customerExternalId: "7401234567890",
      customerEmail: "ada.buyer@example.com",
      ordersRequested: ["88001", "88002"],
    });
    const inbound = await waitFor(() =>
      prisma().inboundWebhook.findFirst({
        where: { shopId, topic: "customers/data_request", processedAt: { not: null } },
      }),
    );
    expect(inbound.body).toBe("{}");
  });

  it("customers/redact erases that customer's personal data and keeps anonymous purchases", async () => {
    const shop = "forgetting.myshopify.com";
    const { shopId } = await installedShop(shop);
    const theirs = await deliveredOrder(shop, shopId, "91001", 501);
    const others = await deliveredOrder(shop, shopId, "91002", 502);
    expect(await prisma().outboxMail.count({ where: { orderId: theirs.id } })).toBe(1);

    const body = spaced({
      shop_domain: shop,
      customer: { id: 501, email: "buyer501@example.com", phone: null },
      orders_to_redact: [91001],
    });
    await postAppWebhook(server, "compliance", shop, "customers/redact", body);
    await waitFor(
      async () =>
        !(await prisma().order.findUniqueOrThrow({ where: { id: theirs.id } })).customerEmail,
    );

    const redacted = await prisma().order.findUniqueOrThrow({
      where: { id: theirs.id },
      include: { deliveries: true, purchases: { include: { key: true } } },
    });
    expect(redacted).toMatchObject({
      customerEmail: null,
      customerName: null,
      customerExternalId: null,
    });
    expect(redacted.deliveries.every((delivery) => delivery.recipient === null)).toBe(true);
    expect(redacted.purchases).toHaveLength(4);
    expect(
      redacted.purchases.every((purchase) => purchase.status === "confirmed" && purchase.key),
    ).toBe(true);
    expect(await prisma().outboxMail.count({ where: { orderId: theirs.id } })).toBe(0);
    const bodies = await prisma().inboundWebhook.findMany({ where: { shopId } });
    expect(bodies.some((row) => row.body.includes("buyer501@example.com"))).toBe(false);

    const untouched = await prisma().order.findUniqueOrThrow({ where: { id: others.id } });
    expect(untouched.customerEmail).toBe("buyer502@example.com");
    expect(await prisma().outboxMail.count({ where: { orderId: others.id } })).toBe(1);
    expect(bodies.some((row) => row.body.includes("buyer502@example.com"))).toBe(true);
  });

  it("shop/redact erases an uninstalled shop's data and its account, and nothing else", async () => {
    const shop = "erased.myshopify.com";
    const { shopId, accountId } = await installedShop(shop);
    const kept = await installedShop("kept.myshopify.com");
    const order = await deliveredOrder(shop, shopId, "92001", 601);
    const keptOrder = await deliveredOrder("kept.myshopify.com", kept.shopId, "92002", 602);

    await postAppWebhook(server, "uninstalled", shop, "app/uninstalled", spaced({ domain: shop }));
    await waitFor(
      async () => !(await prisma().shop.findUniqueOrThrow({ where: { id: shopId } })).active,
    );
    await postAppWebhook(server, "compliance", shop, "shop/redact", spaced({ shop_domain: shop }));
    await waitFor(async () => (await prisma().shop.count({ where: { id: shopId } })) === 0);

    expect(await prisma().account.count({ where: { id: accountId } })).toBe(0);
    expect(await prisma().order.count({ where: { id: order.id } })).toBe(0);
    expect(await prisma().purchase.count({ where: { orderId: order.id } })).toBe(0);
    expect(await prisma().outboxMail.count({ where: { orderId: order.id } })).toBe(0);
    expect(await prisma().event.count({ where: { orderId: order.id } })).toBe(0);
    expect(await prisma().inboundWebhook.count({ where: { shopId } })).toBe(0);

    expect(await prisma().purchase.count({ where: { orderId: keptOrder.id } })).toBe(4);
    expect(await prisma().event.count({ where: { orderId: keptOrder.id } })).toBeGreaterThan(0);
  });

  it("shop/redact keeps a shop that was installed again since", async () => {
    const shop = "returning.myshopify.com";
    const { shopId } = await installedShop(shop);
    await postAppWebhook(server, "compliance", shop, "shop/redact", spaced({ shop_domain: shop }));
    await waitFor(() =>
      prisma().inboundWebhook.findFirst({
        where: { shopId, topic: "shop/redact", processedAt: { not: null } },
      }),
    );
    expect(await prisma().shop.count({ where: { id: shopId } })).toBe(1);
  });
});

// The contract's own URL of a shop stops answering once it is uninstalled (after the few
// seconds the shop directory caches it), and any delivery recorded before starts nothing.
describe("the contract's URL of an uninstalled shop", () => {
  it("records no order", async () => {
    const shop = "gone.myshopify.com";
    const { shopId } = await installedShop(shop);
    const known = await server.platform.shops.find(shopId);
    await postAppWebhook(server, "uninstalled", shop, "app/uninstalled", spaced({ domain: shop }));
    await waitFor(
      async () => !(await prisma().shop.findUniqueOrThrow({ where: { id: shopId } })).active,
    );

    const body = withIds(fixture("shopify/orders-paid.json"), { "5912345678901": "93001" });
    await postShopify(`${server.url}/api/webhook/shopify/${shopId}`, known!.webhookSecret, body);
    await waitFor(
      async () =>
        (await prisma().inboundWebhook.count({ where: { shopId, processedAt: null } })) === 0,
    );
    expect(await prisma().order.count({ where: { shopId } })).toBe(0);
  });
});
