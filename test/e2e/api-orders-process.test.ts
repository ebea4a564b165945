import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@premiumcdkeys/core";
import { sandboxCode } from "@premiumcdkeys/suppliers";
import { apiClient } from "../support/api-client.ts";
import { mapSandboxProduct, wooOrderFor } from "../support/catalogue.ts";
import { postWoo } from "../support/shop-deliveries.ts";
import { startTestServer, waitFor, type TestServer } from "../support/test-server.ts";

let server: TestServer;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  server = await startTestServer();
  api = apiClient(server.url, server.demo.api_key);
});
afterAll(() => server?.close());

const prisma = () => server.platform.db.prisma;

async function postOrder(id: number, sku: string, quantity = 1) {
  const shop = server.demo.shops.woocommerce;
  const response = await postWoo(
    shop.webhook_url,
    shop.webhook_secret,
    wooOrderFor(id, sku, quantity),
  );
  expect(response.status).toBe(200);
}

function settled(externalId: number, states = ["failed", "delivered", "pending"]) {
  return waitFor(
    async () => {
      const order = await prisma().order.findFirst({ where: { externalId: String(externalId) } });
      return order && states.includes(order.status) ? order : undefined;
    },
    40_000,
    `order ${externalId} settled`,
  );
}

async function ledgerCount(productId: string) {
  return (await server.platform.sandbox.ledger()).filter((row) => row.productId === productId)
    .length;
}

describe("POST /orders/{id}/process", () => {
  it("buys a pending order once its line is mapped, and answers 202 with the order", async () => {
    await postOrder(9101, "SKU-MAPPED-LATER", 2);
    const order = await settled(9101, ["pending"]);
    expect(order.failureCode).toBe("WAITING_FOR_MAPPING");

    const early = await api("POST", `/orders/${order.id}/process`);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("ORDER_NOT_PROCESSABLE");

    await mapSandboxProduct(server, "SKU-MAPPED-LATER", "SBX-ELDEN-RING-EU", 5000);
    const before = await ledgerCount("SBX-ELDEN-RING-EU");
    const answer = await api("POST", `/orders/${order.id}/process`);
    expect(answer.status).toBe(202);
    expect(answer.body.data).toMatchObject({ id: order.id, status: "processing" });

    await settled(9101, ["delivered"]);
    expect((await ledgerCount("SBX-ELDEN-RING-EU")) - before).toBe(2);
  });

  it("re-runs a failed order without buying its bought units again", async () => {
    await mapSandboxProduct(server, "SKU-LIMITED", "SBX-LIMITED-5");
    await postOrder(9102, "SKU-LIMITED", 7);
    const failed = await settled(9102, ["failed"]);
    const confirmed = await prisma().purchase.findMany({
      where: { orderId: failed.id, status: "confirmed" },
      orderBy: { id: "asc" },
    });
    expect(confirmed).toHaveLength(5);
    expect(await ledgerCount("SBX-LIMITED-5")).toBe(5);

    const answer = await api("POST", `/orders/${failed.id}/process`);
    expect(answer.status).toBe(202);
    await waitFor(async () => {
      const order = await prisma().order.findUnique({ where: { id: failed.id } });
      return order?.status === "failed" && order.updatedAt > failed.updatedAt;
    }, 40_000);

    expect(await ledgerCount("SBX-LIMITED-5")).toBe(5);
    const after = await prisma().purchase.findMany({
      where: { orderId: failed.id, status: "confirmed" },
      orderBy: { id: "asc" },
    });
    expect(after.map((p) => p.supplierOrderId)).toEqual(confirmed.map((p) => p.supplierOrderId));
  });

  it("lets only one of two simultaneous requests start the run", async () => {
    await postOrder(9103, "SKU-TWICE", 1);
    const order = await settled(9103, ["pending"]);
    await mapSandboxProduct(server, "SKU-TWICE", "SBX-STARFIELD-EU", 5000);

    const answers = await Promise.all([
      api("POST", `/orders/${order.id}/process`),
      api("POST", `/orders/${order.id}/process`),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([202, 409]);
    await settled(9103, ["delivered"]);
    const units = await prisma().purchase.count({ where: { orderId: order.id } });
    expect(units).toBe(1);
  });

  it("answers 409 for orders that are not pending or failed", async () => {
    const delivered = await prisma().order.findFirstOrThrow({ where: { externalId: "9101" } });
    const answer = await api("POST", `/orders/${delivered.id}/process`);
    expect(answer.status).toBe(409);
    expect(answer.body.error).toMatchObject({
      code: "ORDER_NOT_PROCESSABLE",
      details: { status: "delivered" },
    });
  });

  it.each(["not-an-id", crypto.randomUUID()])("answers ORDER_NOT_FOUND for %s", async (id) => {
    const answer = await api("POST", `/orders/${id}/process`);
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe("ORDER_NOT_FOUND");
  });
});

describe("Idempotency-Key on POST /orders/{id}/process", () => {
  it("answers the first answer again for the same key, and refuses it for another order", async () => {
    await postOrder(9201, "SKU-IDEMPOTENT", 1);
    const order = await settled(9201, ["pending"]);
    await mapSandboxProduct(server, "SKU-IDEMPOTENT", "SBX-GAMEPASS-3M");
    const headers = { "Idempotency-Key": "run-9201" };

    const first = await api("POST", `/orders/${order.id}/process`, { headers });
    expect(first.status).toBe(202);
    await settled(9201, ["delivered"]);

    const again = await api("POST", `/orders/${order.id}/process`, { headers });
    expect(again.status).toBe(202);
    expect(again.text).toBe(first.text);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await prisma().purchase.count({ where: { orderId: order.id } })).toBe(1);

    const other = await prisma().order.findFirstOrThrow({ where: { externalId: "9101" } });
    const reused = await api("POST", `/orders/${other.id}/process`, { headers });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe("IDEMPOTENCY_KEY_REUSED");

    // `{}` means what no body means: the same request, answered the same.
    const sameMeaning = await api("POST", `/orders/${order.id}/process`, { headers, body: {} });
    expect(sameMeaning.status).toBe(202);
    expect(sameMeaning.text).toBe(first.text);

    const stored = await prisma().idempotencyKey.findMany({ where: { key: "test:run-9201" } });
    expect(stored).toHaveLength(1);
    expect(stored[0].status).toBe(202);
  });

  it.each([["a".repeat(256)], ["has space"], ["tab\there"]])(
    "answers 400 naming Idempotency-Key for %j",
    async (key) => {
      const order = await prisma().order.findFirstOrThrow({ where: { externalId: "9101" } });
      const answer = await api("POST", `/orders/${order.id}/process`, {
        headers: { "Idempotency-Key": key },
      });
      expect(answer.status).toBe(400);
      expect(answer.body.error.details.fields[0].field).toBe("Idempotency-Key");
    },
  );
});

describe("GET /orders/{id}?include=keys", () => {
  it("shows each unit's key to a key with the keys permission, and logs the read", async () => {
    const order = await prisma().order.findFirstOrThrow({ where: { externalId: "9101" } });
    const answer = await api("GET", `/orders/${order.id}?include=keys`);
    expect(answer.status).toBe(200);
    const purchases = answer.body.data.lines[0].purchases;
    expect(purchases).toHaveLength(2);
    for (const purchase of purchases) {
      expect(purchase.key).toEqual({ code: sandboxCode(purchase.reference), format: "text" });
    }

    const log = await prisma().keyAccessLog.findMany({ where: { orderId: order.id } });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ keyCount: 2, ip: expect.stringContaining("127.0.0.1") });
    const logText = await import("node:fs").then((fs) => fs.readFileSync(server.logFile, "utf8"));
    for (const purchase of purchases) expect(logText).not.toContain(purchase.key.code);
  });

  it("answers 403 FORBIDDEN without the keys permission, and shows no code without include", async () => {
    const order = await prisma().order.findFirstOrThrow({ where: { externalId: "9101" } });
    const reader = await createApiKey(prisma(), server.demo.account_id, "reader", {
      permissions: ["read"],
    });
    const before = await prisma().keyAccessLog.count();

    const forbidden = await api("GET", `/orders/${order.id}?include=keys`, { key: reader.key });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe("FORBIDDEN");
    const plain = await api("GET", `/orders/${order.id}`, { key: reader.key });
    expect(plain.status).toBe(200);
    expect(plain.text).not.toContain('"key"');
    expect(await prisma().keyAccessLog.count()).toBe(before);

    const process = await api("POST", `/orders/${order.id}/process`, { key: reader.key });
    expect(process.status).toBe(403);
  });

  it("answers 400 for an unknown include", async () => {
    const order = await prisma().order.findFirstOrThrow({ where: { externalId: "9101" } });
    const answer = await api("GET", `/orders/${order.id}?include=secrets`);
    expect(answer.status).toBe(400);
    expect(answer.body.error.details.fields[0].field).toBe("include");
  });
});

describe("GET /orders filters", () => {
  it("filters by store_order_id and shop_id", async () => {
    const byRef = await api("GET", "/orders?store_order_id=9101");
    expect(
      byRef.body.data.map((order: { store_order_id: string }) => order.store_order_id),
    ).toEqual(["9101"]);
    const shopId = server.demo.shops.woocommerce.id;
    const byShop = await api("GET", `/orders?shop_id=${shopId}&limit=100`);
    expect(byShop.body.meta.total).toBe(4);
    const otherShop = await api("GET", `/orders?shop_id=${server.demo.shops.shopify.id}`);
    expect(otherShop.body.meta).toMatchObject({ total: 0, page: 1, limit: 20, pages: 0 });
  });

  it.each([
    "shop_id=not-a-uuid",
    "store_order_id=",
    "from=2026-07-02&to=2026-07-01",
    "limit=abc",
    "page=-1",
  ])("answers 400 VALIDATION_ERROR naming the field for %s", async (query) => {
    const answer = await api("GET", `/orders?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(
      query.split("=")[0],
    );
  });
});

// After the filters above, which count the shop's orders.
describe("the body of POST /orders/{id}/process", () => {
  it("refuses fields and malformed JSON with 400, changing nothing, and accepts {}", async () => {
    await postOrder(9301, "SKU-BODY-CHECK", 1);
    const order = await settled(9301, ["pending"]);
    await mapSandboxProduct(server, "SKU-BODY-CHECK", "SBX-GAMEPASS-3M");
    const path = `/orders/${order.id}/process`;
    const json = { "content-type": "application/json" };
    const headers = { ...json, "Idempotency-Key": "body-9301" };

    const field = await api("POST", path, { headers, body: { note: "x", force: true } });
    expect(field.status).toBe(400);
    expect(field.body.error.code).toBe("VALIDATION_ERROR");
    const named = field.body.error.details.fields.map((f: { field: string }) => f.field);
    expect(named.sort()).toEqual(["force", "note"]);

    for (const rawBody of ['{"note":', "not json", "{}x"]) {
      const malformed = await api("POST", path, { headers, rawBody });
      expect(malformed.status, rawBody).toBe(400);
      expect(malformed.body.error.code).toBe("MALFORMED_JSON");
    }
    for (const rawBody of ["[]", "null", "42", '"{}"']) {
      const notObject = await api("POST", path, { headers, rawBody });
      expect(notObject.status, rawBody).toBe(400);
      expect(notObject.body.error.details.fields[0].field).toBe("body");
    }

    expect((await prisma().order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe(
      "pending",
    );
    expect(await prisma().idempotencyKey.count({ where: { key: "test:body-9301" } })).toBe(0);

    const accepted = await api("POST", path, { headers, rawBody: " {} " });
    expect(accepted.status).toBe(202);
    await settled(9301, ["delivered"]);

    // No body and `{}` are one request: the key replays the first answer rather than a 422.
    const again = await api("POST", path, { headers: { "Idempotency-Key": "body-9301" } });
    expect(again.status).toBe(202);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.text).toBe(accepted.text);
  });
});
