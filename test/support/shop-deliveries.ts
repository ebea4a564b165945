// Moved to the app, where the demo plays the shops' side with them; kept here for the tests.
export {
  base64Hmac,
  fixture,
  postShopify,
  postWoo,
  withIds,
} from "../../app/src/demo/shop-deliveries.ts";
