// The standalone dashboard at /dashboard in a real Chromium: sign in with the demo operator's
// login, then each page in turn with real data from the database, its main action end to end,
// an axe-core accessibility check and a screenshot kept under test-artifacts/dashboard/.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  keepOnLoopback,
  keepScreenshot,
  launchChromium,
  seriousAccessibilityViolations,
} from "../support/dashboard-browser.ts";
import { shopifyOrder } from "../support/dashboard-orders.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.ts";
import { startKinguinSimulator, type KinguinSimulator } from "../simulators/kinguin-simulator.ts";
import { connectKinguin, SUPPLIER_TEST_ENV } from "../support/suppliers.ts";
import { startTestServer, waitFor, type TestServer } from "../support/test-server.ts";

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let refused: string[];
const pageErrors: string[] = [];
let failedOrderId: string;
let receiver: WebhookReceiver;
let endpointId: string;
let kinguin: KinguinSimulator;

beforeAll(async () => {
  server = await startTestServer({ DASHBOARD: "true", ...SUPPLIER_TEST_ENV });
  // A supplier account at the local Kinguin simulator, for the Suppliers page's test.
  kinguin = await startKinguinSimulator();
  await connectKinguin(server, kinguin);
  const prisma = server.platform.db.prisma;

  // An integrator's endpoint that is down: its deliveries fail until the endpoint pauses.
  receiver = await startWebhookReceiver();
  receiver.failNext(1000);
  const created = await server.platform.webhookEndpoints.create(
    { accountId: server.demo.account_id, sandbox: true },
    { url: receiver.url, events: ["order.delivered", "order.failed"] },
  );
  if (!created.ok) throw new Error(created.message);
  endpointId = created.endpoint.id;

  await shopifyOrder(server, 1042);
  // The second order fails: its Starfield key costs more than the maximum set for a moment.
  const starfield = await prisma.product.findFirstOrThrow({
    where: { accountId: server.demo.account_id, sku: "STEAM-STARFIELD-EU" },
  });
  await prisma.product.update({ where: { id: starfield.id }, data: { maxCostMinor: 1 } });
  const failed = await shopifyOrder(server, 1043, "grace.buyer@example.com");
  expect(failed.status).toBe("failed");
  failedOrderId = failed.id;
  await prisma.product.update({ where: { id: starfield.id }, data: { maxCostMinor: null } });
  await waitFor(
    async () => (await prisma.webhookEndpoint.findUnique({ where: { id: endpointId } }))?.pausedAt,
    30_000,
    "the failing endpoint paused",
  );

  browser = await launchChromium();
  context = await browser.newContext();
  page = await context.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  refused = await keepOnLoopback(page);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await receiver?.close();
  await kinguin?.close();
});

async function checkPage(name: string) {
  expect(await seriousAccessibilityViolations(page), `${name}: axe`).toEqual([]);
  await keepScreenshot(page, `standalone-${name}`);
}

describe("the standalone dashboard, page by page", () => {
  it("sends a visitor to sign in, and signs the demo operator in", async () => {
    await page.goto(`${server.url}/dashboard/orders`);
    expect(new URL(page.url()).pathname).toBe("/dashboard/sign-in");
    await checkPage("sign-in");

    const login = server.demo.dashboard!;
    await page.getByLabel("Email").fill(login.email);
    await page.getByLabel("Password").fill(login.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${server.url}/dashboard/orders`);

    const cookie = (await context.cookies()).find((c) => c.name === "pck_session");
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, path: "/dashboard" });
    expect(cookie!.expires).toBeGreaterThan(Date.now() / 1000);
  });

  it("Overview: orders by status, money, and the failed order needing attention", async () => {
    await page.getByRole("link", { name: "Overview" }).click();
    await page.getByRole("heading", { name: "Orders that need attention" }).waitFor();
    const attention = page.locator("tr", { hasText: "#1043" });
    await expect.poll(() => attention.count()).toBe(1);
    expect(await attention.innerText()).toContain("failed");
    const text = await page.locator("main").innerText();
    expect(text).toMatch(/Revenue, spend and margin/);
    // The page says which orders its money covers.
    expect(text).toMatch(/(Sandbox|Live) orders only/);
    expect(text).toContain("Revenue is what customers paid for delivered orders");
    expect(text).toContain("EUR");
    expect(text).toContain("Sandbox supplier");
    await checkPage("overview");
  });

  it("Orders: lists, filters by status, searches by email, and opens an order", async () => {
    await page.getByRole("link", { name: "Orders", exact: true }).click();
    await page.getByRole("heading", { name: "Orders", exact: true }).waitFor();
    await expect.poll(() => page.locator("tbody tr").count()).toBe(2);
    await checkPage("orders");

    await page.getByLabel("Status").selectOption("failed");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/status=failed/);
    await expect.poll(() => page.locator("tbody tr").count()).toBe(1);
    expect(await page.locator("tbody").innerText()).toContain("#1043");

    await page.goto(`${server.url}/dashboard/orders?q=ada.buyer`);
    await expect.poll(() => page.locator("tbody tr").count()).toBe(1);
    expect(await page.locator("tbody").innerText()).toContain("#1042");

    await page.goto(`${server.url}/dashboard/orders?from=not-a-date`);
    expect(await page.locator("main").innerText()).toContain("The filter was not applied");
  });

  it("Order page: processes the failed order again and reveals its keys into the audit log", async () => {
    await page.goto(`${server.url}/dashboard/orders/${failedOrderId}`);
    await page.getByRole("heading", { name: "Order #1043" }).waitFor();
    expect(await page.locator("main").innerText()).toContain("Why it failed");
    await checkPage("order");

    await page.getByRole("button", { name: "Process again" }).click();
    await page.getByText("The order is being processed again.").waitFor();
    const prisma = server.platform.db.prisma;
    await waitFor(async () => {
      const order = await prisma.order.findUnique({ where: { id: failedOrderId } });
      return order?.status === "delivered";
    }, 30_000);

    await page.reload();
    await page.getByRole("button", { name: "Reveal keys" }).click();
    await expect.poll(() => page.getByText("•••••-•••••-•••••").count()).toBe(0);
    const shown = await page.locator("tbody").first().innerText();
    const stored = await prisma.key.findMany({ where: { purchase: { orderId: failedOrderId } } });
    expect(stored).toHaveLength(4);
    for (const key of stored) {
      const code = server.platform.vault.open(key.seal, `key:${key.purchaseId}`).toString("utf8");
      expect(shown).toContain(code);
    }
    const audit = await prisma.auditEntry.findMany({
      where: { accountId: server.demo.account_id, targetId: failedOrderId },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((entry) => [entry.action, entry.actor])).toEqual([
      ["order.process_requested", `operator:${server.demo.dashboard!.email}`],
      ["order.keys_revealed", `operator:${server.demo.dashboard!.email}`],
    ]);
  });

  it("Products: maps a SKU to a supplier product in bulk, refusing bad lines whole", async () => {
    await page.getByRole("link", { name: "Products" }).click();
    await page.getByRole("heading", { name: "Map SKUs to supplier products" }).waitFor();
    expect(await page.locator("main").innerText()).toContain("Elden Ring (Steam key, EU)");
    await checkPage("products");
    const prisma = server.platform.db.prisma;
    const products = await prisma.product.count();

    const lines = page.getByLabel("One per line: SKU, supplier product id");
    await lines.fill("NEW-STARFIELD, SBX-STARFIELD-EU\nNEW-NOPE, SBX-NOT-SOLD");
    await page.getByRole("button", { name: "Map SKUs" }).click();
    await page.getByText("Line 2: SBX-NOT-SOLD is not in the catalogue").first().waitFor();
    expect(await prisma.product.count()).toBe(products);

    await page
      .getByLabel("One per line: SKU, supplier product id")
      .fill("NEW-STARFIELD, SBX-STARFIELD-EU");
    await page.getByRole("button", { name: "Map SKUs" }).click();
    await page.getByText("1 SKU mapped.").waitFor();
    const mapped = await prisma.product.findFirstOrThrow({
      where: { accountId: server.demo.account_id, sku: "NEW-STARFIELD" },
      include: { offers: true, mappings: true },
    });
    expect(mapped.offers.map((o) => [o.supplier, o.supplierProductId])).toEqual([
      ["sandbox", "SBX-STARFIELD-EU"],
    ]);
    expect(mapped.mappings.map((m) => [m.shopId, m.sku])).toEqual([
      [server.demo.shops.shopify.id, "NEW-STARFIELD"],
    ]);

    await page.getByLabel("Search the supplier's catalogue").fill("Elden");
    await page.getByRole("button", { name: "Search" }).click();
    await page.locator("table", { hasText: "SBX-ELDEN-RING-EU" }).waitFor();
  });

  it("Suppliers: tests a connection for its balance; credentials are checked and sealed", async () => {
    await page.getByRole("link", { name: "Suppliers" }).click();
    await page.getByRole("heading", { name: "kinguin (sandbox)" }).waitFor();
    await checkPage("suppliers");

    await page.getByRole("button", { name: "Test connection" }).click();
    await page.getByText(/^Connected: balance \d/).waitFor();
    const prisma = server.platform.db.prisma;
    const row = await prisma.supplierConnection.findFirstOrThrow({
      where: { supplier: "kinguin" },
    });
    expect(row.balanceCheckedAt).not.toBeNull();

    // Kinguin without its API key: refused, nothing stored.
    await page.getByLabel("Supplier", { exact: true }).selectOption("kinguin");
    await page.getByLabel("Environment").selectOption("live");
    await page.getByRole("button", { name: "Connect supplier" }).click();
    // Fields and the refusal use the labels the merchant sees, not the code's field names.
    await page.getByLabel("Webhook secret").waitFor();
    await page.getByText("Check these credentials: API key").waitFor();
    expect(await prisma.supplierConnection.count()).toBe(1);
  });

  it("Shops: shows each shop's health and disconnects the WooCommerce shop", async () => {
    await page.getByRole("link", { name: "Shops" }).click();
    await page.getByRole("heading", { name: "keys-demo.myshopify.com" }).waitFor();
    const text = await page.locator("main").innerText();
    expect(text).toMatch(/Last webhook received: \d{4}-\d{2}-\d{2}/);
    await checkPage("shops");

    await page.getByRole("button", { name: "Disconnect woo-demo.localhost" }).click();
    await page.getByText("The shop is disconnected.").waitFor();
    const woo = await server.platform.db.prisma.shop.findUniqueOrThrow({
      where: { id: server.demo.shops.woocommerce.id },
    });
    expect(woo.active).toBe(false);
  });

  it("Webhooks: shows the paused endpoint's failed deliveries, resumes it, rotates its secret", async () => {
    await page.getByRole("link", { name: "Webhooks" }).click();
    await page.getByRole("heading", { name: receiver.url }).waitFor();
    const main = page.locator("main");
    expect(await main.innerText()).toContain("paused");
    // The delivery log shows the receiver's 500 answers.
    expect(await main.innerText()).toMatch(/order\.(delivered|failed)\t\w+\t\d+\t500\t\d+/);
    await checkPage("webhooks");

    receiver.failNext(0);
    await page.getByRole("button", { name: "Resume" }).click();
    await page.getByText("The endpoint is active again").waitFor();
    const prisma = server.platform.db.prisma;
    await waitFor(() => receiver.events("order.delivered").length > 0, 20_000);
    const resumed = await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId } });
    expect(resumed).toMatchObject({ active: true, pausedAt: null });

    const before = resumed.secretSeal;
    await page.getByRole("button", { name: "Rotate secret" }).click();
    const shown = await page.getByTestId("shown-secret").innerText();
    const rotated = await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId } });
    expect(server.platform.vault.openText(rotated.secretSeal, `endpoint:${endpointId}`)).toBe(
      shown,
    );
    const retired = await prisma.webhookRetiredSecret.findFirstOrThrow({ where: { endpointId } });
    expect(Buffer.from(retired.secretSeal).equals(Buffer.from(before))).toBe(true);

    await page.getByRole("button", { name: "Send test" }).click();
    await page.getByText("Test delivered: the receiver answered 200.").waitFor();
    expect(receiver.events("webhook.test")).toHaveLength(1);

    const actions = await prisma.auditEntry.findMany({
      where: { targetId: endpointId },
      orderBy: { createdAt: "asc" },
    });
    expect(actions.map((entry) => entry.action)).toEqual([
      "webhook_endpoint.resumed",
      "webhook_endpoint.secret_rotated",
      "webhook_endpoint.tested",
    ]);
  });

  it("Settings: creates an API key shown once, which works, and revokes it", async () => {
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByRole("heading", { name: "API keys" }).waitFor();
    expect(await page.locator("main").innerText()).toContain("Tier: enterprise");
    await checkPage("settings");

    await page.getByLabel("New key name").fill("Browser test key");
    await page.getByRole("button", { name: "Create API key" }).click();
    const key = await page.getByTestId("new-api-key").innerText();
    expect(key).toMatch(/^pck_test_/);
    const api = (apiKey: string) =>
      fetch(`${server.url}/api/v1/orders`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect((await api(key)).status).toBe(200);

    // Shown once: a reload shows only its prefix.
    await page.reload();
    expect(await page.locator("main").innerText()).not.toContain(key);
    await page.getByRole("button", { name: "Revoke Browser test key" }).click();
    await page.getByText("The key is revoked").waitFor();
    expect((await api(key)).status).toBe(401);

    // A rejected form changes nothing: no name, no key.
    const keys = await server.platform.db.prisma.apiKey.count();
    await page.getByRole("button", { name: "Create API key" }).click();
    await page.getByText("Give the key a name of up to 100 characters").first().waitFor();
    expect(await server.platform.db.prisma.apiKey.count()).toBe(keys);
  });

  it("Settings: changes the password; the old one no longer signs in", async () => {
    const login = server.demo.dashboard!;
    const next = "a brand new password for the demo";
    await page.getByLabel("Current password").fill("not the current one");
    await page.getByLabel("New password").fill(next);
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByText("The current password is not right").first().waitFor();

    await page.getByLabel("Current password").fill(login.password);
    await page.getByLabel("New password").fill(next);
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByText("Password changed.").waitFor();
    const { signIn } = await import("@premiumcdkeys/core");
    const prisma = server.platform.db.prisma;
    expect((await signIn(prisma, { email: login.email, password: login.password })).ok).toBe(false);
    expect((await signIn(prisma, { email: login.email, password: next })).ok).toBe(true);
  });

  it("signs out: the session is gone and the pages ask for a sign-in again", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(`${server.url}/dashboard/sign-in`);
    await page.goto(`${server.url}/dashboard`);
    expect(new URL(page.url()).pathname).toBe("/dashboard/sign-in");
    // Only the session signed in directly by the password test is left.
    expect(await server.platform.db.prisma.operatorSession.count()).toBe(1);
    expect(pageErrors).toEqual([]);
    expect(refused).toEqual([]);
  });
});
