/**
 * The access scopes of the app, the same list as shopify.app.toml (a test keeps them equal):
 * orders and their webhooks, fulfilment of merchant-managed fulfilment orders, and customers
 * for the compliance topics' customer ids.
 */
export const APP_SCOPES = [
  "read_orders",
  "write_orders",
  "read_merchant_managed_fulfillment_orders",
  "write_merchant_managed_fulfillment_orders",
  "read_products",
];
