import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, checkAnswer } from "../support/api-client.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  server = await startTestServer();
  api = apiClient(server.url, server.demo.api_key);
});
afterAll(() => server?.close());

const prisma = () => server.platform.db.prisma;
const endpointBody = { url: "http://127.0.0.1:9/h", events: ["order.created"] };

/** Sends bytes with exactly the headers given: fetch adds no Content-Type to a Uint8Array. */
async function send(method: string, path: string, body: string, headers: Record<string, string>) {
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${server.demo.api_key}`, ...headers },
    body: new TextEncoder().encode(body),
  });
  await checkAnswer(method, path, response);
  return { status: response.status, body: (await response.json()) as Record<string, never> };
}

describe("a request body that is not JSON", () => {
  it.each([
    ["text/plain", "text/plain"],
    ["form encoding", "application/x-www-form-urlencoded"],
    ["multipart", "multipart/form-data; boundary=x"],
    ["a JSON type in another charset", "application/json; charset=iso-8859-1"],
    ["a look-alike type", "application/jsonp"],
  ])("refuses %s with 415 and creates nothing", async (_name, contentType) => {
    const before = await prisma().webhookEndpoint.count();
    const answer = await send("POST", "/webhooks", JSON.stringify(endpointBody), {
      "content-type": contentType,
    });
    expect(answer.status).toBe(415);
    expect(answer.body).toEqual({
      error: {
        code: "UNSUPPORTED_MEDIA_TYPE",
        message: expect.any(String),
        details: { content_type: contentType, accepted: ["application/json"] },
      },
    });
    expect(await prisma().webhookEndpoint.count()).toBe(before);
  });

  it("refuses a body sent without any Content-Type", async () => {
    const before = await prisma().webhookEndpoint.count();
    const answer = await send("POST", "/webhooks", JSON.stringify(endpointBody), {});
    expect(answer.status).toBe(415);
    expect(answer.body.error).toMatchObject({ details: { content_type: null } });
    expect(await prisma().webhookEndpoint.count()).toBe(before);
  });

  it("refuses a PATCH in form encoding and leaves the endpoint as it was", async () => {
    const created = await api("POST", "/webhooks", { body: endpointBody });
    const id = created.body.data.id;
    const answer = await send("PATCH", `/webhooks/${id}`, "active=false", {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(answer.status).toBe(415);
    expect((await api("GET", `/webhooks/${id}`)).body.data.active).toBe(true);
  });

  it("judges the body of operations that take none too", async () => {
    const created = await api("POST", "/webhooks", { body: endpointBody });
    const id = created.body.data.id;
    const answer = await send("POST", `/webhooks/${id}/rotate-secret`, "{}", {
      "content-type": "text/plain",
    });
    expect(answer.status).toBe(415);
    expect(await prisma().webhookRetiredSecret.count({ where: { endpointId: id } })).toBe(0);
  });
});

describe("a JSON body", () => {
  it.each([
    "application/json; charset=utf-8",
    "Application/JSON;Charset=UTF-8",
    "application/json",
  ])("is accepted as %s", async (contentType) => {
    const answer = await send("POST", "/webhooks", JSON.stringify(endpointBody), {
      "content-type": contentType,
    });
    expect(answer.status).toBe(201);
  });

  it("is not needed when there is no body", async () => {
    const created = await api("POST", "/webhooks", { body: endpointBody });
    const response = await fetch(
      `${server.url}/api/v1/webhooks/${created.body.data.id}/rotate-secret`,
      { method: "POST", headers: { authorization: `Bearer ${server.demo.api_key}` } },
    );
    await checkAnswer("POST", `/webhooks/${created.body.data.id}/rotate-secret`, response);
    expect(response.status).toBe(200);
  });

  it("leaves unknown paths and methods their 404 and 405", async () => {
    const unknown = await api("POST", "/nothing", {
      rawBody: "x",
      headers: { "content-type": "text/plain" },
    });
    expect(unknown.status).toBe(404);
    const wrongMethod = await api("POST", "/suppliers", {
      rawBody: "x",
      headers: { "content-type": "text/plain" },
    });
    expect(wrongMethod.status).toBe(405);
  });
});

describe("bodies of operations that take no fields, and deep bodies", () => {
  it.each(["rotate-secret", "resume", "test"])(
    "refuses a field sent to %s, naming it, and changes nothing",
    async (operation) => {
      const created = await api("POST", "/webhooks", { body: endpointBody });
      const id = created.body.data.id as string;
      const before = await prisma().webhookEndpoint.findUniqueOrThrow({ where: { id } });

      const answer = await api("POST", `/webhooks/${id}/${operation}`, { body: { x: 1 } });
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({
        code: "VALIDATION_ERROR",
        details: { fields: [{ field: "x", message: "Unknown field" }] },
      });
      const after = await prisma().webhookEndpoint.findUniqueOrThrow({ where: { id } });
      expect(after).toEqual(before);
      expect(await prisma().webhookDelivery.count({ where: { endpointId: id } })).toBe(0);
    },
  );

  it.each([
    ["arrays", "[".repeat(100_000) + "]".repeat(100_000)],
    ["objects", '{"a":'.repeat(50_000) + "1" + "}".repeat(50_000)],
  ])("refuses JSON nested 100,000 deep in %s with 400, not a crash", async (_name, deep) => {
    const before = await prisma().webhookEndpoint.count();
    for (const path of ["/webhooks", `/orders/${crypto.randomUUID()}/process`]) {
      const answer = await api("POST", path, {
        rawBody: deep,
        headers: { "content-type": "application/json" },
      });
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe("MALFORMED_JSON");
    }
    expect(await prisma().webhookEndpoint.count()).toBe(before);
  });

  it("still accepts a body nested as deep as the API's own shapes, and brackets in strings", async () => {
    const body = { ...endpointBody, description: "[[[[{{{{" + "[".repeat(100) };
    const answer = await api("POST", "/webhooks", { body });
    expect(answer.status).toBe(201);
  });
});
