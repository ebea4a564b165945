export { woocommercePlatform } from "./woocommerce-platform.ts";
