import { afterAll, beforeAll, expect, it } from "vitest";
import { CodesWholesaleSupplier, SupplierError } from "@premiumcdkeys/suppliers";
import {
  startCodesWholesaleSimulator,
  type CodesWholesaleSimulator,
} from "../simulators/codeswholesale-simulator.ts";

let cw: CodesWholesaleSimulator;
beforeAll(async () => {
  cw = await startCodesWholesaleSimulator({ tokenLifetimeSeconds: 2 });
});
afterAll(() => cw?.close());

const settings = () => ({ baseUrl: cw.url, currency: "EUR", timeoutMs: 2000 });

it("reuses its token, and fetches a new one before the old one expires", async () => {
  const supplier = new CodesWholesaleSupplier(settings(), cw.credentials);
  const before = cw.state.tokensIssued;
  await supplier.getBalance();
  await supplier.getBalance();
  expect(cw.state.tokensIssued).toBe(before + 1);

  // Lifetime 2 s: renewed at half-life, before the API would refuse it.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  await supplier.getBalance();
  expect(cw.state.tokensIssued).toBe(before + 2);
  const refused = cw.requests.filter(
    (request) => request.path !== "/oauth/token" && !request.headers.authorization,
  );
  expect(refused).toHaveLength(0);
});

it("sends credentials in the form body, never as Basic auth", async () => {
  const supplier = new CodesWholesaleSupplier(settings(), cw.credentials);
  await supplier.getBalance();
  const tokenCall = cw.requests.filter((request) => request.path === "/oauth/token").at(-1)!;
  expect(tokenCall.headers.authorization).toBeUndefined();
  expect(new URLSearchParams(tokenCall.body).get("client_id")).toBe(cw.credentials.clientId);
});

it("reports wrong credentials as auth_failed", async () => {
  const supplier = new CodesWholesaleSupplier(settings(), {
    clientId: "wrong",
    clientSecret: "wrong",
  });
  const error = await supplier.getBalance().catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(SupplierError);
  expect((error as SupplierError).code).toBe("auth_failed");
});

it("times out on a supplier that does not answer", async () => {
  const supplier = new CodesWholesaleSupplier({ ...settings(), timeoutMs: 200 }, cw.credentials);
  await supplier.getBalance();
  cw.addProduct({ productId: "slow", name: "Slow", quantity: 1, prices: [[1, 100]], kind: "text" });
  cw.inject({ answerAfterMs: 800 });
  const error = await supplier
    .placeOrder({ reference: "pck_slow", productId: "slow", maxPriceMinor: 100, currency: "EUR" })
    .catch((caught: unknown) => caught);
  expect((error as SupplierError).code).toBe("timeout");
  // It was charged: looking it up finds it.
  await new Promise((resolve) => setTimeout(resolve, 700));
  expect((await supplier.findOrder("pck_slow"))?.keys).toHaveLength(1);
});
