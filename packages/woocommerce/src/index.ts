export { woocommercePlatform } from "./woocommerce-platform.ts";
export { createWooConnector } from "./woo-connector.ts";
export { composeKeyNote } from "./key-note.ts";
