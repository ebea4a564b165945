// The Overview and Orders pages inside the Shopify admin's frame, in a real Chromium, loaded as
// Shopify loads them: an `id_token` minted with the app secret and an offline session in
// storage (issue 4's helper), then the same page modules as /dashboard with the shop's data.
//
// Stand-in: App Bridge normally comes from Shopify's CDN, which this machine cannot reach; the
// test answers that one request with a small script defining `window.shopify`.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  keepOnLoopback,
  keepScreenshot,
  launchChromium,
  seriousAccessibilityViolations,
} from "../support/dashboard-browser.ts";
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

const SHOP = "dashboard-shop.myshopify.com";
const APP_BRIDGE_STAND_IN = `
  window.shopify = {
    config: { apiKey: ${JSON.stringify(TEST_API_KEY)}, shop: ${JSON.stringify(SHOP)} },
    environment: { embedded: true, mobile: false, pos: false },
    idToken: () => Promise.reject(new Error("stand-in: no session tokens")),
    loading: () => {},
    toast: { show: () => {} },
  };
`;

let adminApi: FakeAdminApi;
let server: TestServer;
let browser: Browser;
let page: Page;
let refused: string[];
let orderId: string;

beforeAll(async () => {
  adminApi = await startFakeAdminApi();
  server = await startTestServer({ ...shopifyAppEnv(adminApi), DASHBOARD: "true" });
  const installed = await installEmbeddedShop(server.platform, SHOP);
  adminApi.allowToken(SHOP, installed.accessToken);
  const { accountId, shopId } = installed;
  await mapShopifySku(server, accountId, shopId, "STEAM-STARFIELD-EU", "SBX-STARFIELD-EU");
  await mapShopifySku(server, accountId, shopId, "XBOX-GAMEPASS-3M", "SBX-GAMEPASS-3M");
  adminApi.addOrder(SHOP, "96001", [
    { lineItemId: "960011", quantity: 1 },
    { lineItemId: "960012", quantity: 3 },
  ]);
  const body = withIds(fixture("shopify/orders-paid.json"), {
    "5912345678901": "96001",
    "14456789012345": "960011",
    "14456789012346": "960012",
    "#1042": "#7001",
  });
  await postAppWebhook(server, "orders", SHOP, "orders/paid", body);
  const prisma = server.platform.db.prisma;
  const order = await waitFor(
    () => prisma.order.findFirst({ where: { shopId, status: "delivered" } }),
    30_000,
    "the order delivered",
  );
  orderId = order.id;

  browser = await launchChromium();
  page = await (await browser.newContext({ userAgent: BROWSER_USER_AGENT })).newPage();
  refused = await keepOnLoopback(page, APP_BRIDGE_STAND_IN);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await adminApi?.close();
});

async function checkPage(name: string) {
  expect(await seriousAccessibilityViolations(page), `${name}: axe`).toEqual([]);
  await keepScreenshot(page, `embedded-${name}`);
}

describe("the dashboard pages inside the Shopify admin", () => {
  it("Overview shows the shop's account: today's delivered order and its money", async () => {
    const answer = await page.goto(embeddedUrl(server.url, SHOP, "/app/overview"));
    expect(answer?.status()).toBe(200);
    await page.getByRole("heading", { name: "Overview" }).waitFor();
    const text = await page.locator("body").innerText();
    expect(text).toContain("delivered");
    expect(text).toContain("EUR");
    await checkPage("overview");
  });

  it("Orders lists the shop's order and its page shows purchases and deliveries", async () => {
    await page.goto(embeddedUrl(server.url, SHOP, "/app/orders"));
    await page.getByRole("heading", { name: "Orders", exact: true }).waitFor();
    expect(await page.locator("tbody").innerText()).toContain("#7001");
    await checkPage("orders");

    await page.goto(embeddedUrl(server.url, SHOP, `/app/orders/${orderId}`));
    await page.getByRole("heading", { name: "Order #7001" }).waitFor();
    const text = await page.locator("body").innerText();
    expect(text).toContain("sandbox");
    expect(text).toContain("•••••-•••••-•••••");
    expect(text).toContain("order.delivered");
    await checkPage("order");
  });

  it("answers 404 for another account's order, and signs nobody in without a token", async () => {
    const stranger = await server.platform.db.prisma.order.findFirst({
      where: { accountId: server.demo.account_id },
    });
    const otherId = stranger?.id ?? "00000000-0000-7000-8000-000000000000";
    const answer = await page.goto(embeddedUrl(server.url, SHOP, `/app/orders/${otherId}`));
    expect(answer?.status()).toBe(404);

    const plain = await fetch(`${server.url}/app/orders`, { redirect: "manual" });
    expect(plain.status).not.toBe(200);
    expect(refused.filter((url) => !url.startsWith("https://cdn.shopify.com"))).toEqual([]);
  });
});
