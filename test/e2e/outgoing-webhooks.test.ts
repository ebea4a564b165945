import { execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAnswer } from "../support/api-client.ts";
import { fixture, postShopify, withIds } from "../support/shop-deliveries.ts";
import { startTestServer, waitFor, type TestServer } from "../support/test-server.ts";
import { startWebhookReceiver } from "../support/webhook-receiver.ts";

let server: TestServer;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let endpoint: { id: string; secret: string };

beforeAll(async () => {
  server = await startTestServer();
  receiver = await startWebhookReceiver();
  const response = await api("POST", "/api/v1/webhooks", {
    url: receiver.url,
    events: ["order.created", "order.fulfilled", "order.delivered", "order.failed", "stock.low"],
  });
  expect(response.status).toBe(201);
  endpoint = (await response.json()).data;
});
afterAll(async () => {
  await server?.close();
  await receiver?.close();
});

/** Calls the API; every answer is checked against the OpenAPI document on the way. */
async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(server.url + path, {
    method,
    headers: { authorization: `Bearer ${server.demo.api_key}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  await checkAnswer(method, path, response);
  return response;
}

let sequence = 0;
async function deliverShopifyOrder() {
  sequence++;
  const body = withIds(fixture("shopify/orders-paid.json"), {
    "5912345678901": `59100000000${sequence}`,
  });
  const shop = server.demo.shops.shopify;
  await postShopify(shop.webhook_url, shop.webhook_secret, body);
  return waitFor(async () => {
    const order = await server.platform.db.prisma.order.findFirst({
      where: { externalId: `59100000000${sequence}` },
    });
    return order?.status === "delivered" ? order : undefined;
  });
}

describe("outgoing order events", () => {
  it("sends order.created, order.fulfilled and order.delivered with the contract's body", async () => {
    const order = await deliverShopifyOrder();
    const events = await waitFor(() => {
      const mine = receiver.events().filter((event) => event.json.data.order_id === order.id);
      return mine.length >= 3 ? mine : undefined;
    });

    expect(events.map((event) => event.json.event)).toEqual([
      "order.created",
      "order.fulfilled",
      "order.delivered",
    ]);
    const fulfilled = events[1].json;
    expect(Object.keys(fulfilled)).toEqual(["event", "timestamp", "data"]);
    expect(fulfilled.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(fulfilled.data).toMatchObject({
      order_id: order.id,
      store_order_id: "#1042",
      product: { id: expect.any(String), name: "Starfield (Steam key, EU)" },
      supplier: "sandbox",
      cost: 31.5,
      currency: "EUR",
      key: { delivered: false, delivery_method: "email" },
    });
    expect(fulfilled.data.lines).toHaveLength(2);
    expect((fulfilled.data.lines as { cost: number }[])[1]).toMatchObject({
      quantity: 3,
      cost: 38.7,
      supplier: "sandbox",
    });
    expect(events[2].json.data).toMatchObject({
      key: { delivered: true, delivery_method: "email" },
    });
  });

  it("signs each body so the contract's PHP snippet and Standard Webhooks verifiers accept it", async () => {
    const delivered = await waitFor(() => receiver.events("order.delivered")[0]);
    const signature = String(delivered.headers["x-pcdkeys-signature"]);
    expect(signature).toBe(
      createHmac("sha256", endpoint.secret).update(delivered.body).digest("hex"),
    );

    // The contract's snippet, unchanged but for where the body and header come from.
    const php = `$payload = file_get_contents('php://stdin'); $signature = getenv('SIG'); $secret = getenv('SECRET');
      $expected = hash_hmac('sha256', $payload, $secret); if (hash_equals($expected, $signature)) { echo "valid"; } else { echo "invalid"; }`;
    const run = (body: string) =>
      execFileSync("php", ["-r", php], {
        input: body,
        env: { ...process.env, SIG: signature, SECRET: endpoint.secret },
      }).toString();
    expect(run(delivered.body)).toBe("valid");
    expect(run(delivered.body.replace("delivered", "fulfilled"))).toBe("invalid");

    const id = String(delivered.headers["webhook-id"]);
    const timestamp = String(delivered.headers["webhook-timestamp"]);
    const key = Buffer.from(endpoint.secret.replace(/^whsec_/, ""), "base64");
    const expected = createHmac("sha256", key)
      .update(`${id}.${timestamp}.${delivered.body}`)
      .digest("base64");
    expect(delivered.headers["webhook-signature"]).toBe(`v1,${expected}`);
    expect(Math.abs(Date.now() / 1000 - Number(timestamp))).toBeLessThan(60);
  });
});

describe("a failing receiver", () => {
  it("pauses the endpoint after 5 failures, loses nothing, and resume delivers in order", async () => {
    const before = receiver.received.length;
    receiver.failNext(5);
    const first = await deliverShopifyOrder();
    const second = await deliverShopifyOrder();

    const paused = await waitFor(async () => {
      const row = await server.platform.db.prisma.webhookEndpoint.findUnique({
        where: { id: endpoint.id },
      });
      return row && !row.active ? row : undefined;
    });
    expect(paused.consecutiveFailures).toBe(5);
    const listed = await (await api("GET", "/api/v1/webhooks")).json();
    expect(listed.data[0]).toMatchObject({ id: endpoint.id, status: "paused" });
    expect(receiver.received.length).toBe(before);

    const pending = await (
      await api("GET", `/api/v1/webhooks/${endpoint.id}/deliveries?status=pending`)
    ).json();
    expect(pending.meta.total).toBe(6);
    expect(
      pending.data.some(
        (delivery: { attempt_log: unknown[] }) => delivery.attempt_log.length === 5,
      ),
    ).toBe(true);

    expect((await api("POST", `/api/v1/webhooks/${endpoint.id}/resume`)).status).toBe(200);
    const arrived = await waitFor(() =>
      receiver.received.length >= before + 6 ? receiver.events().slice(-6) : undefined,
    );
    expect(arrived.map((event) => [event.json.data.order_id, event.json.event])).toEqual([
      [first.id, "order.created"],
      [first.id, "order.fulfilled"],
      [first.id, "order.delivered"],
      [second.id, "order.created"],
      [second.id, "order.fulfilled"],
      [second.id, "order.delivered"],
    ]);
  });

  it("replays a delivery with the same bytes and sends a test delivery on demand", async () => {
    const list = await (
      await api("GET", `/api/v1/webhooks/${endpoint.id}/deliveries?status=succeeded&limit=1`)
    ).json();
    const original = list.data[0];
    const count = receiver.received.length;
    const replay = await api(
      "POST",
      `/api/v1/webhooks/${endpoint.id}/deliveries/${original.id}/replay`,
    );
    expect(replay.status).toBe(202);
    await waitFor(() => receiver.received.length > count);
    expect(receiver.received.at(-1)!.body).toBe(
      receiver.received.find((entry) => entry.headers["webhook-id"] === original.id)!.body,
    );

    const test = await (await api("POST", `/api/v1/webhooks/${endpoint.id}/test`)).json();
    expect(test.data).toMatchObject({ delivered: true, status_code: 200 });
    expect(receiver.events("webhook.test")).toHaveLength(1);
  });
});

describe("webhook endpoint input", () => {
  it.each([
    [{ url: "ftp://example.com/x", events: ["order.created"] }, "VALIDATION_ERROR"],
    [{ url: "https://example.com/x", events: ["order.exploded"] }, "VALIDATION_ERROR"],
    [{ url: "https://example.com/x" }, "VALIDATION_ERROR"],
  ])("refuses %j", async (body, code) => {
    const response = await api("POST", "/api/v1/webhooks", body);
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe(code);
  });

  it("refuses private and loopback targets unless allowed", async () => {
    const strict = await startTestServer({ WEBHOOK_ALLOW_PRIVATE_TARGETS: "false" });
    try {
      for (const url of [
        "http://127.0.0.1:9/x",
        "http://169.254.169.254/latest",
        "http://[::1]/x",
        "http://10.0.0.8/x",
      ]) {
        const response = await fetch(`${strict.url}/api/v1/webhooks`, {
          method: "POST",
          headers: {
            authorization: `Bearer ${strict.demo.api_key}`,
            "content-type": "application/json",
          },
          body: JSON.stringify({ url, events: ["order.created"] }),
        });
        expect(response.status).toBe(400);
      }
    } finally {
      await strict.close();
    }
  });
});
