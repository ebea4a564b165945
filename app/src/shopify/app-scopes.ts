/**
 * The access scopes of the app, the same list as shopify.app.toml (a test keeps them equal):
 * orders, their metafields and webhooks; fulfilment of the merchant's own fulfilment orders
 * (write access includes read); customers, so an Order status session token names the buyer.
 */
export const APP_SCOPES = [
  "write_orders",
  "write_merchant_managed_fulfillment_orders",
  "read_customers",
];
