import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createApiKey,
  MAX_SIGNING_RETIRED_SECRETS,
  signHex,
  signStandardWebhook,
} from "@premiumcdkeys/core";
import { verifyWebhookSignature } from "../../packages/sdk/src/index.ts";
import { apiClient } from "../support/api-client.ts";
import { startTestServer, waitFor, type TestServer } from "../support/test-server.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.ts";

let server: TestServer;
let receiver: WebhookReceiver;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  server = await startTestServer();
  receiver = await startWebhookReceiver();
  api = apiClient(server.url, server.demo.api_key);
});
afterAll(async () => {
  await server?.close();
  await receiver?.close();
});

async function createEndpoint(events = ["order.created", "order.delivered"]) {
  const created = await api("POST", "/webhooks", {
    body: { url: receiver.url, events, description: "integration" },
  });
  expect(created.status).toBe(201);
  return created.body.data as { id: string; secret: string };
}

describe("webhook endpoint management", () => {
  it("creates, reads, updates and deletes an endpoint", async () => {
    const { id, secret } = await createEndpoint();
    expect(secret).toMatch(/^whsec_/);

    const read = await api("GET", `/webhooks/${id}`);
    expect(read.body.data).toMatchObject({
      id,
      url: receiver.url,
      status: "active",
      active: true,
      description: "integration",
    });
    expect(read.text).not.toContain(secret);

    const disabled = await api("PATCH", `/webhooks/${id}`, {
      body: { active: false, events: ["order.failed"] },
    });
    expect(disabled.body.data).toMatchObject({
      status: "disabled",
      active: false,
      events: ["order.failed"],
    });
    const enabled = await api("PATCH", `/webhooks/${id}`, { body: { active: true } });
    expect(enabled.body.data).toMatchObject({ status: "active", active: true });

    const list = await api("GET", "/webhooks");
    expect(list.body.data.map((endpoint: { id: string }) => endpoint.id)).toContain(id);

    const removed = await api("DELETE", `/webhooks/${id}`);
    expect(removed.status).toBe(204);
    expect((await api("GET", `/webhooks/${id}`)).status).toBe(404);
    expect((await api("DELETE", `/webhooks/${id}`)).status).toBe(404);
  });

  it.each([
    // Private and loopback targets are allowed in these tests (the receiver is on loopback);
    // their refusal is covered by target-policy.test.ts and the outgoing-webhooks suite.
    ["credentials", { url: "https://user:pw@example.com/h", events: ["order.created"] }, "url"],
    ["not a URL", { url: "::::", events: ["order.created"] }, "url"],
    ["a non-http scheme", { url: "file:///etc/passwd", events: ["order.created"] }, "url"],
    ["an unknown event", { url: "https://example.com/h", events: ["order.eaten"] }, "events.0"],
    ["no events", { url: "https://example.com/h", events: [] }, "events"],
    ["an unknown field", { url: "https://example.com/h", events: ["order.created"], x: 1 }, "x"],
  ])("refuses %s with 400 naming the field", async (_name, body, field) => {
    const answer = await api("POST", "/webhooks", { body });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe("VALIDATION_ERROR");
    expect(answer.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(
      field,
    );
  });

  it("refuses an empty or malformed PATCH and changes nothing", async () => {
    const { id } = await createEndpoint();
    const empty = await api("PATCH", `/webhooks/${id}`, { body: {} });
    expect(empty.status).toBe(400);
    const malformed = await api("PATCH", `/webhooks/${id}`, {
      rawBody: '{"active": tru',
      headers: { "content-type": "application/json" },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe("MALFORMED_JSON");
    const hostile = await api("PATCH", `/webhooks/${id}`, {
      body: { url: "javascript:alert(1)" },
    });
    expect(hostile.status).toBe(400);
    const read = await api("GET", `/webhooks/${id}`);
    expect(read.body.data).toMatchObject({ url: receiver.url, active: true });
  });
});

describe("GET /webhooks", () => {
  it("lists endpoints a page at a time, oldest first, like orders", async () => {
    // An account of its own: the other tests' endpoints do not count here.
    const prisma = server.platform.db.prisma;
    const account = await prisma.account.create({ data: { name: "Paged" } });
    const { key } = await createApiKey(prisma, account.id, "pages", {
      permissions: ["read", "process"],
    });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await api("POST", "/webhooks", {
        key,
        body: { url: receiver.url, events: ["order.created"] },
      });
      ids.push(created.body.data.id);
    }

    const all = await api("GET", "/webhooks", { key });
    expect(all.body.meta).toEqual({ total: 3, page: 1, limit: 20, pages: 1 });
    expect(all.body.data.map((row: { id: string }) => row.id)).toEqual(ids);
    const first = await api("GET", "/webhooks?limit=2", { key });
    expect(first.body.meta).toEqual({ total: 3, page: 1, limit: 2, pages: 2 });
    const second = await api("GET", "/webhooks?limit=2&page=2", { key });
    expect([...first.body.data, ...second.body.data].map((row: { id: string }) => row.id)).toEqual(
      ids,
    );
    const past = await api("GET", "/webhooks?page=9", { key });
    expect(past.body).toMatchObject({ data: [], meta: { total: 3, page: 9 } });

    for (const query of ["limit=0", "limit=101", "page=0", "limit=1e1", "page=x"]) {
      const bad = await api("GET", `/webhooks?${query}`, { key });
      expect(bad.status, query).toBe(400);
      expect(bad.body.error.details.fields[0].field).toBe(query.split("=")[0]);
    }
  });
});

describe("POST /webhooks/{id}/rotate-secret", () => {
  it("signs with the new secret, and with the old one alongside for 24 hours", async () => {
    const { id, secret: oldSecret } = await createEndpoint();
    const rotated = await api("POST", `/webhooks/${id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    const newSecret = rotated.body.data.secret as string;
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(oldSecret);
    const until = Date.parse(rotated.body.data.previous_secret_expires_at);
    expect(until - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    expect(until - Date.now()).toBeLessThanOrEqual(24 * 3600_000);

    receiver.received.length = 0;
    const test = await api("POST", `/webhooks/${id}/test`);
    expect(test.body.data).toMatchObject({ delivered: true, status_code: 200 });
    const [received] = receiver.received;
    const headers = received.headers;

    // The contract's check: hex HMAC-SHA256 of the body with the (new) secret.
    const phpStyle = createHmac("sha256", newSecret).update(received.body).digest("hex");
    expect(headers["x-pcdkeys-signature"]).toBe(phpStyle);
    expect(headers["x-pcdkeys-signature-previous"]).toBe(signHex(received.body, oldSecret));
    const standard = String(headers["webhook-signature"]).split(" ");
    const signed = {
      id: String(headers["webhook-id"]),
      timestamp: String(headers["webhook-timestamp"]),
      body: received.body,
    };
    expect(standard).toEqual([
      signStandardWebhook({ ...signed, secret: newSecret }),
      signStandardWebhook({ ...signed, secret: oldSecret }),
    ]);
  });

  it("stops signing with the old secret once its 24 hours are over", async () => {
    const { id } = await createEndpoint();
    await api("POST", `/webhooks/${id}/rotate-secret`);
    await server.platform.db.prisma.webhookRetiredSecret.updateMany({
      where: { endpointId: id },
      data: { signsUntil: new Date(Date.now() - 1000) },
    });
    receiver.received.length = 0;
    await api("POST", `/webhooks/${id}/test`);
    const [received] = receiver.received;
    expect(received.headers["x-pcdkeys-signature-previous"]).toBeUndefined();
    expect(String(received.headers["webhook-signature"]).split(" ")).toHaveLength(1);
    const read = await api("GET", `/webhooks/${id}`);
    expect(read.body.data.previous_secret_expires_at).toBeNull();
  });
});

describe("several rotations within 24 hours", () => {
  /** Rotates `count` times; answers every secret the endpoint had, oldest first. */
  async function rotations(count: number) {
    const { id, secret } = await createEndpoint();
    const secrets = [secret];
    for (let i = 0; i < count; i++) {
      const rotated = await api("POST", `/webhooks/${id}/rotate-secret`);
      expect(rotated.status).toBe(200);
      secrets.push(rotated.body.data.secret);
    }
    return { id, secrets };
  }

  /** The headers of a test delivery, and those of a replay of it, which the worker sends. */
  async function signedTwice(id: string) {
    receiver.received.length = 0;
    await api("POST", `/webhooks/${id}/test`);
    const deliveries = await api("GET", `/webhooks/${id}/deliveries?limit=1`);
    await api("POST", `/webhooks/${id}/deliveries/${deliveries.body.data[0].id}/replay`);
    await waitFor(() => receiver.received.length >= 2);
    return receiver.received.slice(0, 2);
  }

  it("keeps every retired secret signing beside the current one", async () => {
    const { id, secrets } = await rotations(3);
    const [current, ...retired] = [...secrets].reverse();

    for (const received of await signedTwice(id)) {
      const { headers, body } = received;
      expect(headers["x-pcdkeys-signature"]).toBe(
        createHmac("sha256", current).update(body).digest("hex"),
      );
      expect(headers["x-pcdkeys-signature-previous"]).toBe(
        retired.map((secret) => createHmac("sha256", secret).update(body).digest("hex")).join(", "),
      );
      const signed = {
        id: String(headers["webhook-id"]),
        timestamp: String(headers["webhook-timestamp"]),
        body,
      };
      expect(String(headers["webhook-signature"]).split(" ")).toEqual(
        [current, ...retired].map((secret) => signStandardWebhook({ ...signed, secret })),
      );

      // The JavaScript client accepts every one of the four secrets given both headers, and
      // only the current one given the contract's header alone.
      const both = [headers["x-pcdkeys-signature"], headers["x-pcdkeys-signature-previous"]];
      for (const secret of secrets) expect(verifyWebhookSignature(body, both, secret)).toBe(true);
      expect(verifyWebhookSignature(body, both, "whsec_other")).toBe(false);
      const alone = headers["x-pcdkeys-signature"];
      expect(retired.map((secret) => verifyWebhookSignature(body, alone, secret))).toEqual([
        false,
        false,
        false,
      ]);
    }

    const read = await api("GET", `/webhooks/${id}`);
    const until = Date.parse(read.body.data.previous_secret_expires_at);
    expect(until - Date.now()).toBeGreaterThan(23.9 * 3600_000);
  });

  it("drops only the secrets whose 24 hours are over", async () => {
    const { id, secrets } = await rotations(2);
    const prisma = server.platform.db.prisma;
    const oldest = await prisma.webhookRetiredSecret.findFirstOrThrow({
      where: { endpointId: id },
      orderBy: { signsUntil: "asc" },
    });
    await prisma.webhookRetiredSecret.update({
      where: { id: oldest.id },
      data: { signsUntil: new Date(Date.now() - 1000) },
    });

    const [received] = await signedTwice(id);
    expect(received.headers["x-pcdkeys-signature-previous"]).toBe(
      signHex(received.body, secrets[1]),
    );
    expect(String(received.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    const both = [
      received.headers["x-pcdkeys-signature"],
      received.headers["x-pcdkeys-signature-previous"],
    ];
    expect(verifyWebhookSignature(received.body, both, secrets[0])).toBe(false);
  });

  it(`refuses a rotation with 409 while ${MAX_SIGNING_RETIRED_SECRETS} retired secrets sign`, async () => {
    const { id, secrets } = await rotations(MAX_SIGNING_RETIRED_SECRETS);
    const refused = await api("POST", `/webhooks/${id}/rotate-secret`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: "ROTATION_LIMIT_REACHED",
      details: { retired_secrets: MAX_SIGNING_RETIRED_SECRETS },
    });
    expect(refused.text).not.toContain("whsec_");

    // Nothing changed: the last secret still signs, with all ten retired ones beside it.
    receiver.received.length = 0;
    await api("POST", `/webhooks/${id}/test`);
    const [received] = receiver.received;
    expect(received.headers["x-pcdkeys-signature"]).toBe(signHex(received.body, secrets.at(-1)!));
    expect(String(received.headers["x-pcdkeys-signature-previous"]).split(", ")).toHaveLength(
      MAX_SIGNING_RETIRED_SECRETS,
    );

    // After a leak: expire_previous rotates past the limit and only the new secret signs.
    const emergency = await api("POST", `/webhooks/${id}/rotate-secret`, {
      body: { expire_previous: true },
    });
    expect(emergency.status).toBe(200);
    const fresh = emergency.body.data.secret as string;
    receiver.received.length = 0;
    await api("POST", `/webhooks/${id}/test`);
    const [after] = receiver.received;
    expect(after.headers["x-pcdkeys-signature"]).toBe(signHex(after.body, fresh));
    expect(after.headers["x-pcdkeys-signature-previous"]).toBeUndefined();
    expect(String(after.headers["webhook-signature"]).split(" ")).toHaveLength(1);
    for (const old of secrets)
      expect(verifyWebhookSignature(after.body, after.headers["x-pcdkeys-signature"], old)).toBe(
        false,
      );

    const wrong = await api("POST", `/webhooks/${id}/rotate-secret`, {
      body: { expire_previous: "yes" },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.fields[0].field).toBe("expire_previous");
  });
});

describe("deliveries", () => {
  it("lists deliveries filtered by status and event, and replays one", async () => {
    const { id } = await createEndpoint(["order.created", "order.failed"]);
    await api("POST", `/webhooks/${id}/test`);
    receiver.failNext(1);
    await api("POST", `/webhooks/${id}/test`);

    const all = await api("GET", `/webhooks/${id}/deliveries`);
    expect(all.body.meta).toMatchObject({ total: 2, page: 1, limit: 20, pages: 1 });
    const failed = await api("GET", `/webhooks/${id}/deliveries?status=failed`);
    expect(failed.body.data).toHaveLength(1);
    expect(failed.body.data[0].attempt_log[0].status_code).toBe(500);
    const byEvent = await api("GET", `/webhooks/${id}/deliveries?event=webhook.test&limit=1`);
    expect(byEvent.body.meta).toMatchObject({ total: 2, pages: 2 });
    const none = await api("GET", `/webhooks/${id}/deliveries?event=order.created`);
    expect(none.body.data).toHaveLength(0);

    for (const query of ["status=lost", "event=order.eaten", "limit=500", "page=0"]) {
      const bad = await api("GET", `/webhooks/${id}/deliveries?${query}`);
      expect(bad.status, query).toBe(400);
    }

    const replay = await api("POST", `/webhooks/${id}/deliveries/${failed.body.data[0].id}/replay`);
    expect(replay.status).toBe(202);
    expect(replay.body.data.replay_of).toBe(failed.body.data[0].id);
    await waitFor(() => receiver.received.length >= 2);
    const missing = await api("POST", `/webhooks/${id}/deliveries/${crypto.randomUUID()}/replay`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("DELIVERY_NOT_FOUND");
  });
});

describe("permissions and tenants", () => {
  it("refuses changes to a read-only key with 403 FORBIDDEN", async () => {
    const { id } = await createEndpoint();
    const reader = await createApiKey(server.platform.db.prisma, server.demo.account_id, "reader", {
      permissions: ["read"],
    });
    const options = { key: reader.key };
    expect((await api("GET", `/webhooks/${id}`, options)).status).toBe(200);
    for (const [method, path] of [
      ["POST", "/webhooks"],
      ["PATCH", `/webhooks/${id}`],
      ["DELETE", `/webhooks/${id}`],
      ["POST", `/webhooks/${id}/rotate-secret`],
      ["POST", `/webhooks/${id}/resume`],
      ["POST", `/webhooks/${id}/test`],
    ]) {
      const answer = await api(method, path, {
        ...options,
        body: method === "GET" || method === "DELETE" ? undefined : { active: true },
      });
      expect(answer.status, `${method} ${path}`).toBe(403);
      expect(answer.body.error.code).toBe("FORBIDDEN");
    }
    expect((await api("GET", `/webhooks/${id}`)).body.data.active).toBe(true);
  });

  it("keeps sandbox and live endpoints apart", async () => {
    const prisma = server.platform.db.prisma;
    const live = await createApiKey(prisma, server.demo.account_id, "live", { mode: "live" });
    const { id } = await createEndpoint();
    expect((await api("GET", `/webhooks/${id}`, { key: live.key })).status).toBe(404);
    const liveList = await api("GET", "/webhooks", { key: live.key });
    expect(liveList.body.data).toEqual([]);
  });
});
