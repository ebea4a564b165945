// The embedded home page in a real Chromium, loaded the way Shopify's admin loads it: an
// `id_token` minted with the app secret and an offline session already in storage.
//
// Stand-in: App Bridge normally comes from Shopify's CDN, which this machine cannot reach. The
// test answers that one request itself (Playwright `page.route`) with a small script defining
// `window.shopify`; every other request off loopback is refused and recorded.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BROWSER_USER_AGENT,
  embeddedUrl,
  installEmbeddedShop,
  TEST_API_KEY,
} from "../support/embedded-auth.ts";
import { startFakeAdminApi, type FakeAdminApi } from "../support/fake-admin-api.ts";
import { fixture, withIds } from "../support/shop-deliveries.ts";
import { mapShopifySku, postAppWebhook, shopifyAppEnv } from "../support/shopify-app.ts";
import { startTestServer, waitFor, type TestServer } from "../support/test-server.ts";

const SHOP = "browser-shop.myshopify.com";
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
];
const APP_BRIDGE_STAND_IN = `
  window.shopify = {
    config: { apiKey: ${JSON.stringify(TEST_API_KEY)}, shop: ${JSON.stringify(SHOP)} },
    environment: { embedded: true, mobile: false, pos: false },
    idToken: () => Promise.reject(new Error("stand-in: no session tokens")),
    loading: () => {},
    toast: { show: () => {} },
  };
  window.__appBridgeStandIn = true;
`;

let adminApi: FakeAdminApi;
let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  adminApi = await startFakeAdminApi();
  server = await startTestServer(shopifyAppEnv(adminApi));
  const installed = await installEmbeddedShop(server.platform, SHOP);
  adminApi.allowToken(SHOP, installed.accessToken);
  const prisma = server.platform.db.prisma;
  const { accountId, shopId } = installed;
  await mapShopifySku(server, accountId, shopId, "STEAM-STARFIELD-EU", "SBX-STARFIELD-EU");
  await mapShopifySku(server, accountId, shopId, "XBOX-GAMEPASS-3M", "SBX-GAMEPASS-3M");
  const tooDear = await mapShopifySku(server, accountId, shopId, "TOO-DEAR", "SBX-ELDEN-RING-EU");
  await prisma.product.update({ where: { id: tooDear.id }, data: { maxCostMinor: 1 } });

  // Today: one order delivered, one failed (its product costs more than the maximum).
  for (const [orderId, sku] of [
    ["95001", "STEAM-STARFIELD-EU"],
    ["95002", "TOO-DEAR"],
  ]) {
    adminApi.addOrder(SHOP, orderId, [
      { lineItemId: `${orderId}1`, quantity: 1 },
      { lineItemId: `${orderId}2`, quantity: 3 },
    ]);
    const body = withIds(fixture("shopify/orders-paid.json"), {
      "5912345678901": orderId,
      "14456789012345": `${orderId}1`,
      "14456789012346": `${orderId}2`,
      "STEAM-STARFIELD-EU": sku,
    });
    await postAppWebhook(server, "orders", SHOP, "orders/paid", body);
  }
  await waitFor(
    async () => {
      const done = await prisma.order.count({
        where: { shopId, status: { in: ["delivered", "failed"] } },
      });
      return done === 2;
    },
    30_000,
    "both orders settled",
  );
  await postAppWebhook(
    server,
    "compliance",
    SHOP,
    "customers/data_request",
    JSON.stringify({ customer: { id: 1, email: "asker@example.com" }, orders_requested: [95001] }),
  );
  await waitFor(() => prisma.customerDataRequest.findFirst({ where: { shopId } }));

  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_FLAGS });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await adminApi?.close();
});

describe("the embedded home page", () => {
  it("shows the shop's connection, Sandbox Mode, today's orders and data requests", async () => {
    const context = await browser.newContext({ userAgent: BROWSER_USER_AGENT });
    const page = await context.newPage();
    const refused: string[] = [];
    let appBridgeServed = 0;
    await page.route(
      (url) => !["127.0.0.1", "localhost"].includes(url.hostname),
      async (route) => {
        const url = new URL(route.request().url());
        if (url.hostname === "cdn.shopify.com" && url.pathname.endsWith("/app-bridge.js")) {
          appBridgeServed++;
          return route.fulfill({ contentType: "text/javascript", body: APP_BRIDGE_STAND_IN });
        }
        refused.push(url.origin + url.pathname);
        return route.abort();
      },
    );
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));

    const response = await page.goto(embeddedUrl(server.url, SHOP));
    expect(response?.status()).toBe(200);
    await page.getByText("1 delivered").waitFor();

    const text = await page.locator("body").innerText();
    expect(text).toContain(SHOP);
    expect(text).toContain("Connected");
    expect(text).toContain("Sandbox Mode on");
    expect(text).toContain("1 failed");
    expect(text).toContain("asker@example.com");
    expect(appBridgeServed).toBe(1);
    expect(await page.evaluate(() => "__appBridgeStandIn" in window)).toBe(true);
    // Polaris styles come from our own build, and the page hydrated without errors.
    const styled = await page.evaluate(() =>
      [...document.styleSheets].some((sheet) => sheet.href?.includes("/assets/")),
    );
    expect(styled).toBe(true);
    expect(errors).toEqual([]);
    expect(refused.filter((url) => !url.startsWith("https://cdn.shopify.com"))).toEqual([]);

    const shot = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pck-shot-")), "home.png");
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`embedded home screenshot: ${shot}`);
    await context.close();
  });

  it("sends a browser without a valid session token away, showing nothing of the shop", async () => {
    const context = await browser.newContext({ userAgent: BROWSER_USER_AGENT });
    const page = await context.newPage();
    await page.route(
      (url) => !["127.0.0.1", "localhost"].includes(url.hostname),
      (route) => route.abort(),
    );
    const url = embeddedUrl(server.url, SHOP).replace(/id_token=[^&]+/, "id_token=forged.token.x");
    await page.goto(url);
    // Shopify's library sends it to the bounce page, where App Bridge would fetch a new token.
    expect(new URL(page.url()).pathname).toBe("/auth/session-token");
    expect(await page.content()).not.toContain("delivered");
    await context.close();
  });
});
