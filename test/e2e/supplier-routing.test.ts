// Routing across real supplier adapters, end to end from a signed WooCommerce webhook: the
// CodesWholesale and Kinguin adapters talk HTTP to the local simulators.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postWoo } from "../support/shop-deliveries.ts";
import {
  mapProduct,
  settledStates,
  startSupplierWorld,
  wooOrderIn,
  type SupplierWorld,
} from "../support/suppliers.ts";
import type { TestServer } from "../support/test-server.ts";
import type { CodesWholesaleSimulator } from "../simulators/codeswholesale-simulator.ts";
import type { KinguinSimulator } from "../simulators/kinguin-simulator.ts";

let server: TestServer;
let cw: CodesWholesaleSimulator;
let kinguin: KinguinSimulator;
let settled: ReturnType<typeof settledStates>;
let world: SupplierWorld;

beforeAll(async () => {
  world = await startSupplierWorld({
    env: { SUPPLIER_CIRCUIT_FAILURES: "2", SUPPLIER_CIRCUIT_COOLDOWN_MS: "60000" },
  });
  ({ server, cw, kinguin, settled } = world);
});
afterAll(() => world?.close());

async function order(id: number, sku: string, unitPrice = "20.00", quantity = 1) {
  const shop = server.demo.shops.woocommerce;
  const body = wooOrderIn(id, sku, "EUR", unitPrice, quantity);
  const response = await postWoo(shop.webhook_url, shop.webhook_secret, body);
  expect(response.status).toBe(200);
  return settled(id);
}

const orderPosts = (sim: { requests: { method: string; path: string }[] }) =>
  sim.requests.filter((request) => request.method === "POST" && /\/orders?$/.test(request.path))
    .length;

/** Three offers of one game: CodesWholesale 9.80, Kinguin 7.49, the built-in sandbox 31.50. */
async function game(sku: string, tag: string, options: { cwQty?: number; kgQty?: number } = {}) {
  cw.addProduct({
    productId: `cw-${tag}`,
    name: `Game ${tag}`,
    quantity: options.cwQty ?? 20,
    prices: [[1, 980]],
    kind: "text",
  });
  kinguin.addProduct({
    productId: `kg-${tag}`,
    name: `Game ${tag}`,
    qty: options.kgQty ?? 20,
    priceMinor: 749,
    kind: "text",
  });
  return mapProduct(server, sku, [
    { supplier: "codeswholesale", supplierProductId: `cw-${tag}` },
    { supplier: "kinguin", supplierProductId: `kg-${tag}` },
    { supplier: "sandbox", supplierProductId: "SBX-STARFIELD-EU" },
  ]);
}

describe("routing", () => {
  it("under priority routing, tries the connection with the lower priority first", async () => {
    await game("R-PRIO", "prio");
    const prisma = server.platform.db.prisma;
    await prisma.product.updateMany({
      where: { sku: "R-PRIO" },
      data: { routingStrategy: "priority" },
    });
    const setPriority = (supplier: string, priority: number) =>
      prisma.supplierConnection.updateMany({ where: { supplier }, data: { priority } });
    // The built-in sandbox supplier counts as 0: both connections go before it here.
    await setPriority("codeswholesale", -2);
    await setPriority("kinguin", -1);
    try {
      const first = await order(7101, "R-PRIO", "40.00");
      expect(first.purchases[0]).toMatchObject({ supplier: "codeswholesale", costMinor: 980 });

      await setPriority("kinguin", -3);
      const second = await order(7102, "R-PRIO", "40.00");
      expect(second.purchases[0]).toMatchObject({ supplier: "kinguin", costMinor: 749 });
    } finally {
      await setPriority("codeswholesale", 0);
      await setPriority("kinguin", 0);
    }
  });

  it("buys from the cheapest supplier that has stock", async () => {
    await game("R-CHEAP", "cheap");
    const cwBefore = orderPosts(cw);
    const done = await order(7001, "R-CHEAP", "40.00");
    expect(done.status).toBe("delivered");
    expect(done.purchases[0]).toMatchObject({
      supplier: "kinguin",
      costMinor: 749,
      currency: "EUR",
    });
    expect(done.purchases[0].key).not.toBeNull();
    expect(orderPosts(cw)).toBe(cwBefore);
    expect(
      [...kinguin.orders.values()].filter((o) => o.orderExternalId === done.purchases[0].reference),
    ).toHaveLength(1);
  });

  it("passes over a supplier without stock", async () => {
    await game("R-NOSTOCK", "nostock", { kgQty: 0 });
    const done = await order(7002, "R-NOSTOCK", "40.00");
    expect(done.status).toBe("delivered");
    expect(done.purchases[0]).toMatchObject({ supplier: "codeswholesale", costMinor: 980 });
  });

  it("hands over to the next supplier when the first refuses or fails", async () => {
    await game("R-FAILOVER", "failover");
    kinguin.inject("order_failed");
    const done = await order(7003, "R-FAILOVER", "40.00");
    expect(done.status).toBe("delivered");
    expect(done.purchases[0]).toMatchObject({ supplier: "codeswholesale", attempts: 1 });
    expect(done.purchases[0].suppliersTried).toEqual(["kinguin", "codeswholesale"]);
  });

  it("moves on when a supplier showing stock says it has too little", async () => {
    // Kinguin is out; CodesWholesale lists stock but refuses with 310003 (a known pitfall).
    await game("R-STALE", "stale", { kgQty: 0 });
    cw.inject("too_low_stock");
    const done = await order(7004, "R-STALE", "40.00");
    expect(done.status).toBe("delivered");
    expect(done.purchases[0].supplier).toBe("sandbox");
  });

  it("buys nothing when every price is above the maximum, and says why", async () => {
    await game("R-PRICEY", "pricey");
    const before = [orderPosts(cw), orderPosts(kinguin)];
    const done = await order(7005, "R-PRICEY", "5.00");
    expect(done.status).toBe("failed");
    expect(done.failureCode).toBe("COST_ABOVE_MAXIMUM");
    const reasons = (done.failureDetails as { reasons: { supplier: string; code: string }[] })
      .reasons;
    expect(reasons.map((reason) => reason.supplier).sort()).toEqual([
      "codeswholesale",
      "kinguin",
      "sandbox",
    ]);
    expect(reasons.every((reason) => reason.code === "price_above_maximum")).toBe(true);
    expect([orderPosts(cw), orderPosts(kinguin)]).toEqual(before);
    expect(done.purchases.every((purchase) => purchase.status !== "confirmed")).toBe(true);
  });

  it("fails the order with every supplier's reason when none can sell", async () => {
    cw.addProduct({
      productId: "cw-none",
      name: "Gone",
      quantity: 0,
      prices: [[1, 500]],
      kind: "text",
    });
    kinguin.addProduct({
      productId: "kg-none",
      name: "Gone",
      qty: 0,
      priceMinor: 500,
      kind: "text",
    });
    await mapProduct(server, "R-NONE", [
      { supplier: "codeswholesale", supplierProductId: "cw-none" },
      { supplier: "kinguin", supplierProductId: "kg-none" },
      { supplier: "sandbox", supplierProductId: "SBX-SOLD-OUT" },
    ]);
    const done = await order(7006, "R-NONE", "40.00");
    expect(done.status).toBe("failed");
    expect(done.failureCode).toBe("SUPPLIER_FAILED");
    const lastError = done.purchases[0].lastError ?? "";
    for (const supplier of ["codeswholesale", "kinguin", "sandbox"]) {
      expect(lastError).toContain(`${supplier}: out_of_stock`);
    }
  });

  it("buys each unit of a line once, across suppliers, when the cheapest runs short", async () => {
    await game("R-SPLIT", "split", { kgQty: 1 });
    const done = await order(7010, "R-SPLIT", "40.00", 3);
    expect(done.status).toBe("delivered");
    const bySupplier = done.purchases.map((purchase) => purchase.supplier).sort();
    expect(bySupplier).toEqual(["codeswholesale", "codeswholesale", "kinguin"]);
    const references = done.purchases.map((purchase) => purchase.reference);
    const cwRefs = [...cw.orders.values()].map((o) => o.clientOrderId);
    const kgRefs = [...kinguin.orders.values()].map((o) => o.orderExternalId);
    for (const reference of references) {
      expect(
        cwRefs.filter((ref) => ref === reference).length +
          kgRefs.filter((ref) => ref === reference).length,
      ).toBe(1);
    }
  });

  // Last: it leaves Kinguin's circuit open for the rest of the file.
  it("skips a supplier that keeps failing while another can sell", async () => {
    await game("R-BREAKER", "breaker");
    kinguin.inject("order_failed", "order_failed");
    await order(7007, "R-BREAKER", "40.00");
    await order(7008, "R-BREAKER", "40.00");
    const kgBefore = orderPosts(kinguin);
    const third = await order(7009, "R-BREAKER", "40.00");
    expect(third.status).toBe("delivered");
    // Kinguin is the cheapest, but its circuit is open: CodesWholesale sells without asking it.
    expect(third.purchases[0].supplier).toBe("codeswholesale");
    expect(orderPosts(kinguin)).toBe(kgBefore);
  });
});
