// The embedded dashboard's world for its tests: the real server with the Shopify app, its URL
// known before it starts (Shopify's bounce page sends the browser back to the app's own URL), a
// shop that installed the app with orders like the demo's, and a second installed shop of
// another merchant with an order of its own.
import { startFakeAdminApi, type FakeAdminApi } from "./fake-admin-api.ts";
import { installEmbeddedShop } from "./embedded-auth.ts";
import { sendPaidAppOrder } from "./app-orders.ts";
import { mapShopifySku, shopifyAppEnv } from "./shopify-app.ts";
import { freeLoopbackPort, startTestServer, waitFor, type TestServer } from "./test-server.ts";

export const SHOP = "dashboard-shop.myshopify.com";
export const OTHER_SHOP = "other-merchant.myshopify.com";

export type EmbeddedDashboard = {
  server: TestServer;
  adminApi: FakeAdminApi;
  shop: { accountId: string; shopId: string };
  /** #7001, delivered: a Starfield key and three Game Pass keys. */
  deliveredOrderId: string;
  /** #7002, failed: one Elden Ring key that costs more than the product's maximum. */
  failedOrderId: string;
  tooDearProductId: string;
  /** #8001 of the other merchant's shop. */
  otherOrderId: string;
  close(): Promise<void>;
};

export async function startEmbeddedDashboard(): Promise<EmbeddedDashboard> {
  const adminApi = await startFakeAdminApi();
  const port = await freeLoopbackPort();
  const server = await startTestServer({
    ...shopifyAppEnv(adminApi),
    SHOPIFY_APP_URL: `http://127.0.0.1:${port}`,
    PORT: String(port),
    DASHBOARD: "true",
  });
  const prisma = server.platform.db.prisma;

  const installed = await installEmbeddedShop(server.platform, SHOP);
  adminApi.allowToken(SHOP, installed.accessToken);
  const { accountId, shopId } = installed;
  await mapShopifySku(server, accountId, shopId, "STEAM-STARFIELD-EU", "SBX-STARFIELD-EU");
  await mapShopifySku(server, accountId, shopId, "XBOX-GAMEPASS-3M", "SBX-GAMEPASS-3M");
  const tooDear = await mapShopifySku(server, accountId, shopId, "TOO-DEAR", "SBX-ELDEN-RING-EU");
  await prisma.product.update({ where: { id: tooDear.id }, data: { maxCostMinor: 1 } });

  await sendPaidAppOrder(server, adminApi, SHOP, {
    id: "96001",
    number: 7001,
    email: "ada.buyer@example.com",
    lines: [
      { sku: "STEAM-STARFIELD-EU", quantity: 1, price: "44.99" },
      { sku: "XBOX-GAMEPASS-3M", quantity: 3, price: "19.99" },
    ],
  });
  await sendPaidAppOrder(server, adminApi, SHOP, {
    id: "96002",
    number: 7002,
    email: "grace.buyer@example.com",
    lines: [{ sku: "TOO-DEAR", quantity: 1, price: "59.99" }],
  });
  const settled = (ref: string, status: string) =>
    waitFor(
      () => prisma.order.findFirst({ where: { shopId, storeOrderRef: ref, status } }),
      30_000,
      `order ${ref} ${status}`,
    );
  const delivered = await settled("#7001", "delivered");
  const failed = await settled("#7002", "failed");

  // Another merchant's shop: its order waits for a mapping, which is all these tests need.
  const other = await installEmbeddedShop(server.platform, OTHER_SHOP);
  adminApi.allowToken(OTHER_SHOP, other.accessToken);
  await sendPaidAppOrder(server, adminApi, OTHER_SHOP, {
    id: "97001",
    number: 8001,
    email: "other.buyer@example.com",
    lines: [{ sku: "NOT-MAPPED-YET", quantity: 1, price: "9.99" }],
  });
  const otherOrder = await waitFor(
    () => prisma.order.findFirst({ where: { shopId: other.shopId } }),
    30_000,
    "the other shop's order",
  );

  return {
    server,
    adminApi,
    shop: { accountId, shopId },
    deliveredOrderId: delivered.id,
    failedOrderId: failed.id,
    tooDearProductId: tooDear.id,
    otherOrderId: otherOrder.id,
    async close() {
      await server.close();
      await adminApi.close();
    },
  };
}
