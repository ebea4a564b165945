// The dashboard inside the Shopify admin's frame, in a real Chromium: the frame opened as Shopify
// opens it (an `id_token` minted with the app secret, an offline session in storage), then the
// pages used as a merchant uses them: the admin's app menu, filters, forms, the worker running a
// failed order again, keys revealed into the audit log. axe-core checks each page and a
// screenshot of each is kept under test-artifacts/dashboard/.
//
// Stand-in: App Bridge comes from Shopify's CDN, which this machine cannot reach; the test
// answers that request with test/support/app-bridge-stand-in.ts, which hands out session tokens
// minted here and adds them to the app's fetches as App Bridge does. The server is the real one.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminNavigate, appBridgeStandIn } from "../support/app-bridge-stand-in.ts";
import {
  keepOnLoopback,
  keepScreenshot,
  launchChromium,
  seriousAccessibilityViolations,
} from "../support/dashboard-browser.ts";
import {
  BROWSER_USER_AGENT,
  embeddedUrl,
  mintAdminSessionToken,
  TEST_API_KEY,
} from "../support/embedded-auth.ts";
import {
  OTHER_SHOP,
  SHOP,
  startEmbeddedDashboard,
  type EmbeddedDashboard,
} from "../support/embedded-dashboard.ts";
import { waitFor } from "../support/test-server.ts";

const ADMIN_USER = "7301";
const ACTOR = `shopify:${SHOP}:user:${ADMIN_USER}`;

let world: EmbeddedDashboard;
let browser: Browser;
let page: Page;
let refused: string[];
const pageErrors: string[] = [];
/** Every token the stand-in handed out, and the Authorization header of every loader fetch. */
const issuedTokens = new Set<string>();
const fetchAuthorizations: string[] = [];

beforeAll(async () => {
  world = await startEmbeddedDashboard();
  browser = await launchChromium();
  page = await (await browser.newContext({ userAgent: BROWSER_USER_AGENT })).newPage();
  page.on("pageerror", (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  page.on("request", (request) => {
    if (new URL(request.url()).searchParams.has("_data")) {
      fetchAuthorizations.push(request.headers().authorization ?? "none");
    }
  });
  const appBridge = await appBridgeStandIn(page, {
    apiKey: TEST_API_KEY,
    shop: SHOP,
    mintToken: () => {
      const token = mintAdminSessionToken(SHOP, { userId: ADMIN_USER });
      issuedTokens.add(token);
      return token;
    },
  });
  refused = await keepOnLoopback(page, appBridge);
});
afterAll(async () => {
  await browser?.close();
  await world?.close();
});

async function checkPage(name: string) {
  expect(await seriousAccessibilityViolations(page), `${name}: axe`).toEqual([]);
  await keepScreenshot(page, `embedded-${name}`);
}

async function openOrder(ref: string) {
  await page.getByRole("link", { name: ref, exact: true }).click();
  await page.getByRole("heading", { name: `Order ${ref}` }).waitFor();
}

function auditOf(targetId: string) {
  return world.server.platform.db.prisma.auditEntry.findMany({
    where: { accountId: world.shop.accountId, targetId },
    orderBy: { createdAt: "asc" },
  });
}

describe("the dashboard inside the Shopify admin", () => {
  it("Overview: the shop's orders by status, its money, and the failed order to look at", async () => {
    const answer = await page.goto(embeddedUrl(world.server.url, SHOP, "/app/overview"));
    expect(answer?.status()).toBe(200);
    await page.getByRole("heading", { name: "Orders that need attention" }).waitFor();
    const attention = page.locator("tr", { hasText: "#7002" });
    expect(await attention.innerText()).toContain("failed");
    const text = await page.locator("body").innerText();
    expect(text).toMatch(/delivered\s+1/);
    expect(text).toContain("Revenue, spend and margin");
    expect(text).toContain("EUR");
    // The other merchant's order is not this account's.
    expect(text).not.toContain("#8001");
    await checkPage("overview");
  });

  it("Orders: opened from the admin's menu, filtered by status, and an order opened", async () => {
    await adminNavigate(page, "Orders");
    await page.getByRole("heading", { name: "Orders", exact: true }).waitFor();
    await expect.poll(() => page.locator("tbody tr").count()).toBe(2);
    const rows = await page.locator("tbody").innerText();
    expect(rows).toContain("#7001");
    expect(rows).not.toContain("#8001");
    await checkPage("orders");

    await page.getByLabel("Status").selectOption("failed");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/status=failed/);
    await expect.poll(() => page.locator("tbody tr").count()).toBe(1);

    await openOrder("#7002");
    const text = await page.locator("body").innerText();
    expect(text).toContain("Why it failed");
    expect(text).toContain("grace.buyer@example.com");
    await checkPage("order");

    // Each of those pages loaded its data with a fetch carrying a token App Bridge handed out.
    expect(fetchAuthorizations.length).toBeGreaterThanOrEqual(3);
    for (const header of fetchAuthorizations) {
      expect(issuedTokens.has(header.replace(/^Bearer /, ""))).toBe(true);
    }
  });

  it("Products: the merchant raises the failed product's maximum cost", async () => {
    await adminNavigate(page, "Products");
    const save = page.getByRole("button", { name: "Save limits of Test TOO-DEAR" });
    await save.waitFor();
    await checkPage("products");

    const form = page.locator("form", { has: save });
    await form.getByLabel("Maximum cost (EUR)").fill("100.00");
    await save.click();
    await page.getByText("Product limits saved.").waitFor();
    const prisma = world.server.platform.db.prisma;
    const product = await prisma.product.findUniqueOrThrow({
      where: { id: world.tooDearProductId },
    });
    expect(product.maxCostMinor).toBe(10_000);
    const audit = await auditOf(world.tooDearProductId);
    expect(audit.map((entry) => [entry.action, entry.actor])).toEqual([
      ["product.limits_changed", ACTOR],
    ]);
  });

  it("Order page: processes the failed order again; the worker buys its one key once", async () => {
    await adminNavigate(page, "Orders");
    await openOrder("#7002");
    await page.getByRole("button", { name: "Process again" }).click();
    await page.getByText("The order is being processed again.").waitFor();

    const prisma = world.server.platform.db.prisma;
    const orderId = world.failedOrderId;
    await waitFor(
      async () =>
        (await prisma.order.findUnique({ where: { id: orderId } }))?.status === "delivered",
      30_000,
      "the order delivered",
    );
    const purchases = await prisma.purchase.findMany({
      where: { orderId },
      include: { key: true },
    });
    expect(purchases.map((purchase) => [purchase.status, Boolean(purchase.key)])).toEqual([
      ["confirmed", true],
    ]);
    const bought = await prisma.sandboxSupplierOrder.findMany({
      where: { reference: { startsWith: "pck_" } },
    });
    expect(bought.filter((sale) => sale.reference === purchases[0].reference)).toHaveLength(1);
    expect(bought.filter((sale) => sale.productId === "SBX-ELDEN-RING-EU")).toHaveLength(1);
    expect((await auditOf(orderId)).map((entry) => [entry.action, entry.actor])).toEqual([
      ["order.process_requested", ACTOR],
    ]);
    // The page follows the order while it is processed, without a reload.
    await page.getByText("delivered", { exact: true }).first().waitFor({ timeout: 15_000 });
    expect(await page.locator("body").innerText()).not.toContain("Why it failed");
  });

  it("Order page: reveals the delivered keys, and the reveal is audited with the admin user", async () => {
    await page.getByRole("link", { name: "Back to orders" }).click();
    await page.getByRole("heading", { name: "Orders", exact: true }).waitFor();
    await openOrder("#7002");
    expect(await page.locator("body").innerText()).not.toContain("Why it failed");

    await page.getByRole("button", { name: "Reveal keys" }).click();
    await expect.poll(() => page.getByText("•••••-•••••-•••••").count()).toBe(0);
    const prisma = world.server.platform.db.prisma;
    const [key] = await prisma.key.findMany({
      where: { purchase: { orderId: world.failedOrderId } },
    });
    const code = world.server.platform.vault.open(key.seal, `key:${key.purchaseId}`);
    expect(await page.locator("tbody").first().innerText()).toContain(code.toString("utf8"));
    const audit = await auditOf(world.failedOrderId);
    expect(audit.map((entry) => [entry.action, entry.actor])).toEqual([
      ["order.process_requested", ACTOR],
      ["order.keys_revealed", ACTOR],
    ]);
  });

  it("reopens through Shopify's bounce page when the frame's id_token is missing or expired", async () => {
    const expired = mintAdminSessionToken(SHOP, { userId: ADMIN_USER, expiresIn: -120 });
    for (const idToken of [null, expired]) {
      const url = embeddedUrl(world.server.url, SHOP, "/app/orders", idToken);
      const answer = await page.goto(url, { waitUntil: "commit" });
      expect(new URL(answer!.url()).pathname).toBe("/auth/session-token");

      await page.waitForURL((next) => next.pathname === "/app/orders");
      await page.getByRole("heading", { name: "Orders", exact: true }).waitFor();
      expect(await page.locator("tbody").innerText()).toContain("#7001");
      const fresh = new URL(page.url()).searchParams.get("id_token");
      expect(issuedTokens.has(fresh ?? "")).toBe(true);
    }
  });

  it("answers 404 in the frame for another merchant's order, either way round", async () => {
    const { server, otherOrderId, deliveredOrderId } = world;
    const theirs = await page.goto(embeddedUrl(server.url, SHOP, `/app/orders/${otherOrderId}`));
    expect(theirs?.status()).toBe(404);
    await page.getByRole("heading", { name: "Not found" }).waitFor();
    expect(await page.locator("body").innerText()).not.toContain("other.buyer@example.com");
    await checkPage("not-found");
    // The admin's menu still leads back into the app.
    await adminNavigate(page, "Orders");
    await page.getByRole("heading", { name: "Orders", exact: true }).waitFor();

    const ours = embeddedUrl(server.url, OTHER_SHOP, `/app/orders/${deliveredOrderId}`);
    expect((await page.goto(ours))?.status()).toBe(404);
    await page.getByRole("heading", { name: "Not found" }).waitFor();
    expect(await page.locator("body").innerText()).not.toContain("ada.buyer@example.com");

    expect(pageErrors).toEqual([]);
    expect(refused).toEqual([]);
  });
});
