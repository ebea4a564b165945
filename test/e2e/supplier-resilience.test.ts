// What goes wrong with real supplier APIs, end to end: an access token that expires in the
// middle of a purchase, a 429, and a timeout after the supplier had already charged.
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
  // Circuit breaking is not under test here: a single failure must not reorder suppliers.
  world = await startSupplierWorld({
    env: { SUPPLIER_TIMEOUT_MS: "600", SUPPLIER_CIRCUIT_FAILURES: "100" },
  });
  ({ server, cw, kinguin, settled } = world);
});
afterAll(() => world?.close());

async function order(id: number, sku: string) {
  const shop = server.demo.shops.woocommerce;
  const response = await postWoo(
    shop.webhook_url,
    shop.webhook_secret,
    wooOrderIn(id, sku, "EUR", "30.00"),
  );
  expect(response.status).toBe(200);
  return settled(id);
}

/** CodesWholesale is the cheaper offer; Kinguin stands by and must never be used by mistake. */
async function product(sku: string, tag: string) {
  cw.addProduct({
    productId: `cw-${tag}`,
    name: tag,
    quantity: 10,
    prices: [[1, 1000]],
    kind: "text",
  });
  kinguin.addProduct({
    productId: `kg-${tag}`,
    name: tag,
    qty: 10,
    priceMinor: 2000,
    kind: "text",
  });
  await mapProduct(server, sku, [
    { supplier: "codeswholesale", supplierProductId: `cw-${tag}` },
    { supplier: "kinguin", supplierProductId: `kg-${tag}` },
  ]);
}

const cwOrdersFor = (reference: string) =>
  [...cw.orders.values()].filter((entry) => entry.clientOrderId === reference);

function storedKey(reference: string) {
  return server.platform.db.prisma.key.findFirstOrThrow({ where: { purchase: { reference } } });
}

describe("CodesWholesale under trouble", () => {
  it("fetches a new token when the API calls ours invalid in the middle of a purchase", async () => {
    await product("T-TOKEN", "token");
    // The adapter the worker uses holds a token already.
    const suppliers = await server.platform.supplierRegistry.forAccount(server.demo.account_id, {
      sandbox: true,
    });
    await suppliers.codeswholesale.getBalance();
    const tokensBefore = cw.state.tokensIssued;
    // The price check succeeds with the cached token; the order call meets invalid_token.
    cw.inject("invalid_token");
    const done = await order(6001, "T-TOKEN");

    expect(done.status).toBe("delivered");
    expect(done.purchases[0]).toMatchObject({ supplier: "codeswholesale", attempts: 1 });
    expect(cw.state.tokensIssued).toBe(tokensBefore + 1);
    expect(cwOrdersFor(done.purchases[0].reference)).toHaveLength(1);
  });

  it("refreshes a token that expired between orders", async () => {
    await product("T-EXPIRED", "expired");
    cw.expireTokens();
    const done = await order(6002, "T-EXPIRED");
    expect(done.status).toBe("delivered");
    expect(done.purchases[0].supplier).toBe("codeswholesale");
  });

  it("moves on after a 429 without buying twice", async () => {
    await product("T-429", "ratelimit");
    cw.inject("rate_limit");
    const done = await order(6003, "T-429");

    expect(done.status).toBe("delivered");
    const reference = done.purchases[0].reference;
    // The 429 meant "not processed": Kinguin took over at once, and CodesWholesale holds nothing.
    expect(done.purchases[0].supplier).toBe("kinguin");
    expect(cwOrdersFor(reference)).toHaveLength(0);
    expect(
      cw.requests.filter((request) => request.method === "POST" && request.path === "/v2/orders")
        .length,
    ).toBeGreaterThan(0);
  });

  it("after a timeout once charged, finds the order by our reference: one purchase, key kept", async () => {
    await product("T-TIMEOUT", "timeout");
    const kinguinOrders = kinguin.orderCount();
    // CodesWholesale records the order, then answers after our 600 ms timeout.
    cw.inject({ answerAfterMs: 1500 });
    const done = await order(6004, "T-TIMEOUT");

    expect(done.status).toBe("delivered");
    const purchase = done.purchases[0];
    expect(purchase.attempts).toBeGreaterThan(1);
    expect(purchase.supplier).toBe("codeswholesale");
    const charged = cwOrdersFor(purchase.reference);
    expect(charged).toHaveLength(1);
    expect(purchase.supplierOrderId).toBe(charged[0].orderId);
    // Never bought elsewhere while the first supplier may have charged.
    expect(kinguin.orderCount()).toBe(kinguinOrders);

    const key = await storedKey(purchase.reference);
    const code = server.platform.vault.openText(key.seal, `key:${purchase.id}`);
    expect(code).toBe(charged[0].products[0].codes[0].code);
  });
});

describe("failures after the supplier took the order", () => {
  it("keeps a CodesWholesale order whose image code could not be fetched, never buying elsewhere", async () => {
    cw.addProduct({
      productId: "cw-img-flaky",
      name: "flaky",
      quantity: 5,
      prices: [[1, 1000]],
      kind: "image",
    });
    kinguin.addProduct({
      productId: "kg-img-flaky",
      name: "flaky",
      qty: 5,
      priceMinor: 2000,
      kind: "text",
    });
    await mapProduct(server, "T-IMG-FLAKY", [
      { supplier: "codeswholesale", supplierProductId: "cw-img-flaky" },
      { supplier: "kinguin", supplierProductId: "kg-img-flaky" },
    ]);
    const kinguinOrders = kinguin.orderCount();
    cw.state.failCodeFetches = 1;
    const done = await order(6201, "T-IMG-FLAKY");

    expect(done.status).toBe("delivered");
    expect(done.purchases[0]).toMatchObject({ supplier: "codeswholesale" });
    expect(done.purchases[0].key?.kind).toBe("image");
    expect(cwOrdersFor(done.purchases[0].reference)).toHaveLength(1);
    expect(kinguin.orderCount()).toBe(kinguinOrders);
  });

  it("looks a Kinguin order up after a 500, and buys nowhere else meanwhile", async () => {
    kinguin.addProduct({
      productId: "kg-500",
      name: "five hundred",
      qty: 5,
      priceMinor: 800,
      kind: "text",
    });
    cw.addProduct({
      productId: "cw-500",
      name: "five hundred",
      quantity: 5,
      prices: [[1, 1500]],
      kind: "text",
    });
    await mapProduct(server, "T-KG-500", [
      { supplier: "kinguin", supplierProductId: "kg-500" },
      { supplier: "codeswholesale", supplierProductId: "cw-500" },
    ]);
    const cwBefore = cw.orderCount();
    kinguin.inject("error_after_order");
    const done = await order(6202, "T-KG-500");

    expect(done.status).toBe("delivered");
    const reference = done.purchases[0].reference;
    expect(done.purchases[0].supplier).toBe("kinguin");
    expect(
      [...kinguin.orders.values()].filter((o) => o.orderExternalId === reference),
    ).toHaveLength(1);
    expect(cw.orderCount()).toBe(cwBefore);
  });
});

describe("Kinguin under trouble", () => {
  it("after a timeout once charged, finds the order by orderExternalId", async () => {
    kinguin.addProduct({
      productId: "kg-slow",
      name: "slow",
      qty: 5,
      priceMinor: 900,
      kind: "text",
    });
    await mapProduct(server, "T-KG-SLOW", [{ supplier: "kinguin", supplierProductId: "kg-slow" }]);
    kinguin.inject({ answerAfterMs: 1500 });
    const done = await order(6101, "T-KG-SLOW");

    expect(done.status).toBe("delivered");
    const reference = done.purchases[0].reference;
    expect(
      [...kinguin.orders.values()].filter((o) => o.orderExternalId === reference),
    ).toHaveLength(1);
    expect(done.purchases[0].attempts).toBeGreaterThan(1);
  });
});
