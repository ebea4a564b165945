// The account's delivery options, end to end: a real order, the real worker, and the key email
// read off a real SMTP server on loopback. The WooCommerce shop is the fake shop over HTTPS.
import { setDeliveryOptions } from "@premiumcdkeys/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeWooCommerce } from "../support/fake-woocommerce/fake-woocommerce.ts";
import { shopifyOrder } from "../support/dashboard-orders.ts";
import { startSmtpServer } from "../support/smtp-server.ts";
import { startTestServer, waitFor, type TestServer } from "../support/test-server.ts";
import { connectedFakeShop, mapProduct, useServerAddress } from "../support/woo-shop.ts";

let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let shop: FakeWooCommerce;
let shopId: string;

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startTestServer({ SMTP_URL: smtp.url });
  useServerAddress(server);
  ({ shop, shopId } = await connectedFakeShop(server));
});
afterAll(async () => {
  await shop?.close();
  await server?.close();
  await smtp?.close();
});

const prisma = () => server.platform.db.prisma;
const by = () => ({ accountId: server.demo.account_id, actor: "operator:test@example.com" });
const mailFor = (orderRef: string) =>
  waitFor(() => smtp.received.find((raw) => raw.includes(`order #${orderRef}`)), 30_000, orderRef);

/** A paid order on the WooCommerce shop, waited for until delivered. */
async function wooOrder(sku: string) {
  await mapProduct(server, shopId, { sku });
  const placed = shop.placeOrder([
    { productId: 7000, sku, name: sku, quantity: 1, price: "40.00" },
  ]);
  shop.payOrder(placed.id);
  await shop.settle();
  return waitFor(
    async () => {
      const order = await prisma().order.findUnique({
        where: { shopId_externalId: { shopId, externalId: String(placed.id) } },
        include: { deliveries: true },
      });
      return order?.status === "delivered" ? order : undefined;
    },
    30_000,
    `WooCommerce order ${placed.id} delivered`,
  );
}

describe("the key email follows the account's delivery options", () => {
  it("comes from the installation's address under the account's sender name, with its reply-to", async () => {
    const changed = await setDeliveryOptions(prisma(), by(), {
      senderName: "Game Corner Support",
      replyTo: "help@gamecorner.example",
      withShopDelivery: "platform",
    });
    expect(changed).toEqual({ ok: true });

    await shopifyOrder(server, 3101);
    const mail = await mailFor("3101");
    expect(mail).toMatch(/^From: Game Corner Support <keys@premiumcdkeys\.localhost>\r?$/m);
    expect(mail).toMatch(/^Reply-To: help@gamecorner\.example\r?$/m);
  });

  it("goes back to the installation's sender and no reply-to when the options are emptied", async () => {
    await setDeliveryOptions(prisma(), by(), {
      senderName: "",
      replyTo: "",
      withShopDelivery: "platform",
    });
    await shopifyOrder(server, 3102);
    const mail = await mailFor("3102");
    expect(mail).toMatch(/^From: PremiumCDKeys <keys@premiumcdkeys\.localhost>\r?$/m);
    expect(mail).not.toMatch(/^Reply-To:/m);
  });

  it("is left to the WooCommerce shop by default, and sent as well when the account says always", async () => {
    const quiet = await wooOrder("OPT-WOO-1");
    expect(quiet.deliveries.map((delivery) => delivery.channel)).toEqual(["woocommerce"]);
    expect(shop.customerEmails.map((mail) => mail.orderId)).toContain(Number(quiet.externalId));
    expect(smtp.received.some((raw) => raw.includes(`#${quiet.storeOrderRef}`))).toBe(false);

    await setDeliveryOptions(prisma(), by(), {
      senderName: "",
      replyTo: "",
      withShopDelivery: "always",
    });
    const both = await wooOrder("OPT-WOO-2");
    expect(both.deliveries.map((delivery) => delivery.channel).sort()).toEqual([
      "email",
      "woocommerce",
    ]);
    await mailFor(both.storeOrderRef.replace(/^#/, ""));
  });

  it("refuses a reply-to that is no email address and changes nothing", async () => {
    const before = await prisma().account.findUniqueOrThrow({
      where: { id: server.demo.account_id },
    });
    const audits = await prisma().auditEntry.count();
    const refused = await setDeliveryOptions(prisma(), by(), {
      senderName: "Someone else",
      replyTo: "not an address",
      withShopDelivery: "never",
    });
    expect(refused).toEqual({
      ok: false,
      field: "replyTo",
      message: "Enter a valid email address",
    });
    expect(await prisma().account.findUniqueOrThrow({ where: { id: before.id } })).toEqual(before);
    expect(await prisma().auditEntry.count()).toBe(audits);
  });
});
