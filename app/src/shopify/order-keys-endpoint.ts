import { buyerOrderKeys, type Platform } from "@premiumcdkeys/core";
import { findShopifyShop } from "@premiumcdkeys/shopify";
import { z } from "zod";
import type { ShopifyApp } from "./create-shopify-app.ts";

const requestSchema = z.object({
  order_id: z.string().regex(/^gid:\/\/shopify\/(?:Order|OrderIdentity)\/\d{1,20}$/),
  checkout_token: z.string().min(1).max(255).optional(),
});

/**
 * `POST /extensions/order-keys`: the keys of one order for the Thank-you and Order status
 * blocks. The extension's session token (HS256 with the app secret) names the shop and, for a
 * signed-in buyer, the customer; a guest proves the order with its checkout token. Any order
 * that is not the caller's answers 404, exactly like one that does not exist.
 */
export async function orderKeysForExtension(
  request: Request,
  platform: Platform,
  shopify: ShopifyApp,
): Promise<Response> {
  let auth: Awaited<ReturnType<ShopifyApp["app"]["authenticate"]["public"]["checkout"]>>;
  try {
    auth = await shopify.app.authenticate.public.checkout(request);
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    if (error.status !== 401) return error; // the CORS preflight answer
    return reply(401, "UNAUTHORIZED", "A valid extension session token is required", error);
  }
  const { sessionToken, cors } = auth;

  const body = requestSchema.safeParse(await request.json().catch(() => undefined));
  if (!body.success) {
    return cors(reply(400, "VALIDATION_ERROR", "order_id must be an order's GraphQL id"));
  }

  const domain = shopDomain(sessionToken.dest);
  const shop = domain && (await findShopifyShop(platform.db.prisma, domain));
  const keys =
    shop && shop.active
      ? await buyerOrderKeys(
          platform.db.prisma,
          platform.vault,
          { shopId: shop.id, externalId: gidNumber(body.data.order_id) },
          {
            customerExternalId: sessionToken.sub ? gidNumber(sessionToken.sub) : undefined,
            buyerToken: body.data.checkout_token,
          },
        )
      : undefined;
  if (!keys) return cors(reply(404, "ORDER_NOT_FOUND", "No such order"));

  return cors(Response.json(keys, { headers: { "Cache-Control": "no-store" } }));
}

/** Checkout tokens carry the shop as a bare domain, admin ones as a URL. */
function shopDomain(dest: string): string | undefined {
  const host = dest.startsWith("https://") ? URL.parse(dest)?.hostname : dest;
  return host && /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(host) ? host : undefined;
}

function gidNumber(gid: string): string {
  return gid.slice(gid.lastIndexOf("/") + 1);
}

function reply(status: number, code: string, message: string, from?: Response): Response {
  const response = Response.json({ error: { code, message, details: {} } }, { status });
  from?.headers.forEach((value, name) => {
    if (name.startsWith("access-control-")) response.headers.set(name, value);
  });
  return response;
}
