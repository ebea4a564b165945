// Paid orders of a shop that installed the app, sent the way Shopify sends them: an `orders/paid`
// app webhook signed with the app secret. The fake Admin API learns each order's fulfillment
// orders, so the app can fulfil it there once the keys are bought.
import { fixture } from "./shop-deliveries.ts";
import type { FakeAdminApi } from "./fake-admin-api.ts";
import { postAppWebhook } from "./shopify-app.ts";
import type { TestServer } from "./test-server.ts";

export type AppOrder = {
  /** Shopify's order id; line ids are derived from it. */
  id: string;
  number: number;
  email: string;
  lines: { sku: string; quantity: number; price: string }[];
};

/** Posts `order` as `shop`'s orders/paid webhook; throws unless the app accepted it. */
export async function sendPaidAppOrder(
  server: TestServer,
  adminApi: FakeAdminApi,
  shop: string,
  order: AppOrder,
): Promise<void> {
  const lineIds = order.lines.map((_, index) => `${order.id}${index + 1}`);
  adminApi.addOrder(
    shop,
    order.id,
    order.lines.map((line, index) => ({ lineItemId: lineIds[index], quantity: line.quantity })),
  );

  const answer = await postAppWebhook(
    server,
    "orders",
    shop,
    "orders/paid",
    JSON.stringify(paidOrderBody(order, lineIds)),
  );
  if (answer.status >= 300) throw new Error(`orders/paid answered ${answer.status}`);
}

function paidOrderBody(order: AppOrder, lineIds: string[]) {
  const body = JSON.parse(fixture("shopify/orders-paid.json"));
  const [template] = body.line_items;
  const money = (amount: string) => ({
    shop_money: { amount, currency_code: "EUR" },
    presentment_money: { amount, currency_code: "EUR" },
  });
  const total = order.lines
    .reduce((sum, line) => sum + Number(line.price) * line.quantity, 0)
    .toFixed(2);

  return {
    ...body,
    id: Number(order.id),
    admin_graphql_api_id: `gid://shopify/Order/${order.id}`,
    name: `#${order.number}`,
    order_number: order.number,
    email: order.email,
    contact_email: order.email,
    customer: { ...body.customer, email: order.email },
    total_price: total,
    subtotal_price: total,
    total_price_set: money(total),
    line_items: order.lines.map((line, index) => ({
      ...template,
      id: Number(lineIds[index]),
      admin_graphql_api_id: `gid://shopify/LineItem/${lineIds[index]}`,
      product_id: template.product_id + index,
      variant_id: template.variant_id + index,
      sku: line.sku,
      title: `Test ${line.sku}`,
      name: `Test ${line.sku}`,
      quantity: line.quantity,
      current_quantity: line.quantity,
      fulfillable_quantity: line.quantity,
      price: line.price,
      price_set: money(line.price),
    })),
  };
}
