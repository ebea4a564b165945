// The GraphQL Admin API operations of key delivery, with the shapes Shopify documents for
// 2026-10: Order.fulfillmentOrders, fulfillmentCreate and metafieldsSet, each with userErrors.

export const FULFILLMENT_ORDERS_QUERY = `#graphql
  query OrderFulfillmentOrders($id: ID!) {
    order(id: $id) {
      id
      fulfillmentOrders(first: 50) {
        nodes {
          id
          status
          lineItems(first: 250) {
            nodes {
              id
              remainingQuantity
              lineItem { id }
            }
          }
        }
      }
    }
  }`;

export type FulfillmentOrdersData = {
  order: {
    id: string;
    fulfillmentOrders: {
      nodes: {
        id: string;
        status: string;
        lineItems: {
          nodes: { id: string; remainingQuantity: number; lineItem: { id: string } }[];
        };
      }[];
    };
  } | null;
};

export const FULFILLMENT_CREATE_MUTATION = `#graphql
  mutation KeysFulfillmentCreate($fulfillment: FulfillmentInput!) {
    fulfillmentCreate(fulfillment: $fulfillment) {
      fulfillment { id status }
      userErrors { field message }
    }
  }`;

export type FulfillmentCreateData = {
  fulfillmentCreate: {
    fulfillment: { id: string; status: string } | null;
    userErrors: { field?: string[] | null; message: string }[];
  } | null;
};

export const METAFIELDS_SET_MUTATION = `#graphql
  mutation KeysMetafieldsSet($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields { id namespace key }
      userErrors { field message code }
    }
  }`;

export type MetafieldsSetData = {
  metafieldsSet: {
    metafields: { id: string; namespace: string; key: string }[] | null;
    userErrors: { field?: string[] | null; message: string; code?: string | null }[];
  } | null;
};

/** The app-owned order metafield that holds the keys: `$app` is reserved to this app. */
export const KEYS_METAFIELD = { namespace: "$app", key: "keys", type: "json" } as const;

/** "gid://shopify/Order/123" for an order id given as digits. */
export function orderGid(externalId: string): string {
  return `gid://shopify/Order/${externalId}`;
}
