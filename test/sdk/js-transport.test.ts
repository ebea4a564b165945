// The JavaScript client's HTTP behaviour in the cases the real server cannot be made to produce
// on demand (a 429 at a chosen moment, a hang, a proxy's HTML page, a redirect): a tiny scripted
// HTTP server on loopback answers instead. Everything else is tested against the real server.
import { afterEach, describe, expect, it } from "vitest";
import {
  ApiError,
  ConnectionError,
  InvalidResponseError,
  NotFoundError,
  PremiumCDKeys,
  RateLimitedError,
  ServerError,
  TimeoutError,
  type ClientOptions,
} from "../../packages/sdk/src/index.ts";
import {
  EMPTY_PAGE,
  json,
  rateLimited,
  startScriptedServer,
  type ScriptedAnswer,
  type ScriptedServer,
} from "./scripted-server.ts";

const KEY = "pck_test_0123456789abcdefghijklmnopqrstuv";
let servers: ScriptedServer[] = [];

afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function clientFor(script: ScriptedAnswer[], options: ClientOptions = {}) {
  const server = await startScriptedServer(script);
  servers.push(server);
  return { server, client: new PremiumCDKeys(KEY, { baseUrl: server.url, ...options }) };
}

describe("requests", () => {
  it("sends the key as a Bearer header only, never in the URL", async () => {
    const { server, client } = await clientFor([EMPTY_PAGE]);
    await client.orders.list({ status: "pending", from: new Date("2026-07-14T10:00:00Z") });

    const [request] = server.seen;
    expect(request.url).toBe("/api/v1/orders?status=pending&from=2026-07-14T10%3A00%3A00.000Z");
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.headers["user-agent"]).toMatch(/^premiumcdkeys-sdk-js\/\d+\.\d+\.\d+$/);
  });

  it("sends process with an Idempotency-Key, a fresh one per call unless given", async () => {
    const order = json(202, { data: { id: "o1" } });
    const { server, client } = await clientFor([order]);
    await client.orders.process("o1");
    await client.orders.process("o1");
    await client.orders.process("o1", { idempotencyKey: "mine-1" });

    const keys = server.seen.map((request) => request.headers["idempotency-key"]);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).not.toBe(keys[0]);
    expect(keys[2]).toBe("mine-1");
    expect(server.seen.map((request) => `${request.method} ${request.url}`)).toEqual(
      Array(3).fill("POST /api/v1/orders/o1/process"),
    );
    await expect(client.orders.process("o1", { idempotencyKey: "a\r\nb" })).rejects.toThrow(
      TypeError,
    );
    expect(server.seen).toHaveLength(3);
  });
});

describe("hostile answers", () => {
  it.each([
    ["a code that is not one", { error: { code: "<script>", message: "x", details: {} } }],
    ["a code that is not text", { error: { code: { toString: 1 }, message: 42, details: [] } }],
    ["no envelope", { message: "Not here" }],
  ])("falls back to the status's code for %s", async (_name, body) => {
    const { client } = await clientFor([json(404, body)]);
    const error = await client.orders.get("o1").catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: "NOT_FOUND", status: 404, details: {} });
  });

  it.each([
    ["null", "null"],
    ["a list", "[1,2]"],
    ["a page without meta", '{"data":[]}'],
  ])("throws InvalidResponseError for a 200 of %s", async (_name, body) => {
    const { client } = await clientFor([{ status: 200, body }]);
    await expect(client.orders.list()).rejects.toBeInstanceOf(InvalidResponseError);
  });

  it("keeps a base URL's path prefix and sends every id as one encoded segment", async () => {
    const { server } = await clientFor([json(200, { data: {} })]);
    const prefixed = new PremiumCDKeys(KEY, { baseUrl: `${server.url}/gateway/` });
    await prefixed.orders.get("a/../../b?c#d");
    await prefixed.suppliers.stock("sand box", "é/1");

    expect(server.seen.map((request) => request.url)).toEqual([
      "/gateway/api/v1/orders/a%2F..%2F..%2Fb%3Fc%23d",
      "/gateway/api/v1/suppliers/sand%20box/products/%C3%A9%2F1/stock",
    ]);
  });
});

describe("429 answers", () => {
  it("waits the Retry-After the server asked for, then sends the same request again", async () => {
    const { server, client } = await clientFor([rateLimited(1), EMPTY_PAGE]);
    const page = await client.orders.list();

    expect(page.data).toEqual([]);
    expect(server.seen).toHaveLength(2);
    expect(server.seen[1].at - server.seen[0].at).toBeGreaterThanOrEqual(950);
    expect(server.seen[1].url).toBe(server.seen[0].url);
  });

  it("waits until X-RateLimit-Reset when there is no Retry-After", async () => {
    const reset = rateLimited(0, 2);
    const headers: Record<string, string> = { ...reset.headers };
    delete headers["retry-after"];
    reset.headers = headers as typeof reset.headers;
    const { server, client } = await clientFor([reset, EMPTY_PAGE]);
    await client.orders.list();

    const resetAt = Number(headers["x-ratelimit-reset"]) * 1000;
    expect(server.seen[1].at).toBeGreaterThanOrEqual(resetAt - 5);
  });

  it("keeps the same Idempotency-Key when it retries a process call", async () => {
    const { server, client } = await clientFor([rateLimited(0), json(202, { data: { id: "o1" } })]);
    await client.orders.process("o1");

    expect(server.seen).toHaveLength(2);
    expect(server.seen[1].headers["idempotency-key"]).toBe(
      server.seen[0].headers["idempotency-key"],
    );
  });

  it("gives up after maxRetries with a RateLimitedError carrying the wait", async () => {
    const { server, client } = await clientFor([rateLimited(0)], { maxRetries: 2 });
    const error = await client.orders.list().catch((caught: unknown) => caught);

    expect(server.seen).toHaveLength(3);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ code: "RATE_LIMITED", status: 429, retryAfterMs: 0 });
    expect((error as RateLimitedError).rateLimit).toMatchObject({ limit: 60, remaining: 0 });
  });

  it("throws at once, without sleeping, when the wait is longer than maxRetryWaitMs", async () => {
    const { server, client } = await clientFor([rateLimited(3600)], { maxRetryWaitMs: 5_000 });
    const started = Date.now();
    const error = await client.orders.list().catch((caught: unknown) => caught);

    expect(Date.now() - started).toBeLessThan(1000);
    expect(server.seen).toHaveLength(1);
    expect((error as RateLimitedError).retryAfterMs).toBe(3_600_000);
  });

  it("stops waiting when the caller aborts, with the caller's reason", async () => {
    const { server, client } = await clientFor([rateLimited(30), EMPTY_PAGE]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user went away")), 100);

    await expect(client.orders.list({}, { signal: controller.signal })).rejects.toThrow(
      "user went away",
    );
    expect(server.seen).toHaveLength(1);
  });
});

describe("timeouts and connection failures", () => {
  it("throws a TimeoutError when no answer comes within timeoutMs", async () => {
    const { client } = await clientFor([{ status: 200, delayMs: Infinity }], { timeoutMs: 200 });
    const started = Date.now();
    const error = await client.orders.list().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ code: "TIMEOUT" });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("takes a per-call timeout over the client's", async () => {
    const { client } = await clientFor([{ ...EMPTY_PAGE, delayMs: 300 }], { timeoutMs: 50 });
    await expect(client.orders.list({}, { timeoutMs: 5000 })).resolves.toMatchObject({ data: [] });
    await expect(client.orders.list()).rejects.toBeInstanceOf(TimeoutError);
  });

  it("throws a ConnectionError when nothing listens", async () => {
    const { server, client } = await clientFor([EMPTY_PAGE]);
    await server.close();
    const error = await client.orders.list().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ code: "CONNECTION_ERROR" });
  });
});

describe("answers that are not the API's", () => {
  it("turns a proxy's HTML 502 into a ServerError", async () => {
    const { client } = await clientFor([{ status: 502, body: "<html>Bad gateway</html>" }]);
    const error = await client.orders.list().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ code: "SERVER_ERROR", status: 502, details: {} });
  });

  it("throws InvalidResponseError for a 200 that is not JSON or has no data", async () => {
    const { client } = await clientFor([
      { status: 200, body: "<html>captive portal</html>" },
      json(200, { hello: "world" }),
    ]);
    await expect(client.orders.list()).rejects.toBeInstanceOf(InvalidResponseError);
    await expect(client.orders.get("o1")).rejects.toBeInstanceOf(InvalidResponseError);
  });

  it("keeps an unknown error code of a newer server on a plain ApiError", async () => {
    const { client } = await clientFor([
      json(418, { error: { code: "TEAPOT", message: "Short and stout", details: { a: 1 } } }),
    ]);
    const error = await client.orders.list().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "TEAPOT", message: "Short and stout", details: { a: 1 } });
  });

  it("does not follow a redirect, so the key never travels to another server", async () => {
    const elsewhere = await startScriptedServer([EMPTY_PAGE]);
    servers.push(elsewhere);
    const { client } = await clientFor([
      { status: 302, headers: { location: `${elsewhere.url}/api/v1/orders` } },
    ]);
    const error = await client.orders.list().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 302, code: "HTTP_302" });
    expect(elsewhere.seen).toHaveLength(0);
  });
});

describe("construction", () => {
  it.each([
    ["no key", "", {}],
    ["a key with a line break", "pck_test_x\r\nX-Evil: 1", { baseUrl: "http://127.0.0.1:1" }],
    ["a base URL that is not one", KEY, { baseUrl: "not a url" }],
    ["a base URL of another scheme", KEY, { baseUrl: "file:///etc/passwd" }],
    ["a base URL with credentials", KEY, { baseUrl: "http://user:pass@127.0.0.1:1" }],
    ["a negative timeout", KEY, { baseUrl: "http://127.0.0.1:1", timeoutMs: -1 }],
  ])("refuses %s with a TypeError", (_name, key, options: ClientOptions) => {
    expect(() => new PremiumCDKeys(key, options)).toThrow(TypeError);
  });

  it("refuses to guess a server when neither baseUrl nor PREMIUMCDKEYS_BASE_URL is set", () => {
    const saved = process.env.PREMIUMCDKEYS_BASE_URL;
    delete process.env.PREMIUMCDKEYS_BASE_URL;
    try {
      expect(() => new PremiumCDKeys(KEY)).toThrow(/PREMIUMCDKEYS_BASE_URL/);
    } finally {
      if (saved !== undefined) process.env.PREMIUMCDKEYS_BASE_URL = saved;
    }
  });
});
