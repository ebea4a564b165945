import { requireShopify, type WebContext } from "../load-context";
import type { MerchantScope } from "./merchant-scope";

/**
 * The embedded shell's sign-in: Shopify's session token (an `id_token` on document loads, a
 * Bearer header on fetches) checked by Shopify's library, then the shop's account.
 */
export async function embeddedScope(request: Request, context: WebContext): Promise<MerchantScope> {
  const shopify = requireShopify(context);
  const { session, sessionToken } = await shopify.app.authenticate.admin(request);
  const shop = await shopify.shopOf(session.shop);
  return {
    accountId: shop.accountId,
    shopId: shop.shopId,
    actor: `shopify:${session.shop}:user:${sessionToken?.sub ?? "unknown"}`,
    base: "/app",
  };
}
