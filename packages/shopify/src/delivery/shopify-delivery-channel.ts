import {
  PermanentFailure,
  type DeliverableItem,
  type DeliverableOrder,
  type DeliveryChannel,
  type Logger,
} from "@premiumcdkeys/core";
import {
  AdminApiError,
  userErrorMessage,
  type AdminApiTarget,
  type AdminGraphqlClient,
} from "../admin-api/admin-graphql-client.ts";
import {
  FULFILLMENT_CREATE_MUTATION,
  FULFILLMENT_ORDERS_QUERY,
  KEYS_METAFIELD,
  METAFIELDS_SET_MUTATION,
  orderGid,
  type FulfillmentCreateData,
  type FulfillmentOrdersData,
  type MetafieldsSetData,
} from "../admin-api/fulfilment-operations.ts";
import { offlineSessionId, type PrismaSessionStorage } from "../sessions/prisma-session-storage.ts";

/** Fulfilment orders Shopify lets an order-management app fulfil. */
const FULFILLABLE = new Set(["OPEN", "IN_PROGRESS"]);

/**
 * Delivers keys on Shopify for shops that installed the app: writes them to the app-owned order
 * metafield that the extensions read, then fulfils the order's digital lines. A retry after a
 * failure asks Shopify what is still open, so nothing is fulfilled twice; purchases are never
 * touched here.
 */
export function shopifyDeliveryChannel(
  sessions: PrismaSessionStorage,
  client: AdminGraphqlClient,
  log: Logger,
): DeliveryChannel {
  async function target(order: DeliverableOrder): Promise<AdminApiTarget | undefined> {
    if (order.shopPlatform !== "shopify") return undefined;
    const session = await sessions.loadSession(offlineSessionId(order.shopDomain));
    return session?.accessToken
      ? { shop: order.shopDomain, accessToken: session.accessToken }
      : undefined;
  }

  return {
    id: "shopify",
    // Shopify's own fulfilment emails carry no keys: ours goes too unless the account says no.
    emailAlongside: true,

    // Shops that only send the contract's webhooks have no app session and no Admin API access.
    async handles(order) {
      return (await target(order)) !== undefined;
    },

    async deliver(order) {
      const shop = await target(order);
      if (!shop) throw new PermanentFailure("The shop has no app session", "SHOP_NOT_INSTALLED");

      await call(() => writeKeysMetafield(client, shop, order));
      const fulfilled = await call(() => fulfilDigitalLines(client, shop, order));
      log.info({ orderId: order.id, fulfillments: fulfilled }, "keys delivered on shopify");
    },
  };
}

/** Admin API failures that cannot succeed on a retry fail the delivery at once. */
async function call<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof AdminApiError && !error.retryable) {
      throw new PermanentFailure(error.message, "SHOPIFY_API_REFUSED");
    }
    throw error;
  }
}

async function writeKeysMetafield(
  client: AdminGraphqlClient,
  shop: AdminApiTarget,
  order: DeliverableOrder,
): Promise<void> {
  const value = JSON.stringify({ keys: order.items.map(metafieldKey) });
  const data = await client.request<MetafieldsSetData>(shop, METAFIELDS_SET_MUTATION, {
    metafields: [{ ownerId: orderGid(order.externalId), ...KEYS_METAFIELD, value }],
  });
  const refused = userErrorMessage(data.metafieldsSet?.userErrors);
  if (refused) throw new Error(`metafieldsSet refused: ${refused}`);
}

function metafieldKey(item: DeliverableItem) {
  const line = `gid://shopify/LineItem/${item.externalLineId}`;
  // Image keys are too large for a metafield; the email carries them.
  return item.key.kind === "text"
    ? { line_item_id: line, product: item.productName, kind: "text", code: item.key.code }
    : { line_item_id: line, product: item.productName, kind: "image", file: item.key.fileName };
}

/** Fulfils what is still open of the lines we hold keys for; returns how many were created. */
async function fulfilDigitalLines(
  client: AdminGraphqlClient,
  shop: AdminApiTarget,
  order: DeliverableOrder,
): Promise<number> {
  const data = await client.request<FulfillmentOrdersData>(shop, FULFILLMENT_ORDERS_QUERY, {
    id: orderGid(order.externalId),
  });
  if (!data.order) throw new PermanentFailure("Shopify does not know the order", "ORDER_NOT_FOUND");

  const keysPerLine = new Map<string, number>();
  for (const item of order.items) {
    const line = `gid://shopify/LineItem/${item.externalLineId}`;
    keysPerLine.set(line, (keysPerLine.get(line) ?? 0) + 1);
  }

  const lineItemsByFulfillmentOrder = data.order.fulfillmentOrders.nodes
    .filter((fulfillmentOrder) => FULFILLABLE.has(fulfillmentOrder.status))
    .map((fulfillmentOrder) => ({
      fulfillmentOrderId: fulfillmentOrder.id,
      fulfillmentOrderLineItems: fulfillmentOrder.lineItems.nodes.flatMap((item) => {
        // A line split over several fulfilment orders takes its keys from one shared count.
        const left = keysPerLine.get(item.lineItem.id) ?? 0;
        const quantity = Math.min(item.remainingQuantity, left);
        keysPerLine.set(item.lineItem.id, left - quantity);
        return quantity > 0 ? [{ id: item.id, quantity }] : [];
      }),
    }))
    .filter((entry) => entry.fulfillmentOrderLineItems.length > 0);
  if (lineItemsByFulfillmentOrder.length === 0) return 0;

  const created = await client.request<FulfillmentCreateData>(shop, FULFILLMENT_CREATE_MUTATION, {
    fulfillment: { lineItemsByFulfillmentOrder, notifyCustomer: false },
  });
  const refused = userErrorMessage(created.fulfillmentCreate?.userErrors);
  if (refused) throw new Error(`fulfillmentCreate refused: ${refused}`);
  return 1;
}
