// The JavaScript client against the real server: webhook endpoint management (with real signed
// deliveries to a receiver on loopback), products and suppliers.
import { SETUP_TIMEOUT_MS } from "./timeouts.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DeliveryNotFoundError,
  PremiumCDKeys,
  ProductNotFoundError,
  RotationLimitReachedError,
  SupplierNotFoundError,
  ValidationError,
  verifyWebhookSignature,
  WebhookNotFoundError,
  type WebhookEndpointWithSecret,
} from "../../packages/sdk/src/index.ts";
import { startTestServer, waitFor, type TestServer } from "../support/test-server.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.ts";

let server: TestServer;
let receiver: WebhookReceiver;
let client: PremiumCDKeys;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  server = await startTestServer();
  client = new PremiumCDKeys(server.demo.api_key, { baseUrl: server.url });
}, SETUP_TIMEOUT_MS);
afterAll(async () => {
  await server?.close();
  await receiver?.close();
});

describe("webhook endpoints", () => {
  let endpoint: WebhookEndpointWithSecret;

  beforeAll(async () => {
    endpoint = await client.webhooks.create({
      url: receiver.url,
      events: ["order.created", "order.failed"],
    });
  });

  it("creates an endpoint and shows its secret once", async () => {
    expect(endpoint).toMatchObject({
      url: receiver.url,
      events: ["order.created", "order.failed"],
      status: "active",
      secret: expect.stringMatching(/^whsec_/),
    });

    const listed = await client.webhooks.list();
    expect(listed.meta).toMatchObject({ page: 1, limit: 20 });
    expect(listed.data.map((row) => row.id)).toContain(endpoint.id);
    expect(listed.data.find((row) => row.id === endpoint.id)).not.toHaveProperty("secret");
  });

  it("lists endpoints a page at a time, and iterate() walks every page", async () => {
    const extra = [];
    for (let i = 0; i < 3; i++) {
      extra.push(await client.webhooks.create({ url: receiver.url, events: ["stock.low"] }));
    }
    const first = await client.webhooks.list({ limit: 2 });
    expect(first.data).toHaveLength(2);
    expect(first.meta.pages).toBe(Math.ceil(first.meta.total / 2));

    const walked = [];
    for await (const row of client.webhooks.iterate({ limit: 2 })) walked.push(row.id);
    expect(walked).toHaveLength(first.meta.total);
    expect(walked).toEqual(expect.arrayContaining(extra.map((row) => row.id)));
    for (const row of extra) await client.webhooks.delete(row.id);
  });

  it("sends a test delivery whose signature verifyWebhookSignature accepts", async () => {
    const result = await client.webhooks.test(endpoint.id);
    expect(result).toMatchObject({ delivered: true, status_code: 200 });

    const delivery = await waitFor(() => receiver.events("webhook.test")[0]);
    const signature = delivery.headers["x-pcdkeys-signature"];
    expect(verifyWebhookSignature(delivery.body, signature, endpoint.secret)).toBe(true);
    expect(verifyWebhookSignature(Buffer.from(delivery.body), signature, endpoint.secret)).toBe(
      true,
    );
    expect(verifyWebhookSignature(delivery.body + " ", signature, endpoint.secret)).toBe(false);
    expect(verifyWebhookSignature(delivery.body, signature, "whsec_other")).toBe(false);
  });

  it("lists deliveries with their attempt log and replays one", async () => {
    const page = await client.webhooks.deliveries(endpoint.id, { status: "succeeded" });
    expect(page.data.length).toBeGreaterThan(0);
    expect(page.data[0].attempt_log[0]).toMatchObject({ status_code: 200 });

    const tests = await client.webhooks.deliveries(endpoint.id, { event: "webhook.test" });
    expect(tests.data.map((delivery) => delivery.event)).toEqual(["webhook.test"]);
    const none = await client.webhooks.deliveries(endpoint.id, { event: "order.failed" });
    expect(none.meta.total).toBe(0);

    const all = [];
    for await (const delivery of client.webhooks.iterateDeliveries(endpoint.id, { limit: 1 })) {
      all.push(delivery);
    }
    expect(all.length).toBe(page.meta.total);

    const count = receiver.received.length;
    const replay = await client.webhooks.replay(endpoint.id, page.data[0].id);
    expect(replay).toMatchObject({ replay_of: page.data[0].id });
    await waitFor(() => receiver.received.length > count);
  });

  it("throws a ValidationError for a bad endpoint and WebhookNotFoundError for an unknown one", async () => {
    const invalid = await client.webhooks
      .create({ url: "ftp://example.com/x", events: ["order.created"] })
      .catch((caught: unknown) => caught);
    expect(invalid).toBeInstanceOf(ValidationError);

    await expect(client.webhooks.resume(crypto.randomUUID())).rejects.toBeInstanceOf(
      WebhookNotFoundError,
    );
    await expect(client.webhooks.replay(endpoint.id, crypto.randomUUID())).rejects.toBeInstanceOf(
      DeliveryNotFoundError,
    );
  });

  it("reads one endpoint", async () => {
    const read = await client.webhooks.get(endpoint.id);
    expect(read).toMatchObject({ id: endpoint.id, url: receiver.url, active: true });
    await expect(client.webhooks.get(crypto.randomUUID())).rejects.toBeInstanceOf(
      WebhookNotFoundError,
    );
  });

  it("updates events, url and active, changing only what is given", async () => {
    const paused = await client.webhooks.update(endpoint.id, { active: false });
    expect(paused).toMatchObject({ active: false, events: ["order.created", "order.failed"] });

    const changed = await client.webhooks.update(endpoint.id, {
      events: ["order.delivered"],
      url: `${receiver.url}?moved=1`,
      active: true,
    });
    expect(changed).toMatchObject({
      active: true,
      events: ["order.delivered"],
      url: `${receiver.url}?moved=1`,
    });

    await expect(
      client.webhooks.update(endpoint.id, { events: ["order.exploded" as "order.created"] }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it("rotates the secret: deliveries verify with the new one, and with the old one beside it", async () => {
    const rotated = await client.webhooks.rotateSecret(endpoint.id);
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(endpoint.secret);

    const before = receiver.events("webhook.test").length;
    await client.webhooks.test(endpoint.id);
    const delivery = await waitFor(() => receiver.events("webhook.test")[before]);
    const current = delivery.headers["x-pcdkeys-signature"];
    const previous = delivery.headers["x-pcdkeys-signature-previous"];
    expect(verifyWebhookSignature(delivery.body, current, rotated.secret)).toBe(true);
    // For 24 hours the old secret signs alongside, so receivers can switch without a gap.
    expect(verifyWebhookSignature(delivery.body, current, endpoint.secret)).toBe(false);
    expect(verifyWebhookSignature(delivery.body, [current, previous], endpoint.secret)).toBe(true);
    expect(verifyWebhookSignature(delivery.body, [current, previous], rotated.secret)).toBe(true);
  });

  it("verifies with every secret of several rotations, then throws RotationLimitReachedError", async () => {
    const fresh = await client.webhooks.create({ url: receiver.url, events: ["stock.low"] });
    const secrets = [fresh.secret];
    for (let i = 0; i < 10; i++)
      secrets.push((await client.webhooks.rotateSecret(fresh.id)).secret);

    const before = receiver.events("webhook.test").length;
    await client.webhooks.test(fresh.id);
    const delivery = await waitFor(() => receiver.events("webhook.test")[before]);
    const both = [
      delivery.headers["x-pcdkeys-signature"],
      delivery.headers["x-pcdkeys-signature-previous"],
    ];
    for (const secret of secrets)
      expect(verifyWebhookSignature(delivery.body, both, secret)).toBe(true);

    const refused = await client.webhooks.rotateSecret(fresh.id).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RotationLimitReachedError);
    expect(refused).toMatchObject({ status: 409, code: "ROTATION_LIMIT_REACHED" });

    // After a leak: expirePrevious rotates past the limit and only the new secret signs.
    const emergency = await client.webhooks.rotateSecret(fresh.id, { expirePrevious: true });
    const count = receiver.events("webhook.test").length;
    await client.webhooks.test(fresh.id);
    const after = await waitFor(() => receiver.events("webhook.test")[count]);
    expect(after.headers["x-pcdkeys-signature-previous"]).toBeUndefined();
    const signature = after.headers["x-pcdkeys-signature"];
    expect(verifyWebhookSignature(after.body, signature, emergency.secret)).toBe(true);
    expect(verifyWebhookSignature(after.body, signature, secrets.at(-1)!)).toBe(false);
    await client.webhooks.delete(fresh.id);
  });

  it("deletes an endpoint, after which it is not found", async () => {
    const doomed = await client.webhooks.create({ url: receiver.url, events: ["stock.low"] });

    await expect(client.webhooks.delete(doomed.id)).resolves.toBeUndefined();
    await expect(client.webhooks.get(doomed.id)).rejects.toBeInstanceOf(WebhookNotFoundError);
    await expect(client.webhooks.delete(doomed.id)).rejects.toBeInstanceOf(WebhookNotFoundError);
    expect((await client.webhooks.list()).data.map((row) => row.id)).not.toContain(doomed.id);
  });
});

describe("products", () => {
  it("lists the account's products and walks them page by page", async () => {
    const page = await client.products.list({ limit: 2 });
    expect(page.meta.total).toBe(server.demo.products.length);
    expect(page.data[0]).toEqual(
      expect.objectContaining({ id: expect.any(String), name: expect.any(String) }),
    );

    const names = [];
    for await (const product of client.products.iterate({ limit: 1 })) names.push(product.name);
    expect(names.sort()).toEqual(server.demo.products.map((product) => product.name).sort());
  });

  it("answers a product's stock across its suppliers", async () => {
    const product = server.demo.products[0];
    const stock = await client.products.stock(product.id);

    expect(stock).toMatchObject({ product_id: product.id, available: expect.any(Number) });
    expect(stock.offers).toEqual([
      expect.objectContaining({
        supplier: "sandbox",
        supplier_product_id: product.supplier_product_id,
      }),
    ]);
    await expect(client.products.stock(crypto.randomUUID())).rejects.toBeInstanceOf(
      ProductNotFoundError,
    );
  });
});

describe("suppliers", () => {
  it("lists the suppliers and asks one for a product's stock", async () => {
    const suppliers = await client.suppliers.list();
    expect(suppliers).toContainEqual(expect.objectContaining({ id: "sandbox", sandbox: true }));

    const stock = await client.suppliers.stock("sandbox", "SBX-STARFIELD-EU");
    expect(stock).toMatchObject({
      supplier: "sandbox",
      product_id: "SBX-STARFIELD-EU",
      available: expect.any(Number),
    });
  });

  it("throws SupplierNotFoundError for a supplier that does not exist", async () => {
    await expect(client.suppliers.stock("nobody", "SBX-STARFIELD-EU")).rejects.toBeInstanceOf(
      SupplierNotFoundError,
    );
  });
});
