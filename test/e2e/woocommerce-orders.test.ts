import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readOutbox } from "@premiumcdkeys/core";
import type { FakeWooCommerce } from "../support/fake-woocommerce/fake-woocommerce.ts";
import type { FakeLine, FakeOrder } from "../support/fake-woocommerce/shop-state.ts";
import { postWoo } from "../support/shop-deliveries.ts";
import { startTestServer, waitFor, type TestServer } from "../support/test-server.ts";
import { connectedFakeShop, mapProduct, useServerAddress } from "../support/woo-shop.ts";

let server: TestServer;
let shop: FakeWooCommerce;
let shopId: string;
let nextSku = 0;

beforeAll(async () => {
  server = await startTestServer({
    WOO_WEBHOOK_CHECK_INTERVAL_MS: "1000",
    WOO_ORDER_SWEEP_INTERVAL_MS: "1000",
  });
  useServerAddress(server);
  ({ shop, shopId } = await connectedFakeShop(server));
});
afterAll(async () => {
  await shop?.close();
  await server?.close();
});

const prisma = () => server.platform.db.prisma;

/** A line of a product newly mapped by SKU, priced above the sandbox cost. */
async function mappedLine(quantity = 1): Promise<FakeLine> {
  const sku = `WOO-SKU-${++nextSku}`;
  await mapProduct(server, shopId, { sku });
  return { productId: 5000 + nextSku, sku, name: `Game ${sku}`, quantity, price: "40.00" };
}

async function ourOrder(shopOrderId: number) {
  return prisma().order.findUnique({
    where: { shopId_externalId: { shopId, externalId: String(shopOrderId) } },
    include: { purchases: { include: { key: true } }, deliveries: true },
  });
}

async function deliveredOrder(shopOrderId: number) {
  return waitFor(
    async () => {
      const order = await ourOrder(shopOrderId);
      return order?.status === "delivered" ? order : undefined;
    },
    30_000,
    `order ${shopOrderId} delivered`,
  );
}

/** The key codes bought for an order, opened from the vault. */
function keyCodes(order: NonNullable<Awaited<ReturnType<typeof ourOrder>>>): string[] {
  return order.purchases.map((purchase) =>
    server.platform.vault.openText(purchase.key!.seal, `key:${purchase.id}`),
  );
}

function customerNotes(shopOrderId: number) {
  return shop.orderNotes(shopOrderId).filter((note) => note.customer_note);
}

describe("a paid order placed on the shop", () => {
  it("ends with one customer note holding the keys and the order completed", async () => {
    const bySku = await mappedLine(2);
    await mapProduct(server, shopId, { productId: 6001 }, "SBX-ELDEN-RING-EU");
    await mapProduct(server, shopId, { variationId: 6103 }, "SBX-GAMEPASS-3M");
    // The variation's parent is mapped to something else: the variation must win.
    await mapProduct(server, shopId, { productId: 6100 }, "SBX-STARFIELD-EU");
    const order = shop.placeOrder([
      bySku,
      { productId: 6001, name: "Elden Ring", quantity: 1, price: "40.00" },
      { productId: 6100, variationId: 6103, name: "Game Pass 3M", quantity: 1, price: "40.00" },
    ]);
    await shop.settle();
    await waitFor(async () => (await ourOrder(order.id))?.status === "pending", 10_000, "pending");
    expect(
      await prisma().purchase.count({ where: { order: { externalId: String(order.id), shopId } } }),
    ).toBe(0);

    shop.payOrder(order.id);
    const delivered = await deliveredOrder(order.id);
    await waitFor(() => shop.orders.get(order.id)?.status === "completed", 10_000, "completed");

    expect(delivered.purchases).toHaveLength(4);
    const ledger = await server.platform.sandbox.ledger();
    const products = delivered.purchases.map(
      (purchase) => ledger.find((entry) => entry.reference === purchase.reference)?.productId,
    );
    expect(products.sort()).toEqual([
      "SBX-ELDEN-RING-EU",
      "SBX-GAMEPASS-3M",
      "SBX-STARFIELD-EU",
      "SBX-STARFIELD-EU",
    ]);

    const notes = customerNotes(order.id);
    expect(notes).toHaveLength(1);
    for (const code of keyCodes(delivered)) expect(notes[0].note).toContain(code);
    expect(shop.customerEmails.filter((mail) => mail.orderId === order.id)).toEqual([
      expect.objectContaining({ to: "ada.buyer@example.com" }),
    ]);
    expect(delivered.deliveries).toEqual([
      expect.objectContaining({ channel: "woocommerce", status: "sent" }),
    ]);
    // WooCommerce's note email replaces ours.
    expect(await readOutbox(prisma(), server.platform.vault, { orderId: delivered.id })).toEqual(
      [],
    );
  });

  it("buys once when a webhook is repeated, reordered and flips status", async () => {
    const order = shop.placeOrder([await mappedLine(3)]);
    await shop.settle();
    const pendingBody = shop.deliveries.at(-1)!.body;
    const hook = [...shop.webhooks.values()].find(
      (candidate) => candidate.topic === "order.updated",
    )!;

    shop.payOrder(order.id);
    await shop.settle();
    const paidBody = shop.deliveries
      .filter((delivery) => delivery.topic === "order.updated")
      .at(-1)!.body;
    const url = `${server.url}/api/webhook/woocommerce/${shopId}`;
    const resend = (body: string) => postWoo(url, hook.secret, body, { topic: "order.updated" });
    const answers = await Promise.all([resend(paidBody), resend(paidBody), resend(pendingBody)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    shop.setStatus(order.id, "on-hold");
    shop.setStatus(order.id, "processing");

    const delivered = await deliveredOrder(order.id);
    await shop.settle();
    await new Promise((resolve) => setTimeout(resolve, 1500)); // a sweep or two more
    expect(await prisma().purchase.count({ where: { orderId: delivered.id } })).toBe(3);
    const references = new Set(delivered.purchases.map((purchase) => purchase.reference));
    const ledger = await server.platform.sandbox.ledger();
    expect(ledger.filter((entry) => references.has(entry.reference))).toHaveLength(3);
    expect(customerNotes(order.id)).toHaveLength(1);
  });

  it("holds keys back, with a private note, when the shop cancelled the order", async () => {
    const order = shop.placeOrder([await mappedLine()]);
    shop.payOrder(order.id);
    await shop.settle();
    // Cancelled at the shop after payment, before our delivery: without sending a webhook.
    shop.orders.get(order.id)!.status = "cancelled";

    await waitFor(
      () => shop.orderNotes(order.id).some((note) => !note.customer_note),
      20_000,
      "private note",
    );
    const notes = shop.orderNotes(order.id);
    expect(notes.filter((note) => note.customer_note)).toHaveLength(0);
    expect(notes[0].note).toContain("could not deliver");
    expect(shop.orders.get(order.id)!.status).toBe("cancelled");
    const ours = await ourOrder(order.id);
    expect(ours?.status).not.toBe("delivered");
    for (const code of ours ? keyCodes(ours) : []) {
      expect(notes.some((note) => note.note.includes(code))).toBe(false);
    }
  });
});

describe("lost webhooks", () => {
  it("disabled by the shop come back, and the sweep buys the missed orders once", async () => {
    shop.deliveryOutage = true;
    const orders: FakeOrder[] = [];
    for (let i = 0; i < 7; i++) orders.push(shop.placeOrder([await mappedLine()]));
    for (const order of orders) shop.payOrder(order.id);
    await shop.settle();

    const hooks = [...shop.webhooks.values()];
    expect(hooks.map((hook) => hook.status)).toEqual(["disabled", "disabled"]);
    const failed = shop.deliveries.filter((delivery) => !delivery.ok && delivery.topic !== "ping");
    expect(failed.length).toBeGreaterThanOrEqual(14);
    shop.deliveryOutage = false;

    await waitFor(
      () => [...shop.webhooks.values()].every((hook) => hook.status === "active"),
      15_000,
      "webhooks re-enabled",
    );
    for (const order of orders) {
      const delivered = await deliveredOrder(order.id);
      expect(delivered.purchases).toHaveLength(1);
    }
    // No delivery got through the outage: the sweep is what brought these orders in.
    const swept = await prisma().inboundWebhook.findMany({
      where: { shopId, dedupeKey: { startsWith: "sweep:" } },
      select: { body: true },
    });
    for (const order of orders) {
      expect(swept.some((inbound) => JSON.parse(inbound.body).id === order.id)).toBe(true);
    }
    await waitFor(
      () => orders.every((order) => shop.orders.get(order.id)?.status === "completed"),
      15_000,
      "orders completed",
    );
    await new Promise((resolve) => setTimeout(resolve, 1500)); // more sweeps find nothing new
    for (const order of orders) {
      expect(customerNotes(order.id)).toHaveLength(1);
      expect(
        await prisma().purchase.count({
          where: { order: { shopId, externalId: String(order.id) } },
        }),
      ).toBe(1);
    }
  });

  it("never buys an order the shop had before it was connected", async () => {
    const { FakeWooCommerce } = await import("../support/fake-woocommerce/fake-woocommerce.ts");
    const earlier = await FakeWooCommerce.start();
    try {
      const old = earlier.placeOrder([
        { productId: 1, sku: "OLD", name: "Old", quantity: 1, price: "40.00" },
      ]);
      earlier.payOrder(old.id);
      earlier.orders.get(old.id)!.createdAt = new Date(Date.now() - 3600_000);
      const key = earlier.createKey();
      const connected = await server.platform.shopConnections!.connectWooCommerce({
        accountId: server.demo.account_id,
        url: earlier.url,
        consumerKey: key.consumerKey,
        consumerSecret: key.consumerSecret,
      });
      expect(connected.ok).toBe(true);
      const swept = () => earlier.requests.filter((request) => request.path.endsWith("/orders"));
      await waitFor(() => swept().length >= 2, 15_000, "two sweeps");

      const newId = connected.ok ? connected.shopId : "";
      expect(await prisma().order.count({ where: { shopId: newId } })).toBe(0);
      await server.platform.shopConnections!.disconnect(newId);
    } finally {
      await earlier.close();
    }
  });

  it("re-creates a webhook deleted at the shop", async () => {
    const deleted = [...shop.webhooks.values()].find((hook) => hook.topic === "order.created")!;
    shop.webhooks.delete(deleted.id);

    // The periodic check may get there first; the two never run at once.
    const check = await waitFor(async () => {
      const outcome = await server.platform.shopConnections!.check(shopId);
      return outcome.ok ? outcome : undefined;
    });
    expect(check.repairs.length).toBeLessThanOrEqual(1);
    const topics = [...shop.webhooks.values()].map((hook) => hook.topic).sort();
    expect(topics).toEqual(["order.created", "order.updated"]);
    const recreated = [...shop.webhooks.values()].find((hook) => hook.topic === "order.created");
    expect(recreated?.id).not.toBe(deleted.id);
    expect(recreated?.secret).toBe(deleted.secret);
  });
});

describe("hostile orders from the shop", () => {
  it("skips a swept order that is not a usable order, and buys nothing for it", async () => {
    shop.deliveryOutage = true;
    const line = await mappedLine();
    const order = shop.placeOrder([{ ...line, quantity: 0 }]);
    shop.payOrder(order.id);
    await shop.settle();
    shop.deliveryOutage = false;

    const fs = await import("node:fs");
    await waitFor(
      () => fs.readFileSync(server.logFile, "utf8").includes(`"shopOrderId":"${order.id}"`),
      15_000,
      "refusal logged",
    );
    const log = fs.readFileSync(server.logFile, "utf8");
    expect(log).toMatch(new RegExp(`"shopOrderId":"${order.id}".*"swept order refused"`));
    expect(await ourOrder(order.id)).toBeNull();
  });
});

describe("concurrent webhook checks", () => {
  it("re-create a deleted webhook once", async () => {
    const deleted = [...shop.webhooks.values()].find((hook) => hook.topic === "order.updated")!;
    shop.webhooks.delete(deleted.id);

    const connections = server.platform.shopConnections!;
    const outcomes = await Promise.all([connections.check(shopId), connections.check(shopId)]);
    await waitFor(() => shop.webhooks.size === 2, 10_000, "webhook re-created");
    await new Promise((resolve) => setTimeout(resolve, 1500)); // a periodic check too

    expect(outcomes.filter((outcome) => outcome.ok).length).toBeLessThanOrEqual(1);
    const topics = [...shop.webhooks.values()].map((hook) => hook.topic).sort();
    expect(topics).toEqual(["order.created", "order.updated"]);
  });
});

describe("secrets", () => {
  it("never writes the consumer key, consumer secret or webhook secret to the logs", async () => {
    const fs = await import("node:fs");
    const log = fs.readFileSync(server.logFile, "utf8");
    const hook = [...shop.webhooks.values()][0];
    expect(log).not.toContain(hook.secret);
    for (const key of shop.keys.values()) {
      expect(log).not.toContain(key.consumerSecret);
      expect(log).not.toContain(key.consumerKey);
    }
  });
});
