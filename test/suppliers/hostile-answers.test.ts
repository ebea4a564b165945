// Supplier answers that are broken or hostile: each becomes a SupplierError, and a broken answer
// to an order is an unknown outcome (looked up before buying elsewhere), never a refusal.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CodesWholesaleSupplier,
  KinguinSupplier,
  SupplierError,
  type Supplier,
} from "@premiumcdkeys/suppliers";
import { startSimServer, type SimAnswer, type SimServer } from "../simulators/sim-server.ts";

let answer: SimAnswer = { status: 200, body: {} };
let server: SimServer;

beforeAll(async () => {
  server = await startSimServer((request) => {
    if (request.path === "/oauth/token") {
      return { status: 200, body: { access_token: "t", token_type: "bearer", expires_in: 3600 } };
    }
    return answer;
  });
});
afterAll(() => server?.close());

const settings = () => ({ baseUrl: server.url, currency: "EUR", timeoutMs: 500 });
// Built inside each test: the server's address is known only once it listens.
const adapters: [string, () => Supplier][] = [
  [
    "codeswholesale",
    () => new CodesWholesaleSupplier(settings(), { clientId: "c", clientSecret: "s" }),
  ],
  ["kinguin", () => new KinguinSupplier(settings(), { apiKey: "k" })],
];

async function failure(call: Promise<unknown>): Promise<SupplierError> {
  const caught = await call.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(caught).toBeInstanceOf(SupplierError);
  return caught as SupplierError;
}

const order = { reference: "pck_h_0", productId: "p", maxPriceMinor: 1000, currency: "EUR" };

describe.each(adapters)("%s adapter facing broken answers", (_name, adapter) => {
  it.each([
    ["not JSON", { status: 200, body: undefined, headers: { "content-type": "text/html" } }],
    [
      "a price that is text",
      { status: 200, body: { productId: "p", price: "free", prices: [{ value: "free" }] } },
    ],
    ["a negative stock", { status: 200, body: { productId: "p", qty: -5, quantity: -5 } }],
    ["no product id", { status: 200, body: { name: "x" } }],
  ])("refuses a product answer with %s", async (_case, broken) => {
    answer = broken;
    expect((await failure(adapter().getProduct("p"))).code).toBe("unavailable");
  });

  it("reads a broken answer to an order as an unknown outcome", async () => {
    answer = { status: 201, body: { products: "nope" } };
    expect((await failure(adapter().placeOrder(order))).code).toBe("unknown_outcome");
  });

  it("reads a 5xx answer to an order as an unknown outcome", async () => {
    answer = { status: 502, body: { message: "Bad gateway" } };
    expect((await failure(adapter().placeOrder(order))).code).toBe("unknown_outcome");
  });

  it("reads a 429 as rate limited: nothing was taken", async () => {
    answer = { status: 429, headers: { "retry-after": "3" } };
    const error = await failure(adapter().placeOrder(order));
    expect(error.code).toBe("rate_limited");
    expect(error.details.retry_after).toBe("3");
  });

  it("refuses to follow redirects", async () => {
    answer = { status: 302, headers: { location: "http://169.254.169.254/" } };
    expect((await failure(adapter().getBalance())).code).toBe("unavailable");
  });

  it("times out on a silent supplier", async () => {
    answer = { status: 200, body: {}, delayMs: 1500 };
    expect((await failure(adapter().getBalance())).code).toBe("timeout");
  });
});
