import { describe, expect, it } from "vitest";
import { shopifyPlatform } from "./shopify-platform.ts";
import { fixture } from "../../../test/support/shop-deliveries.ts";

describe("Shopify deliveries", () => {
  it("verifies the fixtures README's signature pair on the raw bytes", () => {
    const body = Buffer.from(
      '{"id":5778367414385,"admin_graphql_api_id":"gid://shopify/Order/5778367414385","financial_status":"paid"}',
    );
    const headers = { "x-shopify-hmac-sha256": "kUhXo+555TU7d5RSR3ObBhj83mMXc2nkJRwILiAoWiE=" };
    expect(shopifyPlatform.verify(headers, body, "shpss_test_secret")).toEqual({ ok: true });
    expect(
      shopifyPlatform.verify(headers, Buffer.from(body.toString() + " "), "shpss_test_secret").ok,
    ).toBe(false);
  });

  it.each([
    [{ "x-shopify-webhook-id": "w1" }, "invalid"],
    [{ "x-shopify-topic": "orders/paid" }, "invalid"],
    [{ "x-shopify-topic": "products/update", "x-shopify-webhook-id": "w1" }, "ignored"],
    [{ "x-shopify-topic": "orders/create", "x-shopify-webhook-id": "w1" }, "order"],
  ])("classifies %j as %s", (headers, kind) => {
    expect(shopifyPlatform.classify(headers, Buffer.from("{}")).kind).toBe(kind);
  });

  it("reads the paid fixture with exact ids", () => {
    const order = shopifyPlatform.parseOrder("orders/paid", fixture("shopify/orders-paid.json"));
    expect(order).toMatchObject({
      externalId: "5912345678901",
      storeOrderRef: "#1042",
      paid: true,
      totalMinor: 10497,
    });
    expect(
      order.lines.map((line) => [line.externalLineId, line.quantity, line.unitPriceMinor]),
    ).toEqual([
      ["14456789012345", 1, 4499],
      ["14456789012346", 3, 1999],
    ]);
  });

  it("reads the pending orders/create fixture as unpaid", () => {
    const order = shopifyPlatform.parseOrder(
      "orders/create",
      fixture("shopify/orders-create-pending.json"),
    );
    expect(order.paid).toBe(false);
  });
});
