// The JavaScript client against the real server (real HTTP, real database, orders placed through
// the signed shop webhooks): orders, pagination, typed errors, configuration.
import { setTimeout as sleep } from "node:timers/promises";
import { SETUP_TIMEOUT_MS } from "./timeouts.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@premiumcdkeys/core";
import {
  ApiError,
  ForbiddenError,
  IdempotencyKeyReusedError,
  NotFoundError,
  OrderNotFoundError,
  OrderNotProcessableError,
  PremiumCDKeys,
  PremiumCDKeysError,
  RateLimitedError,
  UnauthorizedError,
  ValidationError,
  type Order,
} from "../../packages/sdk/src/index.ts";
import { mapSandboxProduct } from "../support/catalogue.ts";
import { startTestServer, waitFor, type TestServer } from "../support/test-server.ts";
import { seedOrders, UNMAPPED_SKU, type SeededOrders } from "./seed-orders.ts";

let server: TestServer;
let client: PremiumCDKeys;
let orders: SeededOrders;

beforeAll(async () => {
  server = await startTestServer();
  client = new PremiumCDKeys(server.demo.api_key, { baseUrl: server.url });
  orders = await seedOrders(server);
}, SETUP_TIMEOUT_MS);
afterAll(() => server?.close());

describe("orders.list", () => {
  it("answers the contract's call, client.orders.list({ status: 'pending' })", async () => {
    const page = await client.orders.list({ status: "pending" });

    expect(page.data.map((order) => order.id).sort()).toEqual(
      [orders.unpaid, orders.unmapped].sort(),
    );
    expect(page.meta).toMatchObject({ total: 2, page: 1 });
    expect(page.data[0]).toEqual(
      expect.objectContaining({ status: "pending", created_at: expect.any(String) }),
    );
  });

  it("passes dates, limit and page through", async () => {
    const today = new Date().toISOString().slice(0, 10);

    expect((await client.orders.list({ from: today })).meta.total).toBe(orders.all.length);
    expect((await client.orders.list({ to: new Date("2020-01-01T00:00:00Z") })).meta.total).toBe(0);
    expect((await client.orders.list({ limit: 2, page: 2 })).meta).toMatchObject({
      page: 2,
      limit: 2,
      total: orders.all.length,
    });
  });

  it("filters by shop_id and store_order_id", async () => {
    const byShop = await client.orders.list({ shop_id: server.demo.shops.shopify.id });
    const byReference = await client.orders.list({ store_order_id: "#1042" });

    expect(byShop.data.map((order) => order.id)).toEqual([orders.shopify]);
    expect(byReference.data.map((order) => order.id)).toEqual([orders.shopify]);
  });

  it("sends a hostile filter value as one value, which the server refuses by name", async () => {
    const status = "pending&limit=1&api_key=stolen" as "pending";
    const error = await client.orders.list({ status }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields.map((field) => field.field)).toEqual(["status"]);
  });

  it("throws a ValidationError naming the field the server refused", async () => {
    const error = await client.orders.list({ limit: 500 }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: "VALIDATION_ERROR", status: 400 });
    expect((error as ValidationError).fields.map((field) => field.field)).toEqual(["limit"]);
  });
});

describe("orders.iterate", () => {
  it("walks every page and yields every order once", async () => {
    const seen: string[] = [];
    for await (const order of client.orders.iterate({ limit: 2 })) seen.push(order.id);

    expect(seen).toHaveLength(orders.all.length);
    expect(new Set(seen)).toEqual(new Set(orders.all));
  });

  it("keeps the filters on every page and stops early when the loop breaks", async () => {
    const delivered: string[] = [];
    for await (const order of client.orders.iterate({ status: "delivered", limit: 1 })) {
      delivered.push(order.id);
    }
    expect(delivered.sort()).toEqual([...orders.delivered].sort());

    const firstTwo: string[] = [];
    for await (const order of client.orders.iterate({ limit: 1 })) {
      firstTwo.push(order.id);
      if (firstTwo.length === 2) break;
    }
    expect(firstTwo).toHaveLength(2);
  });
});

describe("orders.get", () => {
  it("answers the order with its lines, one purchase per unit, and deliveries", async () => {
    const order: Order = await client.orders.get(orders.shopify);

    expect(order).toMatchObject({
      id: orders.shopify,
      status: "delivered",
      store_order_id: "#1042",
    });
    expect(order.lines.map((line) => line.purchases.length)).toEqual([1, 3]);
    expect(order.deliveries[0]).toMatchObject({ method: "email", status: "sent" });
    expect(order.lines[0].purchases[0]).not.toHaveProperty("key");
  });

  it.each([
    "does-not-exist",
    "a/b",
    "../webhooks",
    "%2e%2e",
    "x\u0000y",
    "ünïcödé",
    "x".repeat(2000),
    crypto.randomUUID(),
  ])("throws OrderNotFoundError for the id %j, sent as one encoded path segment", async (id) => {
    const error = await client.orders.get(id).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(OrderNotFoundError);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(PremiumCDKeysError);
    expect(error).toMatchObject({ code: "ORDER_NOT_FOUND", status: 404, details: {} });
  });

  it.each(["", ".", ".."])("refuses the id %j before sending anything", async (id) => {
    await expect(client.orders.get(id)).rejects.toThrow(TypeError);
  });

  it("answers another account's order as not found", async () => {
    const prisma = server.platform.db.prisma;
    const other = await prisma.account.create({ data: { name: "Someone else" } });
    const otherClient = new PremiumCDKeys((await createApiKey(prisma, other.id, "sdk")).key, {
      baseUrl: server.url,
    });

    await expect(otherClient.orders.get(orders.delivered[0])).rejects.toBeInstanceOf(
      OrderNotFoundError,
    );
    expect((await otherClient.orders.list()).meta.total).toBe(0);
  });
});

describe("orders.get with include keys", () => {
  it("adds each unit's key code when asked", async () => {
    const order = await client.orders.get(orders.delivered[0], { include: "keys" });
    const units = order.lines.flatMap((line) => line.purchases);

    expect(units.length).toBeGreaterThan(0);
    for (const unit of units) {
      expect(unit.key).toEqual({ code: expect.any(String), format: expect.any(String) });
    }
    const asArray = await client.orders.get(orders.delivered[0], { include: ["keys"] });
    expect(asArray.lines[0].purchases[0].key).toEqual(units[0].key);
  });
});

describe("orders.process", () => {
  it("runs an order waiting for its mapping once mapped; a repeated key answers the same", async () => {
    await mapSandboxProduct(server, UNMAPPED_SKU, "SBX-GAMEPASS-3M");
    const idempotencyKey = crypto.randomUUID();

    const processed = await client.orders.process(orders.unmapped, { idempotencyKey });
    expect(processed).toMatchObject({ id: orders.unmapped, status: "processing" });
    const again = await client.orders.process(orders.unmapped, { idempotencyKey });
    expect(again).toEqual(processed);

    const delivered = await waitFor(async () => {
      const order = await client.orders.get(orders.unmapped);
      return order.status === "delivered" ? order : undefined;
    }, 60_000);
    expect(delivered.lines[0].purchases).toHaveLength(1);
    const purchases = await server.platform.db.prisma.purchase.count({
      where: { line: { orderId: orders.unmapped } },
    });
    expect(purchases).toBe(1);

    const reused = await client.orders
      .process(orders.unpaid, { idempotencyKey })
      .catch((caught: unknown) => caught);
    expect(reused).toBeInstanceOf(IdempotencyKeyReusedError);
    expect(reused).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED", status: 422 });
  });

  it.each([
    ["a delivered order", () => orders.shopify],
    ["an unpaid order", () => orders.unpaid],
  ])("throws OrderNotProcessableError for %s", async (_name, id) => {
    const error = await client.orders.process(id()).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(OrderNotProcessableError);
    expect(error).toMatchObject({ code: "ORDER_NOT_PROCESSABLE", status: 409 });
  });
});

describe("permissions", () => {
  it("throws ForbiddenError when the key may not read keys or process orders", async () => {
    const prisma = server.platform.db.prisma;
    const { key } = await createApiKey(prisma, server.demo.account_id, "read only", {
      permissions: ["read"],
    });
    const readOnly = new PremiumCDKeys(key, { baseUrl: server.url });

    expect((await readOnly.orders.get(orders.shopify)).id).toBe(orders.shopify);
    const keys = await readOnly.orders
      .get(orders.shopify, { include: "keys" })
      .catch((caught: unknown) => caught);
    expect(keys).toBeInstanceOf(ForbiddenError);
    expect(keys).toMatchObject({ code: "FORBIDDEN", status: 403 });
    await expect(readOnly.orders.process(orders.unpaid)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("authentication and configuration", () => {
  it("throws UnauthorizedError for a key the server does not know", async () => {
    const stranger = new PremiumCDKeys("pck_test_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", {
      baseUrl: server.url,
    });
    const error = await stranger.orders.list().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error).toMatchObject({ code: "UNAUTHORIZED", status: 401 });
  });

  it("reads the server's address from PREMIUMCDKEYS_BASE_URL when none is passed", async () => {
    const saved = process.env.PREMIUMCDKEYS_BASE_URL;
    process.env.PREMIUMCDKEYS_BASE_URL = server.url;
    try {
      const fromEnvironment = new PremiumCDKeys(server.demo.api_key);
      const page = await fromEnvironment.orders.list();
      expect(page.meta.total).toBe(orders.all.length);
    } finally {
      if (saved === undefined) delete process.env.PREMIUMCDKEYS_BASE_URL;
      else process.env.PREMIUMCDKEYS_BASE_URL = saved;
    }
  });

  it("takes a base URL that already ends in /api/v1", async () => {
    const withPrefix = new PremiumCDKeys(server.demo.api_key, { baseUrl: `${server.url}/api/v1/` });
    expect((await withPrefix.orders.list()).meta.total).toBe(orders.all.length);
  });

  it("keeps the rate-limit headers of the latest answer", async () => {
    await client.orders.list();
    // startTestServer puts the demo account on Enterprise at 100,000 a minute.
    expect(client.rateLimit).toEqual({
      limit: 100_000,
      remaining: expect.any(Number),
      resetAt: expect.any(Date),
      retryAfterMs: undefined,
    });
    expect(client.rateLimit!.resetAt!.getTime()).toBeGreaterThan(Date.now() - 1000);
  });

  it("throws RateLimitedError with the server's wait once a Standard account's 60 are spent", async () => {
    const prisma = server.platform.db.prisma;
    const standard = await prisma.account.create({ data: { name: "On Standard" } });
    const { key } = await createApiKey(prisma, standard.id, "sdk");
    const noRetries = new PremiumCDKeys(key, { baseUrl: server.url, maxRetries: 0 });
    // Windows are whole minutes: start early in one, so all 61 requests fall in the same one.
    const secondsIntoMinute = new Date().getSeconds();
    if (secondsIntoMinute > 50) await sleep((61 - secondsIntoMinute) * 1000);

    for (let i = 0; i < 60; i++) await noRetries.orders.list();
    expect(noRetries.rateLimit).toMatchObject({ limit: 60, remaining: 0 });
    const error = await noRetries.orders.list().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ code: "RATE_LIMITED", status: 429 });
    expect((error as RateLimitedError).retryAfterMs).toBeGreaterThan(0);
    expect((error as RateLimitedError).retryAfterMs).toBeLessThanOrEqual(60_000);
  });
});
