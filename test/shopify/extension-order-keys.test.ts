import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BROWSER_USER_AGENT,
  installEmbeddedShop,
  mintExtensionSessionToken,
} from "../support/embedded-auth.ts";
import { startFakeAdminApi, type FakeAdminApi } from "../support/fake-admin-api.ts";
import { fixture, withIds } from "../support/shop-deliveries.ts";
import { mapShopifySku, postAppWebhook, shopifyAppEnv } from "../support/shopify-app.ts";
import { startTestServer, waitFor, type TestServer } from "../support/test-server.ts";

const SHOP = "buyers.myshopify.com";
const OTHER_SHOP = "elsewhere.myshopify.com";
const CHECKOUT_TOKEN = "c1-5f3b8a9d2e7c4b1a9f0e3d6c8b7a2f41";

let adminApi: FakeAdminApi;
let server: TestServer;
let shopId: string;
beforeAll(async () => {
  adminApi = await startFakeAdminApi();
  // A failed supplier call waits a minute before its retry, so a sold-out order stays a
  // pre-order while the test asks (nothing else here retries).
  server = await startTestServer({ ...shopifyAppEnv(adminApi), JOB_RETRY_BASE_MS: "60000" });
  const installed = await installEmbeddedShop(server.platform, SHOP);
  shopId = installed.shopId;
  adminApi.allowToken(SHOP, installed.accessToken);
  await installEmbeddedShop(server.platform, OTHER_SHOP);
  const { accountId } = installed;
  await mapShopifySku(server, accountId, shopId, "STEAM-STARFIELD-EU", "SBX-STARFIELD-EU");
  await mapShopifySku(server, accountId, shopId, "XBOX-GAMEPASS-3M", "SBX-GAMEPASS-3M");
  await mapShopifySku(server, accountId, shopId, "SOLD-OUT-SKU", "SBX-SOLD-OUT");

  await paidOrder("94001", { customer: "501", checkoutToken: CHECKOUT_TOKEN });
  await waitFor(
    () =>
      server.platform.db.prisma.order.findFirst({
        where: { externalId: "94001", status: "delivered" },
      }),
    30_000,
    "order delivered",
  );
});
afterAll(async () => {
  await server.close();
  await adminApi.close();
});

async function paidOrder(
  orderId: string,
  options: { customer: string; checkoutToken?: string; sku?: string },
) {
  let body = withIds(fixture("shopify/orders-paid.json"), {
    "5912345678901": orderId,
    "7401234567890": options.customer,
    "14456789012345": `${orderId}1`,
    "14456789012346": `${orderId}2`,
    ...(options.sku ? { "STEAM-STARFIELD-EU": options.sku } : {}),
  });
  if (options.checkoutToken) {
    body = body.replace(
      '"test": false,',
      `"test": false, "checkout_token": "${options.checkoutToken}",`,
    );
  }
  adminApi.addOrder(SHOP, orderId, [
    { lineItemId: `${orderId}1`, quantity: 1 },
    { lineItemId: `${orderId}2`, quantity: 3 },
  ]);
  const response = await postAppWebhook(server, "orders", SHOP, "orders/paid", body);
  expect(await response.json()).toEqual({ received: true, outcome: "recorded" });
}

function askForKeys(token: string | undefined, body: Record<string, unknown>) {
  return fetch(`${server.url}/extensions/order-keys`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "User-Agent": BROWSER_USER_AGENT,
      Origin: "https://extensions.shopifycdn.com",
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
}

const order = (id: string) => `gid://shopify/Order/${id}`;

describe("POST /extensions/order-keys", () => {
  it("gives a signed-in customer the keys of their own order", async () => {
    const token = mintExtensionSessionToken(SHOP, "gid://shopify/Customer/501");
    const response = await askForKeys(token, { order_id: order("94001") });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBeTruthy();
    expect(response.headers.get("cache-control")).toBe("no-store");

    const body = await response.json();
    expect(body.state).toBe("ready");
    expect(body.keys).toHaveLength(4);
    // The very codes held for the order, opened from the vault.
    const purchases = await server.platform.db.prisma.purchase.findMany({
      where: { order: { externalId: "94001" } },
      include: { key: true },
    });
    const held = purchases.map((purchase) =>
      server.platform.vault.open(purchase.key!.seal, `key:${purchase.id}`).toString("utf8"),
    );
    expect(body.keys.map((key: { code: string }) => key.code).sort()).toEqual(held.sort());
  });

  it("gives a guest the keys on the Thank-you page with the order's checkout token", async () => {
    const token = mintExtensionSessionToken(SHOP);
    const response = await askForKeys(token, {
      order_id: order("94001"),
      checkout_token: CHECKOUT_TOKEN,
    });
    expect(response.status).toBe(200);
    expect((await response.json()).keys).toHaveLength(4);
  });

  it.each([
    ["another customer", mintExtensionSessionToken(SHOP, "gid://shopify/Customer/502"), {}],
    [
      "a guest with a wrong checkout token",
      mintExtensionSessionToken(SHOP),
      { checkout_token: "c1-guess" },
    ],
    ["a guest without a checkout token", mintExtensionSessionToken(SHOP), {}],
    [
      "the customer, from another shop",
      mintExtensionSessionToken(OTHER_SHOP, "gid://shopify/Customer/501"),
      {},
    ],
    [
      "a shop that never installed",
      mintExtensionSessionToken("nobody.myshopify.com", "gid://shopify/Customer/501"),
      {},
    ],
  ])("answers 404 to %s", async (_who, token, extra) => {
    const response = await askForKeys(token, { order_id: order("94001"), ...extra });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: "ORDER_NOT_FOUND", message: "No such order", details: {} },
    });
  });

  it("answers 404 for another order of the same shop and for an unknown order", async () => {
    await paidOrder("94002", { customer: "777" });
    const token = mintExtensionSessionToken(SHOP, "gid://shopify/Customer/501");
    for (const id of ["94002", "99999999"]) {
      const response = await askForKeys(token, { order_id: order(id) });
      expect(response.status).toBe(404);
    }
  });

  it.each([
    ["no session token", undefined],
    [
      "a token signed with another secret",
      mintExtensionSessionToken(SHOP, undefined, "not-the-app-secret"),
    ],
    ["a token that is not a JWT", "abc.def"],
  ])("answers 401 to %s", async (_what, token) => {
    const response = await askForKeys(token, { order_id: order("94001") });
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("UNAUTHORIZED");
  });

  it.each([
    [{}],
    [{ order_id: "94001" }],
    [{ order_id: "gid://shopify/Customer/501" }],
    [{ order_id: order("1"), checkout_token: "x".repeat(300) }],
  ])("answers 400 to the body %j", async (body) => {
    const response = await askForKeys(
      mintExtensionSessionToken(SHOP, "gid://shopify/Customer/501"),
      body,
    );
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("VALIDATION_ERROR");
  });

  it("answers the CORS preflight of the extension's fetch", async () => {
    const response = await fetch(`${server.url}/extensions/order-keys`, {
      method: "OPTIONS",
      headers: {
        Origin: "https://extensions.shopifycdn.com",
        "User-Agent": BROWSER_USER_AGENT,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
      },
    });
    expect(response.status).toBeLessThan(300);
    expect(response.headers.get("access-control-allow-headers")?.toLowerCase()).toContain(
      "authorization",
    );
  });

  it("says keys are on their way while a product waits for its mapping", async () => {
    await paidOrder("94004", { customer: "504", sku: "NOT-MAPPED-YET" });
    const token = mintExtensionSessionToken(SHOP, "gid://shopify/Customer/504");
    // The order exists once its webhook has been applied; until then it answers 404 too.
    const body = await waitFor(async () => {
      const answer = await askForKeys(token, { order_id: order("94004") });
      return answer.status === 200 ? ((await answer.json()) as object) : undefined;
    });
    expect(body).toEqual({ state: "waiting", keys: [] });
  });

  it("says a product waiting for supplier stock is a pre-order", async () => {
    await paidOrder("94003", { customer: "503", sku: "SOLD-OUT-SKU" });
    const token = mintExtensionSessionToken(SHOP, "gid://shopify/Customer/503");
    await waitFor(
      async () => {
        const response = await askForKeys(token, { order_id: order("94003") });
        return (await response.json()).state === "preorder";
      },
      20_000,
      "a pre-order answer",
    );
  });
});
