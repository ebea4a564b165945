// The standalone dashboard's account settings in a real Chromium: the default low-stock
// threshold (and the Overview that follows it), the key email options, a supplier connection's
// priority, and the skeleton shown while a page loads. Each change is checked in the database
// and the audit log; each page gets an axe-core check and a screenshot under test-artifacts/.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  keepOnLoopback,
  keepScreenshot,
  launchChromium,
  seriousAccessibilityViolations,
} from "../support/dashboard-browser.ts";
import { shopifyOrder } from "../support/dashboard-orders.ts";
import { startKinguinSimulator, type KinguinSimulator } from "../simulators/kinguin-simulator.ts";
import { connectKinguin, SUPPLIER_TEST_ENV } from "../support/suppliers.ts";
import { startTestServer, waitFor, type TestServer } from "../support/test-server.ts";

let server: TestServer;
let browser: Browser;
let page: Page;
let refused: string[];
let kinguin: KinguinSimulator;
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startTestServer({ DASHBOARD: "true", ...SUPPLIER_TEST_ENV });
  kinguin = await startKinguinSimulator();
  await connectKinguin(server, kinguin);
  // One order, so the stock check after the sale records the sandbox supplier's stock.
  await shopifyOrder(server, 1042);
  await waitFor(
    () =>
      server.platform.db.prisma.supplierOffer.findFirst({ where: { lastStock: { not: null } } }),
    30_000,
    "a stock figure recorded",
  );

  browser = await launchChromium();
  page = await (await browser.newContext()).newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  refused = await keepOnLoopback(page);

  const login = server.demo.dashboard!;
  await page.goto(`${server.url}/dashboard/sign-in`);
  await page.getByLabel("Email").fill(login.email);
  await page.getByLabel("Password").fill(login.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${server.url}/dashboard`);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await kinguin?.close();
});

const prisma = () => server.platform.db.prisma;
const account = () => prisma().account.findUniqueOrThrow({ where: { id: server.demo.account_id } });
const actor = () => `operator:${server.demo.dashboard!.email}`;
const audited = (action: string) =>
  prisma().auditEntry.findMany({ where: { action }, orderBy: { createdAt: "asc" } });

async function checkPage(name: string) {
  expect(await seriousAccessibilityViolations(page), `${name}: axe`).toEqual([]);
  await keepScreenshot(page, name);
}

describe("account settings on /dashboard", () => {
  it("shows a skeleton of the page being opened while it loads", async () => {
    // The Products page's data is held back until the skeleton has been seen.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/dashboard\/products\?_data=/, async (route) => {
      await held;
      await route.continue();
    });
    await page.getByRole("link", { name: "Products" }).click();
    const skeleton = page.getByRole("status", { name: "Loading the page" });
    await skeleton.waitFor();
    expect(await skeleton.getByRole("heading", { name: "Products" }).count()).toBe(1);
    await checkPage("loading-skeleton");

    release();
    await page.getByRole("heading", { name: "Map SKUs to supplier products" }).waitFor();
    expect(await skeleton.count()).toBe(0);
    await page.unroute(/\/dashboard\/products\?_data=/);
  });

  it("sets the default low-stock threshold, which the Overview then follows", async () => {
    await page.getByRole("link", { name: "Settings" }).click();
    const field = page.getByLabel("Default low-stock threshold");
    expect(await field.inputValue()).toBe("5");

    await field.fill("-4");
    await page.getByRole("button", { name: "Save threshold" }).click();
    await page.getByText("A whole number from 0 to 1000000").first().waitFor();
    expect((await account()).lowStockThreshold).toBe(5);

    await page.getByLabel("Default low-stock threshold").fill("1000000");
    await page.getByRole("button", { name: "Save threshold" }).click();
    await page.getByText("Default low-stock threshold saved.").waitFor();
    expect((await account()).lowStockThreshold).toBe(1_000_000);
    expect((await audited("account.low_stock_threshold_changed")).map((e) => e.actor)).toEqual([
      actor(),
    ]);

    await page.getByRole("link", { name: "Overview" }).click();
    // Settings has a "Low stock" heading too: wait for the Overview's own line.
    await page.waitForURL(/\/dashboard$/);
    await page
      .getByText(/\d+ left \(threshold 1000000\)/)
      .first()
      .waitFor();
  });

  it("sets the key email's sender name and reply-to, refusing a bad address inline", async () => {
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByLabel("Sender name of the key email").fill("Game Corner");
    await page.getByLabel("Reply-to address").fill("not an address");
    await page.getByRole("button", { name: "Save delivery options" }).click();
    await page.getByText("Enter a valid email address").first().waitFor();
    expect(await page.getByLabel("Reply-to address").getAttribute("aria-invalid")).toBe("true");
    expect(await account()).toMatchObject({ keyEmailSenderName: null, keyEmailReplyTo: null });
    await checkPage("settings-delivery-refused");

    await page.getByLabel("Reply-to address").fill("help@gamecorner.example");
    await page
      .getByLabel("Our key email when the shop delivers the keys itself")
      .selectOption("always");
    await page.getByRole("button", { name: "Save delivery options" }).click();
    await page.getByText("Delivery options saved.").waitFor();
    expect(await account()).toMatchObject({
      keyEmailSenderName: "Game Corner",
      keyEmailReplyTo: "help@gamecorner.example",
      keyEmailWithShopDelivery: "always",
    });
    const [entry] = await audited("account.delivery_options_changed");
    expect(entry).toMatchObject({
      actor: actor(),
      details: {
        before: { senderName: null, replyTo: null, withShopDelivery: "platform" },
        after: {
          senderName: "Game Corner",
          replyTo: "help@gamecorner.example",
          withShopDelivery: "always",
        },
      },
    });
    await page.reload();
    expect(await page.getByLabel("Sender name of the key email").inputValue()).toBe("Game Corner");
    await checkPage("settings-defaults");
  });

  it("sets a supplier connection's priority, refusing one out of range inline", async () => {
    await page.getByRole("link", { name: "Suppliers" }).click();
    const field = page.getByLabel("Priority of kinguin (sandbox)", { exact: true });
    await field.fill("5000");
    await page.getByRole("button", { name: "Save priority of kinguin (sandbox)" }).click();
    await page.getByText("A whole number from -1000 to 1000").first().waitFor();
    const connection = () =>
      prisma().supplierConnection.findFirstOrThrow({ where: { supplier: "kinguin" } });
    expect((await connection()).priority).toBe(0);
    await checkPage("suppliers-priority-refused");

    await page.getByLabel("Priority of kinguin (sandbox)", { exact: true }).fill("-2");
    await page.getByRole("button", { name: "Save priority of kinguin (sandbox)" }).click();
    await page.getByText("Priority saved.").waitFor();
    expect((await connection()).priority).toBe(-2);
    const [entry] = await audited("supplier.priority_changed");
    expect(entry).toMatchObject({ actor: actor(), details: { before: 0, after: -2 } });
    await checkPage("suppliers-priority");

    expect(pageErrors).toEqual([]);
    expect(refused).toEqual([]);
  });
});

describe("team members on /dashboard", () => {
  it("adds a member, then removes them: their open page is signed out at once", async () => {
    const member = { email: "member@keys-demo.example", password: "the member's long password" };
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByRole("heading", { name: "Team members" }).waitFor();
    // Nobody can remove themself, nor the account's only member.
    expect(await page.getByRole("button", { name: /^Remove / }).count()).toBe(0);
    await page.getByLabel("Team member's email").fill(member.email);
    await page.getByLabel("Their first password").fill(member.password);
    await page.getByRole("button", { name: "Add team member" }).click();
    await page.getByText(`${member.email} can now sign in.`).waitFor();

    // The member signs in in a browser of their own.
    const memberPage = await (await browser.newContext()).newPage();
    const memberRefused = await keepOnLoopback(memberPage);
    await memberPage.goto(`${server.url}/dashboard/sign-in`);
    await memberPage.getByLabel("Email").fill(member.email);
    await memberPage.getByLabel("Password").fill(member.password);
    await memberPage.getByRole("button", { name: "Sign in" }).click();
    await memberPage.waitForURL(`${server.url}/dashboard`);
    await checkPage("settings-team");

    await page.getByRole("button", { name: `Remove ${member.email}` }).click();
    await page.getByText(`${member.email} was removed and signed out.`).waitFor();
    // The list follows once the page's data has been loaded again after the action.
    await page
      .getByRole("button", { name: `Remove ${member.email}` })
      .waitFor({ state: "detached" });
    expect(await page.getByRole("button", { name: /^Remove / }).count()).toBe(0);
    await checkPage("settings-team-removed");

    await memberPage.getByRole("link", { name: "Orders" }).click();
    await memberPage.waitForURL(/\/dashboard\/sign-in/);
    expect(await prisma().operator.count({ where: { email: member.email } })).toBe(0);
    const [removal] = await audited("operator.removed");
    expect(removal).toMatchObject({ actor: actor(), details: { email: member.email } });
    expect(memberRefused).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(refused).toEqual([]);
  });
});
