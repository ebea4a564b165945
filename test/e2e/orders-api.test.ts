import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@premiumcdkeys/core";
import { checkAnswer } from "../support/api-client.ts";
import { fixture, postShopify, postWoo } from "../support/shop-deliveries.ts";
import { startTestServer, waitFor, type TestServer } from "../support/test-server.ts";

let server: TestServer;
let otherAccountKey: string;
let shopifyOrderId: string;

beforeAll(async () => {
  server = await startTestServer();
  const prisma = server.platform.db.prisma;
  const other = await prisma.account.create({ data: { name: "Someone else" } });
  otherAccountKey = (await createApiKey(prisma, other.id, "other")).key;

  const { shopify, woocommerce } = server.demo.shops;
  await postShopify(
    shopify.webhook_url,
    shopify.webhook_secret,
    fixture("shopify/orders-paid.json"),
  );
  await postWoo(
    woocommerce.webhook_url,
    woocommerce.webhook_secret,
    fixture("woocommerce/order-created-pending.json"),
    {
      topic: "order.created",
    },
  );
  const order = await waitFor(async () => {
    const found = await prisma.order.findFirst({ where: { shopId: shopify.id } });
    return found?.status === "delivered" ? found : undefined;
  });
  shopifyOrderId = order.id;
  await waitFor(() =>
    prisma.order.findFirst({ where: { shopId: woocommerce.id, status: "pending" } }),
  );
});
afterAll(() => server?.close());

/** GETs from the API; every answer is checked against the OpenAPI document on the way. */
async function get(path: string, key: string | null = server.demo.api_key) {
  const response = await fetch(server.url + path, {
    headers: key ? { authorization: `Bearer ${key}` } : {},
  });
  await checkAnswer("GET", path, response);
  return response;
}

describe("GET /api/v1/orders", () => {
  it("lists the account's orders with data and meta", async () => {
    const body = await (await get("/api/v1/orders")).json();
    expect(body.meta).toMatchObject({ total: 2, page: 1 });
    expect(body.data[0]).toEqual(
      expect.objectContaining({
        id: expect.any(String),
        status: expect.any(String),
        product: expect.any(String),
        created_at: expect.any(String),
      }),
    );
  });

  it.each([
    ["status=delivered", 1],
    ["status=pending", 1],
    ["status=failed", 0],
    ["limit=1&page=2", 1],
    [`from=${new Date().toISOString().slice(0, 10)}`, 2],
    ["to=2020-01-01", 0],
    ["from=2020-01-01T00:00:00%2B02:00", 2],
  ])("filters with %s", async (query, count) => {
    const body = await (await get(`/api/v1/orders?${query}`)).json();
    expect(body.data).toHaveLength(count);
  });

  it.each([
    "status=lost",
    "limit=0",
    "limit=101",
    "page=0",
    "from=yesterday",
    "to=2026-13-45",
    "from=2026-02-30",
    "from=%2B2026-01-01",
    "from=275760-09-13",
    "from=Fri%20Dec%2004%202026",
    "from=0000-01-01",
    "to=2026-12-04T24:00:00Z",
  ])("answers 400 naming the field for %s", async (query) => {
    const response = await get(`/api/v1/orders?${query}`);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe("VALIDATION_ERROR");
    expect(body.error.message).toContain(query.split("=")[0]);
  });

  it("accepts the key as ?api_key= too", async () => {
    const response = await fetch(`${server.url}/api/v1/orders?api_key=${server.demo.api_key}`);
    await checkAnswer("GET", "/api/v1/orders", response);
    expect(response.status).toBe(200);
  });
});

describe("GET /api/v1/orders/{id}", () => {
  it("shows lines, one purchase per unit, delivery state and the shop's reference, but no keys", async () => {
    const body = await (await get(`/api/v1/orders/${shopifyOrderId}`)).json();
    expect(body.data).toMatchObject({
      id: shopifyOrderId,
      status: "delivered",
      store_order_id: "#1042",
      shop_order_id: "5912345678901",
    });
    expect(body.data.lines.map((line: { purchases: unknown[] }) => line.purchases.length)).toEqual([
      1, 3,
    ]);
    expect(body.data.deliveries).toEqual([
      expect.objectContaining({ method: "email", status: "sent" }),
    ]);
    expect(JSON.stringify(body)).not.toMatch(/"(code|seal)"/);
  });

  it.each(["does-not-exist", "%00", "..%2F..%2Fetc", crypto.randomUUID()])(
    "answers ORDER_NOT_FOUND for the id %s",
    async (id) => {
      const response = await get(`/api/v1/orders/${id}`);
      expect(response.status).toBe(404);
      expect((await response.json()).error.code).toBe("ORDER_NOT_FOUND");
    },
  );

  it("answers 404, not 403, for another account's order", async () => {
    const response = await get(`/api/v1/orders/${shopifyOrderId}`, otherAccountKey);
    expect(response.status).toBe(404);
    const list = await (await get("/api/v1/orders", otherAccountKey)).json();
    expect(list.meta.total).toBe(0);
  });
});

describe("authentication and errors", () => {
  it.each([
    ["no key", null],
    ["an unknown key", "pck_test_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"],
    ["a malformed key", "hello"],
  ])("answers 401 UNAUTHORIZED with %s", async (_name, key) => {
    const response = await get("/api/v1/orders", key);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: "UNAUTHORIZED", message: expect.any(String), details: {} },
    });
  });

  it("answers unknown routes with the NOT_FOUND envelope", async () => {
    const response = await get("/api/v1/nothing-here");
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe("NOT_FOUND");
  });

  it("answers malformed JSON on the API with a 400 envelope", async () => {
    const response = await fetch(`${server.url}/api/v1/webhooks`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${server.demo.api_key}`,
        "content-type": "application/json",
      },
      body: "{nope",
    });
    await checkAnswer("POST", "/api/v1/webhooks", response);
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("MALFORMED_JSON");
  });
});
