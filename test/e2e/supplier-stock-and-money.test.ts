// Periodic stock, cost and balance refresh against the simulators, stock.low once per crossing,
// amounts in currencies with 0 and 3 decimals, and own stock sold first in live mode.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importOwnStock } from "@premiumcdkeys/core";
import { postWoo } from "../support/shop-deliveries.ts";
import {
  connectCodesWholesale,
  mapProduct,
  settledStates,
  startSupplierWorld,
  wooOrderIn,
  type SupplierWorld,
} from "../support/suppliers.ts";
import { waitFor, type TestServer } from "../support/test-server.ts";
import { startWebhookReceiver } from "../support/webhook-receiver.ts";
import {
  startCodesWholesaleSimulator,
  type CodesWholesaleSimulator,
} from "../simulators/codeswholesale-simulator.ts";
import type { KinguinSimulator } from "../simulators/kinguin-simulator.ts";
import fs from "node:fs";

let server: TestServer;
let cw: CodesWholesaleSimulator;
let kinguin: KinguinSimulator;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let settled: ReturnType<typeof settledStates>;
let world: SupplierWorld;

beforeAll(async () => {
  // CodesWholesale bills this account in yen, Kinguin in Kuwaiti dinars.
  receiver = await startWebhookReceiver();
  world = await startSupplierWorld({
    env: { SUPPLIER_REFRESH_MS: "150" },
    codeswholesale: { currency: "JPY", balanceMinor: 50_000 },
    kinguin: { currency: "KWD" },
    connect: { codeswholesale: { lowBalanceMinor: 40_000 } },
  });
  ({ server, cw, kinguin, settled } = world);
  await server.platform.webhookEndpoints.create(
    { accountId: server.demo.account_id, sandbox: true },
    {
      url: receiver.url,
      events: ["stock.low", "order.fulfilled"],
    },
  );
});
afterAll(async () => {
  await world?.close();
  await receiver?.close();
});

const prisma = () => server.platform.db.prisma;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function order(id: number, sku: string, currency: string, price: string) {
  const shop = server.demo.shops.woocommerce;
  const response = await postWoo(
    shop.webhook_url,
    shop.webhook_secret,
    wooOrderIn(id, sku, currency, price),
  );
  expect(response.status).toBe(200);
  return settled(id);
}

describe("stock and cost refresh", () => {
  it("announces stock.low once per crossing and records cost changes", async () => {
    cw.addProduct({
      productId: "cw-watch",
      name: "Watched",
      quantity: 10,
      prices: [[1, 1200]],
      kind: "text",
    });
    const product = await mapProduct(
      server,
      "S-WATCH",
      [{ supplier: "codeswholesale", supplierProductId: "cw-watch" }],
      { lowStockThreshold: 5 },
    );
    const lows = () =>
      receiver
        .events("stock.low")
        .filter(
          (event) => (event.json.data as { product: { id: string } }).product.id === product.id,
        );
    const offer = () =>
      prisma().supplierOffer.findFirstOrThrow({ where: { productId: product.id } });

    await waitFor(async () => (await offer()).lastStock === 10);
    expect((await offer()).lastCostMinor).toBe(1200);

    cw.product("cw-watch")!.quantity = 3;
    await waitFor(() => lows().length === 1);
    expect(lows()[0].json.data).toMatchObject({ count: 3, threshold: 5 });
    await sleep(600); // several refreshes below the threshold
    expect(lows()).toHaveLength(1);

    cw.product("cw-watch")!.quantity = 8;
    cw.product("cw-watch")!.prices = [[1, 1350]];
    await waitFor(async () => (await offer()).lastStock === 8);
    await sleep(300);
    expect(lows()).toHaveLength(1);
    const changes = await prisma().supplierCostChange.findMany({
      where: { offerId: (await offer()).id },
    });
    expect(
      changes.map((change) => [change.oldCostMinor, change.newCostMinor, change.currency]),
    ).toEqual([
      [null, 1200, "JPY"],
      [1200, 1350, "JPY"],
    ]);

    cw.product("cw-watch")!.quantity = 2;
    await waitFor(() => lows().length === 2);
    expect(lows()[1].json.data).toMatchObject({ count: 2 });
  });

  it("warns once when a supplier balance falls below its threshold", async () => {
    const connection = () =>
      prisma().supplierConnection.findFirstOrThrow({ where: { supplier: "codeswholesale" } });
    await waitFor(async () => (await connection()).balanceMinor === 50_000);
    expect((await connection()).balanceLow).toBe(false);

    cw.state.balanceMinor = 30_000;
    await waitFor(async () => (await connection()).balanceLow);
    expect((await connection()).balanceMinor).toBe(30_000);
    await sleep(500);
    const warnings = fs
      .readFileSync(server.logFile, "utf8")
      .split("\n")
      .filter((line) => line.includes('"supplier balance low"'));
    expect(warnings).toHaveLength(1);
    // The log names ids and amounts, never credentials.
    expect(warnings[0]).not.toContain(cw.credentials.clientSecret);
    expect(JSON.parse(warnings[0])).toMatchObject({
      balanceMinor: 30_000,
      thresholdMinor: 40_000,
      currency: "JPY",
    });
  });
});

describe("money in currencies without and with three decimals", () => {
  it("keeps yen exact from the supplier's price to the webhook's cost", async () => {
    cw.addProduct({
      productId: "cw-yen",
      name: "Yen game",
      quantity: 5,
      prices: [[1, 1234]],
      kind: "text",
    });
    await mapProduct(server, "S-YEN", [
      { supplier: "codeswholesale", supplierProductId: "cw-yen" },
    ]);
    const done = await order(4001, "S-YEN", "JPY", "1500");
    expect(done.status).toBe("delivered");
    expect(done.totalMinor).toBe(1500);
    expect(done.purchases[0]).toMatchObject({ costMinor: 1234, currency: "JPY" });
    // We told CodesWholesale 1500 yen as the price to validate, not 15.00.
    const post = cw.requests.find(
      (request) =>
        request.method === "POST" &&
        request.path === "/v2/orders" &&
        request.body.includes(done.purchases[0].reference),
    )!;
    expect(JSON.parse(post.body).products[0].price).toBe(1500);

    const fulfilled = await waitFor(() =>
      receiver.events("order.fulfilled").find((event) => event.json.data.order_id === done.id),
    );
    expect(fulfilled.json.data).toMatchObject({ cost: 1234, currency: "JPY" });
  });

  it("keeps Kuwaiti dinars exact to the fils", async () => {
    kinguin.addProduct({
      productId: "kg-kwd",
      name: "Dinar game",
      qty: 5,
      priceMinor: 1234,
      kind: "text",
    });
    await mapProduct(server, "S-KWD", [{ supplier: "kinguin", supplierProductId: "kg-kwd" }]);
    const done = await order(4002, "S-KWD", "KWD", "2.005");
    expect(done.status).toBe("delivered");
    expect(done.totalMinor).toBe(2005);
    expect(done.purchases[0]).toMatchObject({ costMinor: 1234, currency: "KWD" });
    const post = kinguin.requests.find(
      (request) => request.method === "POST" && request.body.includes(done.purchases[0].reference),
    )!;
    expect(JSON.parse(post.body).products[0].price).toBe(2.005);

    const fulfilled = await waitFor(() =>
      receiver.events("order.fulfilled").find((event) => event.json.data.order_id === done.id),
    );
    expect(fulfilled.json.data).toMatchObject({ cost: 1.234, currency: "KWD" });
  });
});

describe("own stock and Sandbox Mode", () => {
  it("in live mode sells imported keys first, then goes to the live supplier; never the sandbox", async () => {
    const accountId = server.demo.account_id;
    await prisma().account.update({ where: { id: accountId }, data: { sandboxMode: false } });
    const live = await startCodesWholesaleSimulator({
      currency: "JPY",
      clientId: "live-client",
      signature: "live-signature",
    });
    try {
      await connectCodesWholesale(server, live, { environment: "live", currency: "JPY" });
      live.addProduct({
        productId: "cw-own",
        name: "Own",
        quantity: 5,
        prices: [[1, 900]],
        kind: "text",
      });
      cw.addProduct({
        productId: "cw-own",
        name: "Own",
        quantity: 5,
        prices: [[1, 900]],
        kind: "text",
      });
      const imported = await importOwnStock(
        prisma(),
        server.platform.vault,
        accountId,
        "sku,key,cost,currency\nOWN-1,OWNKEY-0001,1000,JPY\n",
      );
      expect(imported).toEqual({ ok: true, imported: 1 });
      await mapProduct(server, "S-OWN", [
        { supplier: "codeswholesale", supplierProductId: "cw-own" },
        { supplier: "own_stock", supplierProductId: "OWN-1" },
        { supplier: "sandbox", supplierProductId: "SBX-STARFIELD-EU" },
      ]);
      const sandboxCwOrders = cw.orderCount();

      const first = await order(4101, "S-OWN", "JPY", "1500");
      expect(first.purchases[0]).toMatchObject({ supplier: "own_stock", costMinor: 1000 });
      const code = server.platform.vault.openText(
        first.purchases[0].key!.seal,
        `key:${first.purchases[0].id}`,
      );
      expect(code).toBe("OWNKEY-0001");

      const second = await order(4102, "S-OWN", "JPY", "1500");
      expect(second.purchases[0]).toMatchObject({ supplier: "codeswholesale", costMinor: 900 });
      expect(live.orderCount()).toBe(1);
      expect(cw.orderCount()).toBe(sandboxCwOrders);
    } finally {
      await prisma().account.update({ where: { id: accountId }, data: { sandboxMode: true } });
      await live.close();
    }
  });

  // Follows the test above, which connected a live CodesWholesale account.
  it("in Sandbox Mode uses only sandbox suppliers", async () => {
    const suppliers = await server.platform.supplierRegistry.forAccount(server.demo.account_id, {
      sandbox: true,
    });
    expect(Object.keys(suppliers).sort()).toEqual(["codeswholesale", "kinguin", "sandbox"]);
    const live = await server.platform.supplierRegistry.forAccount(server.demo.account_id, {
      sandbox: false,
    });
    expect(Object.keys(live).sort()).toEqual(["codeswholesale", "own_stock"]);
  });
});
