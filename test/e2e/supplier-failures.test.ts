import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxCode } from "@premiumcdkeys/suppliers";
import { mapSandboxProduct, wooOrderFor } from "../support/catalogue.ts";
import { postWoo } from "../support/shop-deliveries.ts";
import { startTestServer, waitFor, type TestServer } from "../support/test-server.ts";
import { startWebhookReceiver } from "../support/webhook-receiver.ts";

let server: TestServer;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  server = await startTestServer({ SUPPLIER_TIMEOUT_MS: "300" });
  receiver = await startWebhookReceiver();
  const created = await server.platform.webhookEndpoints.create(
    { accountId: server.demo.account_id, sandbox: true },
    {
      url: receiver.url,
      events: ["order.failed", "order.delivered"],
    },
  );
  expect(created.ok).toBe(true);
});
afterAll(async () => {
  await server?.close();
  await receiver?.close();
});

const prisma = () => server.platform.db.prisma;

async function placeOrder(id: number, sku: string, unitPrice = "20.00") {
  const shop = server.demo.shops.woocommerce;
  const response = await postWoo(
    shop.webhook_url,
    shop.webhook_secret,
    wooOrderFor(id, sku, 1, unitPrice),
  );
  expect(response.status).toBe(200);
  return waitFor(
    async () => {
      const order = await prisma().order.findFirst({
        where: { externalId: String(id) },
        include: { purchases: true },
      });
      return order && ["failed", "delivered"].includes(order.status) ? order : undefined;
    },
    30_000,
    `order ${id} settled`,
  );
}

describe("when the supplier cannot sell", () => {
  it.each([
    ["out of stock", 8001, "SBX-SOLD-OUT", "out_of_stock"],
    ["failing", 8002, "SBX-FAILING", "unavailable"],
    ["timing out", 8003, "SBX-TIMEOUT", "timeout"],
  ])(
    "retries, then fails the order with order.failed when the supplier is %s",
    async (_name, id, offer, reason) => {
      await mapSandboxProduct(server, `SKU-${offer}`, offer);
      const order = await placeOrder(id, `SKU-${offer}`);

      expect(order.status).toBe("failed");
      expect(order.purchases[0].attempts).toBeGreaterThan(1);
      expect(order.purchases[0].status).not.toBe("confirmed");
      const failed = await waitFor(() =>
        receiver.events("order.failed").find((event) => event.json.data.order_id === order.id),
      );
      expect(failed.json.data.error).toMatchObject({
        code: "SUPPLIER_FAILED",
        message: expect.stringContaining(reason),
      });
      const units = (failed.json.data.error as { details: { units: { last_error: string }[] } })
        .details.units;
      expect(units).toHaveLength(1);
      expect(units[0].last_error).toContain(reason);
      expect(order.failureMessage).toContain(reason);
    },
  );

  it("never pays more than the maximum cost: the order fails with a clear reason", async () => {
    await mapSandboxProduct(server, "SKU-PRICEY", "SBX-ELDEN-RING-EU", 1000);
    const order = await placeOrder(8100, "SKU-PRICEY");
    expect(order.status).toBe("failed");
    expect(order.failureCode).toBe("COST_ABOVE_MAXIMUM");
    const ledger = await server.platform.sandbox.ledger();
    expect(ledger.some((entry) => entry.reference === order.purchases[0].reference)).toBe(false);
  });

  it("buys no unit of an order when one line's price is above its maximum", async () => {
    await mapSandboxProduct(server, "SKU-FINE", "SBX-STARFIELD-EU");
    const order = JSON.parse(wooOrderFor(8102, "SKU-PRICEY")) as { line_items: object[] };
    order.line_items.unshift({
      ...order.line_items[0],
      id: 81019,
      sku: "SKU-FINE",
      quantity: 2,
      total: "80.00",
    });
    const shop = server.demo.shops.woocommerce;
    await postWoo(shop.webhook_url, shop.webhook_secret, JSON.stringify(order));

    const failed = await waitFor(() =>
      prisma().order.findFirst({
        where: { externalId: "8102", status: "failed" },
        include: { purchases: true },
      }),
    );
    expect(failed.failureCode).toBe("COST_ABOVE_MAXIMUM");
    expect(failed.failureDetails).toMatchObject({
      supplier_product_id: "SBX-ELDEN-RING-EU",
      max_cost_minor: 1000,
    });
    expect(failed.purchases.filter((purchase) => purchase.status === "confirmed")).toHaveLength(0);
  });

  it("defaults the maximum cost to the sale price", async () => {
    await mapSandboxProduct(server, "SKU-CHEAP-SALE", "SBX-ELDEN-RING-EU");
    const order = await placeOrder(8101, "SKU-CHEAP-SALE", "9.99");
    expect(order.failureCode).toBe("COST_ABOVE_MAXIMUM");
  });
});

describe("the unit limit", () => {
  it("fails a paid order above MAX_UNITS_PER_ORDER without buying anything", async () => {
    await mapSandboxProduct(server, "SKU-BULK", "SBX-GAMEPASS-3M");
    const order = await placeOrder(8300, "SKU-BULK");
    expect(order.status).toBe("delivered");

    const shop = server.demo.shops.woocommerce;
    await postWoo(shop.webhook_url, shop.webhook_secret, wooOrderFor(8301, "SKU-BULK", 51));
    const refused = await waitFor(() =>
      prisma().order.findFirst({
        where: { externalId: "8301", status: "failed" },
        include: { purchases: true },
      }),
    );
    expect(refused.failureCode).toBe("QUANTITY_ABOVE_LIMIT");
    expect(refused.purchases).toHaveLength(0);
    const failed = await waitFor(() =>
      receiver.events("order.failed").find((event) => event.json.data.order_id === refused.id),
    );
    expect(failed.json.data.error).toMatchObject({
      code: "QUANTITY_ABOVE_LIMIT",
      details: { units: 51 },
    });
  });
});

describe("when the supplier charged but its answer was lost", () => {
  it("recovers the key after a restart without buying again", async () => {
    // Retries an hour away: the first attempt's lost answer is all this server sees.
    const dataDir = server.dataDir;
    await server.close();
    server = await startTestServer({ JOB_RETRY_BASE_MS: "3600000" }, dataDir);
    await mapSandboxProduct(server, "SKU-LOST", "SBX-LOST-ANSWER");
    const shop = server.demo.shops.woocommerce;
    await postWoo(shop.webhook_url, shop.webhook_secret, wooOrderFor(8200, "SKU-LOST"));

    // The first attempt charges and loses the answer; stop the server right there.
    const purchase = await waitFor(() =>
      prisma().purchase.findFirst({
        where: { order: { externalId: "8200" }, attempts: { gte: 1 }, lastError: { not: null } },
      }),
    );
    expect(await server.platform.sandbox.ledger()).toContainEqual(
      expect.objectContaining({ reference: purchase.reference }),
    );
    await server.close();

    // After the restart the hour has passed: the retry is due now.
    server = await startTestServer({ SUPPLIER_TIMEOUT_MS: "300" }, dataDir);
    await prisma().$executeRaw`UPDATE jobs SET run_at = now() WHERE status = 'queued'`;
    const order = await waitFor(async () => {
      const found = await prisma().order.findFirst({
        where: { externalId: "8200" },
        include: { purchases: { include: { key: true } } },
      });
      return found?.status === "delivered" ? found : undefined;
    });

    const ledger = await server.platform.sandbox.ledger();
    expect(ledger.filter((entry) => entry.reference === purchase.reference)).toHaveLength(1);
    const key = order.purchases[0].key!;
    expect(server.platform.vault.openText(key.seal, `key:${order.purchases[0].id}`)).toBe(
      sandboxCode(purchase.reference),
    );
  });
});
