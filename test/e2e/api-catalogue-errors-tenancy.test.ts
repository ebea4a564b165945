import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey, setSandboxMode } from "@premiumcdkeys/core";
import { apiClient } from "../support/api-client.ts";
import { mapSandboxProduct, wooOrderFor } from "../support/catalogue.ts";
import { fixture, postShopify, postWoo } from "../support/shop-deliveries.ts";
import { startTestServer, waitFor, type TestServer } from "../support/test-server.ts";

let server: TestServer;
let api: ReturnType<typeof apiClient>;
let otherKey: string;
let liveKey: string;
let orderId: string;

beforeAll(async () => {
  server = await startTestServer();
  api = apiClient(server.url, server.demo.api_key);
  const prisma = server.platform.db.prisma;
  const other = await prisma.account.create({ data: { name: "Someone else" } });
  otherKey = (
    await createApiKey(prisma, other.id, "other", { permissions: ["read", "process", "keys"] })
  ).key;
  liveKey = (
    await createApiKey(prisma, server.demo.account_id, "live", {
      mode: "live",
      permissions: ["read", "process", "keys"],
    })
  ).key;

  const { shopify } = server.demo.shops;
  await postShopify(
    shopify.webhook_url,
    shopify.webhook_secret,
    fixture("shopify/orders-paid.json"),
  );
  const order = await waitFor(async () => {
    const found = await prisma.order.findFirst({ where: { shopId: shopify.id } });
    return found?.status === "delivered" ? found : undefined;
  });
  orderId = order.id;
});
afterAll(() => server?.close());

const prisma = () => server.platform.db.prisma;

describe("products", () => {
  it("lists the account's products a page at a time", async () => {
    const page = await api("GET", "/products?limit=3");
    expect(page.body.meta).toEqual({ total: 4, page: 1, limit: 3, pages: 2 });
    expect(page.body.data[0]).toMatchObject({
      name: "Starfield (Steam key, EU)",
      sku: "STEAM-STARFIELD-EU",
      max_cost: null,
      currency: "EUR",
      low_stock_threshold: 5,
    });
    const second = await api("GET", "/products?limit=3&page=2");
    expect(second.body.data).toHaveLength(1);
    for (const query of ["limit=0", "limit=101", "page=0", "page=x"]) {
      expect((await api("GET", `/products?${query}`)).status, query).toBe(400);
    }
  });

  it("shows a product's stock at the sandbox supplier for a test key, none for a live key", async () => {
    const product = server.demo.products[0];
    const stock = await api("GET", `/products/${product.id}/stock`);
    expect(stock.body.data).toMatchObject({
      product_id: product.id,
      offers: [
        {
          supplier: "sandbox",
          supplier_product_id: "SBX-STARFIELD-EU",
          cost: 31.5,
          currency: "EUR",
        },
      ],
    });
    expect(stock.body.data.available).toBe(stock.body.data.offers[0].available);
    expect(stock.body.data.available).toBeGreaterThan(99_000);

    const live = await api("GET", `/products/${product.id}/stock`, { key: liveKey });
    expect(live.body.data).toMatchObject({ available: 0, offers: [] });
    const missing = await api("GET", `/products/${crypto.randomUUID()}/stock`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("PRODUCT_NOT_FOUND");
  });
});

describe("suppliers", () => {
  it("lists sandbox suppliers for a test key and only own stock for a live key", async () => {
    const sandbox = await api("GET", "/suppliers");
    expect(sandbox.body.data).toEqual([
      { id: "sandbox", name: "Sandbox supplier", enabled: true, sandbox: true },
    ]);
    // A live account without supplier connections can still sell keys it imported itself.
    expect((await api("GET", "/suppliers", { key: liveKey })).body.data).toEqual([
      { id: "own_stock", name: "Own stock", enabled: true, sandbox: false },
    ]);
  });

  it("asks the supplier for live stock and keeps the answer for a few seconds", async () => {
    const path = "/suppliers/sandbox/products/SBX-ELDEN-RING-EU/stock";
    const first = await api("GET", path);
    expect(first.body.data).toMatchObject({
      supplier: "sandbox",
      product_id: "SBX-ELDEN-RING-EU",
      cost: 24.9,
      currency: "EUR",
    });
    await prisma().$executeRaw`
      INSERT INTO sandbox_supplier_stock (product_id, sold) VALUES ('SBX-ELDEN-RING-EU', 7)
      ON CONFLICT (product_id) DO UPDATE SET sold = sandbox_supplier_stock.sold + 7`;

    const cached = await api("GET", path);
    expect(cached.body.data).toEqual(first.body.data);
    server.platform.stockCache.clear();
    const fresh = await api("GET", path);
    expect(fresh.body.data.available).toBe(first.body.data.available - 7);
  });

  it.each([
    ["/suppliers/kinguin/products/X/stock", 404, "SUPPLIER_NOT_FOUND"],
    ["/suppliers/sandbox/products/SBX-NOPE/stock", 404, "PRODUCT_NOT_FOUND"],
    ["/suppliers/Sand%00box/products/X/stock", 404, "SUPPLIER_NOT_FOUND"],
    ["/suppliers/sandbox/products/%00%27%3B--/stock", 400, "VALIDATION_ERROR"],
    [`/suppliers/sandbox/products/${"A".repeat(300)}/stock`, 400, "VALIDATION_ERROR"],
    ["/suppliers/sandbox/products/..%2F..%2Fetc/stock", 400, "VALIDATION_ERROR"],
  ])("answers %s with %i %s", async (path, status, code) => {
    const answer = await api("GET", path);
    expect(answer.status).toBe(status);
    expect(answer.body.error.code).toBe(code);
  });

  it("hides the sandbox supplier from a live key", async () => {
    const answer = await api("GET", "/suppliers/sandbox/products/SBX-ELDEN-RING-EU/stock", {
      key: liveKey,
    });
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe("SUPPLIER_NOT_FOUND");
  });
});

describe("the error envelope", () => {
  it("answers unknown routes with 404 NOT_FOUND", async () => {
    for (const path of ["/nothing", "/orders/x/y/z", "/webhooks/a/b"]) {
      const answer = await api("GET", path);
      expect(answer.status, path).toBe(404);
      expect(answer.body.error.code).toBe("NOT_FOUND");
    }
    // A trailing slash is another path: 404, never a 405 that names the methods of the other.
    // Asked without the document check, whose matcher forgives the slash.
    for (const path of ["/orders/", "/webhooks/", "/products/"]) {
      const answer = await fetch(`${server.url}/api/v1${path}`, {
        headers: { authorization: `Bearer ${server.demo.api_key}` },
      });
      expect(answer.status, path).toBe(404);
      expect(((await answer.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
    }
  });

  it.each([
    ["DELETE", "/orders", "GET, HEAD"],
    ["POST", "/orders/00000000-0000-4000-8000-000000000000", "GET, HEAD"],
    ["GET", "/orders/00000000-0000-4000-8000-000000000000/process", "POST"],
    ["PUT", "/webhooks/00000000-0000-4000-8000-000000000000", "DELETE, GET, HEAD, PATCH"],
    ["POST", "/suppliers", "GET, HEAD"],
  ])("answers %s %s with 405 and Allow: %s", async (method, path, allow) => {
    const answer = await api(method, path, { body: method === "GET" ? undefined : {} });
    expect(answer.status).toBe(405);
    expect(answer.headers.get("allow")).toBe(allow);
    expect(answer.body.error.code).toBe("METHOD_NOT_ALLOWED");
  });

  it("refuses U+0000 in a query or a body with 400 naming the field, and stores nothing", async () => {
    const query = await api("GET", "/orders?store_order_id=%00abc");
    expect(query.status).toBe(400);
    expect(query.body.error).toMatchObject({
      code: "VALIDATION_ERROR",
      details: { fields: [{ field: "store_order_id" }] },
    });

    const before = await prisma().webhookEndpoint.count();
    const body = await api("POST", "/webhooks", {
      body: { url: "http://127.0.0.1:9/h", events: ["order.failed"], description: "a\u0000b" },
    });
    expect(body.status).toBe(400);
    expect(body.body.error.details.fields[0].field).toBe("description");
    expect(await prisma().webhookEndpoint.count()).toBe(before);
  });

  it("answers 401 with rate-limit headers for missing, unknown, revoked and malformed keys", async () => {
    const revoked = await createApiKey(prisma(), server.demo.account_id, "gone");
    await prisma().apiKey.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    for (const key of [null, "pck_test_" + "A".repeat(32), revoked.key, "x".repeat(5000)]) {
      const answer = await api("GET", "/orders", { key });
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({
        error: { code: "UNAUTHORIZED", message: expect.any(String), details: {} },
      });
    }
    const basic = await api("GET", "/orders", { key: null, headers: { authorization: "Basic x" } });
    expect(basic.status).toBe(401);
  });

  it("answers an oversized body with 413 and changes nothing", async () => {
    const before = await prisma().webhookEndpoint.count();
    const answer = await api("POST", "/webhooks", {
      rawBody: JSON.stringify({ url: "https://example.com", events: ["x".repeat(6_000_000)] }),
      headers: { "content-type": "application/json" },
    });
    expect(answer.status).toBe(413);
    expect(answer.body.error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(await prisma().webhookEndpoint.count()).toBe(before);
  });

  it("never writes a key given as ?api_key= to the logs, and records its last use", async () => {
    const fresh = await createApiKey(prisma(), server.demo.account_id, "query");
    const response = await fetch(`${server.url}/api/v1/orders?api_key=${fresh.key}`);
    expect(response.status).toBe(200);
    await fetch(`${server.url}/api/v1/orders/nope?api_key=${fresh.key}`);
    const row = await prisma().apiKey.findUniqueOrThrow({ where: { id: fresh.id } });
    expect(row.lastUsedAt).not.toBeNull();
    expect(fs.readFileSync(server.logFile, "utf8")).not.toContain(fresh.key.slice(9));
  });
});

describe("another account's ids answer 404, never 403", () => {
  it("on every endpoint that takes an id", async () => {
    const endpoint = await api("POST", "/webhooks", {
      body: { url: "http://127.0.0.1:9/h", events: ["order.created"] },
    });
    const endpointId = endpoint.body.data.id;
    await api("POST", `/webhooks/${endpointId}/test`);
    const deliveries = await api("GET", `/webhooks/${endpointId}/deliveries`);
    const deliveryId = deliveries.body.data[0].id;
    const productId = server.demo.products[0].id;

    const cases: [string, string, unknown?][] = [
      ["GET", `/orders/${orderId}`],
      ["GET", `/orders/${orderId}?include=keys`],
      ["POST", `/orders/${orderId}/process`],
      ["GET", `/products/${productId}/stock`],
      ["GET", `/webhooks/${endpointId}`],
      ["PATCH", `/webhooks/${endpointId}`, { active: false }],
      ["DELETE", `/webhooks/${endpointId}`],
      ["POST", `/webhooks/${endpointId}/rotate-secret`],
      ["POST", `/webhooks/${endpointId}/resume`],
      ["POST", `/webhooks/${endpointId}/test`],
      ["GET", `/webhooks/${endpointId}/deliveries`],
      ["POST", `/webhooks/${endpointId}/deliveries/${deliveryId}/replay`],
    ];
    for (const [method, path, body] of cases) {
      // Products are shared by both modes of an account; everything else is kept apart.
      const keys = path.startsWith("/products") ? [otherKey] : [otherKey, liveKey];
      for (const key of keys) {
        const answer = await api(method, path, { key, body });
        expect(answer.status, `${method} ${path}`).toBe(404);
      }
    }
    expect((await api("GET", "/orders", { key: otherKey })).body.meta.total).toBe(0);
    expect((await api("GET", "/products", { key: otherKey })).body.meta.total).toBe(0);
    expect((await api("GET", "/webhooks", { key: otherKey })).body.data).toEqual([]);
    expect((await api("GET", `/webhooks/${endpointId}`)).body.data.active).toBe(true);
    expect(await prisma().keyAccessLog.count()).toBe(0);
  });
});

describe("Sandbox Mode", () => {
  it("keeps live orders apart and never buys them from the sandbox supplier", async () => {
    await mapSandboxProduct(server, "SKU-LIVE", "SBX-GAMEPASS-3M", 5000);
    await setSandboxMode(prisma(), server.demo.account_id, false);
    const ledgerBefore = (await server.platform.sandbox.ledger()).length;
    const shop = server.demo.shops.woocommerce;
    await postWoo(shop.webhook_url, shop.webhook_secret, wooOrderFor(7701, "SKU-LIVE"));
    const order = await waitFor(async () => {
      const found = await prisma().order.findFirst({ where: { externalId: "7701" } });
      return found?.status === "failed" ? found : undefined;
    });
    await setSandboxMode(prisma(), server.demo.account_id, true);

    expect(order).toMatchObject({ sandbox: false, failureCode: "NO_SUPPLIER_OFFER" });
    expect((await server.platform.sandbox.ledger()).length).toBe(ledgerBefore);
    const live = await api("GET", "/orders", { key: liveKey });
    expect(live.body.data.map((o: { id: string }) => o.id)).toEqual([order.id]);
    const sandbox = await api("GET", "/orders?limit=100");
    expect(sandbox.body.data.map((o: { id: string }) => o.id)).not.toContain(order.id);
    expect((await api("GET", `/orders/${order.id}`)).status).toBe(404);
  });
});

// Last in this file: it breaks the database on purpose.
describe("a failure inside the server", () => {
  it("answers 500 SERVER_ERROR without internals, and shows no key whose read was not logged", async () => {
    await prisma().$executeRawUnsafe("DROP TABLE key_access_logs");
    const answer = await api("GET", `/orders/${orderId}?include=keys`);
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({
      error: { code: "SERVER_ERROR", message: "Internal error", details: {} },
    });
    expect(answer.text).not.toMatch(/key_access_logs|prisma|at .*\.ts/i);
    expect(answer.text).not.toContain('"key"');
  });
});
