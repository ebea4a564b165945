import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, type ApiAnswer } from "../support/api-client.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  server = await startTestServer();
  api = apiClient(server.url, server.demo.api_key);
});
afterAll(() => server?.close());

function expectFieldRefused(answer: ApiAnswer, field: string) {
  expect(answer.status).toBe(400);
  expect(answer.body.error.code).toBe("VALIDATION_ERROR");
  expect(answer.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual([field]);
}

describe("a query parameter given more than once", () => {
  it.each([
    ["/orders?status=pending&status=delivered", "status"],
    ["/orders?status=pending&status=pending", "status"],
    ["/orders?limit=5&limit=10", "limit"],
    ["/products?page=1&page=2", "page"],
    ["/orders/00000000-0000-4000-8000-000000000000?include=keys&include=keys", "include"],
    ["/suppliers?x=1&x=2", "x"],
  ])("answers %s with 400 naming %s", async (path, field) => {
    const answer = await api("GET", path);
    expectFieldRefused(answer, field);
    expect(answer.headers.get("x-ratelimit-limit")).toMatch(/^\d+$/);
  });

  it("refuses a repeated api_key with 400, even when both are the same valid key", async () => {
    const key = server.demo.api_key;
    const answer = await api("GET", `/orders?api_key=${key}&api_key=${key}`, { key: null });
    expectFieldRefused(answer, "api_key");
    // The same key given once is accepted, so the refusal is the repetition's.
    expect((await api("GET", `/orders?api_key=${key}`, { key: null })).status).toBe(200);
  });

  it("names every repeated parameter at once", async () => {
    const answer = await api("GET", "/orders?limit=1&page=1&limit=2&page=2");
    expect(answer.status).toBe(400);
    const fields = answer.body.error.details.fields.map((f: { field: string }) => f.field);
    expect(fields.sort()).toEqual(["limit", "page"]);
  });
});

describe("integer query parameters", () => {
  it.each([
    ["limit=1e2", "limit"],
    ["limit=0x10", "limit"],
    ["limit=%2B5", "limit"],
    ["limit=+5", "limit"],
    ["limit=%205", "limit"],
    ["limit=5%20", "limit"],
    ["limit=-1", "limit"],
    ["limit=", "limit"],
    ["page=1.0", "page"],
    ["page=1e0", "page"],
    ["page=99999999999999999999", "page"],
  ])("refuses %s with 400 naming %s", async (query, field) => {
    for (const path of ["/orders", "/products"]) {
      expectFieldRefused(await api("GET", `${path}?${query}`), field);
    }
  });

  it("accepts plain decimal digits, leading zeros included", async () => {
    const answer = await api("GET", "/products?limit=002&page=01");
    expect(answer.status).toBe(200);
    expect(answer.body.meta).toMatchObject({ limit: 2, page: 1 });
  });

  it("checks the delivery list's integers the same way", async () => {
    const created = await api("POST", "/webhooks", {
      body: { url: "http://127.0.0.1:9/h", events: ["order.created"] },
    });
    const path = `/webhooks/${created.body.data.id}/deliveries`;
    expectFieldRefused(await api("GET", `${path}?limit=1e1`), "limit");
    expectFieldRefused(await api("GET", `${path}?page=2&page=3`), "page");
    expect((await api("GET", `${path}?limit=10`)).status).toBe(200);
  });
});
