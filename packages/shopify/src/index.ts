export { shopifyPlatform } from "./shopify-platform.ts";
