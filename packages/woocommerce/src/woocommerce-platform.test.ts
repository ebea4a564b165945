import { describe, expect, it } from "vitest";
import { woocommercePlatform } from "./woocommerce-platform.ts";
import { fixture } from "../../../test/support/shop-deliveries.ts";

describe("WooCommerce deliveries", () => {
  it("recognises the unsigned creation ping", () => {
    expect(woocommercePlatform.classify({}, Buffer.from("webhook_id=42"))).toEqual({
      kind: "ping",
    });
  });

  it("tells two deliveries with one delivery id apart by their bodies", () => {
    const headers = { "x-wc-webhook-topic": "order.updated", "x-wc-webhook-delivery-id": "abc" };
    const first = woocommercePlatform.classify(
      headers,
      Buffer.from('{"id":1,"status":"processing"}'),
    );
    const second = woocommercePlatform.classify(
      headers,
      Buffer.from('{"id":1,"status":"completed"}'),
    );
    expect(first.kind).toBe("order");
    expect(first).not.toEqual(second);
  });

  it("verifies the fixtures README's signature pair", () => {
    const body = Buffer.from('{"id":4321,"status":"processing"}');
    const headers = { "x-wc-webhook-signature": "HXH+gglcZocL5nhFuRHq5DISnBFUp06yTr0TBgf+9xE=" };
    expect(woocommercePlatform.verify(headers, body, "wc_test_secret")).toEqual({ ok: true });
    expect(woocommercePlatform.verify(headers, body, "other").ok).toBe(false);
  });

  it("reads a paid order with gross unit prices and decoded names", () => {
    const order = woocommercePlatform.parseOrder(
      "order.updated",
      fixture("woocommerce/order-processing.json"),
    );
    expect(order).toMatchObject({
      externalId: "4321",
      storeOrderRef: "4321",
      paid: true,
      currency: "EUR",
      totalMinor: 8997,
    });
    expect(order.lines[0]).toMatchObject({
      name: "Starfield \u2013 Steam key (EU)",
      unitPriceMinor: 4499,
      sku: "STEAM-STARFIELD-EU",
    });
    expect(order.lines[1]).toMatchObject({
      externalVariantId: "133",
      quantity: 3,
      unitPriceMinor: 1999,
    });
    expect(order.lines[0].externalVariantId).toBeUndefined();
  });

  it("reads a pending order as unpaid", () => {
    const order = woocommercePlatform.parseOrder(
      "order.created",
      fixture("woocommerce/order-created-pending.json"),
    );
    expect(order.paid).toBe(false);
  });
});
