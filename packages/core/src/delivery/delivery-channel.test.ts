import { describe, expect, it } from "vitest";
import { DEFAULT_DELIVERY_OPTIONS } from "../dashboard/account-preferences.ts";
import { channelsFor, type DeliverableOrder, type DeliveryChannel } from "./delivery-channel.ts";

const order: DeliverableOrder = {
  id: "order-1",
  accountId: "account-1",
  shopId: "shop-1",
  shopDomain: "shop.example",
  shopPlatform: "woocommerce",
  externalId: "42",
  storeOrderRef: "42",
  items: [],
  delivery: DEFAULT_DELIVERY_OPTIONS,
};

const send = () => Promise.resolve();
const email: DeliveryChannel = { id: "email", deliver: send };
const woo: DeliveryChannel = {
  id: "woocommerce",
  deliver: send,
  handles: () => Promise.resolve(true),
};
const shopify: DeliveryChannel = {
  id: "shopify",
  deliver: send,
  emailAlongside: true,
  handles: () => Promise.resolve(true),
};
const notTaking: DeliveryChannel = {
  id: "other",
  deliver: send,
  handles: () => Promise.resolve(false),
};

describe("channelsFor", () => {
  it.each([
    ["platform", "woocommerce", ["woocommerce"]],
    ["platform", "shopify", ["email", "shopify"]],
    ["always", "woocommerce", ["email", "woocommerce"]],
    ["always", "shopify", ["email", "shopify"]],
    ["never", "woocommerce", ["woocommerce"]],
    ["never", "shopify", ["shopify"]],
  ] as const)("with %s, when the %s channel takes the order", async (choice, shopId, ids) => {
    const shop = shopId === "shopify" ? shopify : woo;
    const chosen = await channelsFor([email, shop], order, choice);
    expect(chosen.map((channel) => channel.id)).toEqual(ids);
  });

  it("sends our email alone when no shop channel takes the order, whatever the choice", async () => {
    for (const choice of ["platform", "always", "never"] as const) {
      const chosen = await channelsFor([email, notTaking], order, choice);
      expect(chosen.map((channel) => channel.id)).toEqual(["email"]);
    }
  });
});
