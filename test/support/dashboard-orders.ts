// Orders for the dashboard tests, sent the way the demo Shopify shop sends them (signed
// webhooks over HTTP) and settled by the real worker and the sandbox supplier.
import { fixture, postShopify, withIds } from "./shop-deliveries.ts";
import { waitFor, type TestServer } from "./test-server.ts";

/** Posts the demo shop's paid order under `orderNumber` and waits until it settles. */
export async function shopifyOrder(server: TestServer, orderNumber: number, email?: string) {
  const { shopify } = server.demo.shops;
  let body = withIds(fixture("shopify/orders-paid.json"), {
    "5912345678901": `59123${orderNumber}`,
    "14456789012345": `14456${orderNumber}1`,
    "14456789012346": `14456${orderNumber}2`,
  })
    .replaceAll('"#1042"', `"#${orderNumber}"`)
    .replaceAll('"order_number": 1042', `"order_number": ${orderNumber}`);
  if (email) body = body.replaceAll("ada.buyer@example.com", email);
  const answer = await postShopify(shopify.webhook_url, shopify.webhook_secret, body);
  if (answer.status >= 300) throw new Error(`webhook answered ${answer.status}`);
  const prisma = server.platform.db.prisma;
  return waitFor(
    async () => {
      const order = await prisma.order.findFirst({
        where: { shopId: shopify.id, storeOrderRef: `#${orderNumber}` },
      });
      return order && ["delivered", "failed", "pending"].includes(order.status) ? order : undefined;
    },
    30_000,
    `order ${orderNumber} settled`,
  );
}
