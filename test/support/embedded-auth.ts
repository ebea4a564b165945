// How a test signs in to the embedded Shopify app as Shopify would, without Shopify: session
// tokens minted with the app secret (HS256, the claims Shopify's library checks) and an offline
// session put in storage, so no token exchange with Shopify is needed. Reusable by any browser
// or HTTP test of the embedded pages.
import { createHmac, randomUUID } from "node:crypto";
import { Session } from "@shopify/shopify-api";
import type { Platform } from "@premiumcdkeys/core";
import { installShop, offlineSessionId, PrismaSessionStorage } from "@premiumcdkeys/shopify";

export const TEST_API_KEY = "pcdk-test-client-id";
export const TEST_API_SECRET = "pcdk-test-client-secret-0123456789";

export type AdminTokenOptions = {
  /** The admin user's id, Shopify's `sub` claim. */
  userId?: string;
  /** Seconds until `exp`; negative for a token that has already expired. */
  expiresIn?: number;
  secret?: string;
};

/** An App Bridge session token for an admin user of `shop`, valid for a minute by default. */
export function mintAdminSessionToken(shop: string, options: AdminTokenOptions = {}): string {
  const { userId = "42", expiresIn = 60, secret = TEST_API_SECRET } = options;
  const now = Math.floor(Date.now() / 1000);
  return signJwt(
    {
      iss: `https://${shop}/admin`,
      dest: `https://${shop}`,
      aud: TEST_API_KEY,
      sub: userId,
      exp: now + expiresIn,
      // An expired token was also issued before it expired: a minute before, as Shopify does.
      nbf: Math.min(now, now + expiresIn - 60) - 5,
      iat: Math.min(now, now + expiresIn - 60),
      jti: randomUUID(),
      sid: randomUUID(),
    },
    secret,
  );
}

/** A checkout or customer-account extension's session token; `customerGid` for a signed-in buyer. */
export function mintExtensionSessionToken(
  shop: string,
  customerGid?: string,
  secret = TEST_API_SECRET,
): string {
  const now = Math.floor(Date.now() / 1000);
  return signJwt(
    {
      dest: shop,
      aud: TEST_API_KEY,
      ...(customerGid ? { sub: customerGid } : {}),
      exp: now + 300,
      nbf: now - 5,
      iat: now,
      jti: randomUUID(),
    },
    secret,
  );
}

function signJwt(claims: Record<string, unknown>, secret: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${encode({ alg: "HS256", typ: "JWT" })}.${encode(claims)}`;
  const signature = createHmac("sha256", secret).update(unsigned).digest("base64url");
  return `${unsigned}.${signature}`;
}

/**
 * Installs `shop` as the app's install would (its account and shop) and stores the offline
 * session the token exchange would have stored; returns the ids and the access token.
 */
export async function installEmbeddedShop(platform: Platform, shop: string) {
  const installed = await installShop(platform.db.prisma, platform.vault, shop, platform.log);
  const accessToken = `shpat_${randomUUID().replaceAll("-", "")}`;
  await new PrismaSessionStorage(platform.db.prisma, platform.vault).storeSession(
    new Session({
      id: offlineSessionId(shop),
      shop,
      state: "",
      isOnline: false,
      scope: "read_orders,write_orders",
      accessToken,
    }),
  );
  return { ...installed, accessToken };
}

/**
 * The URL Shopify's admin loads in its iframe for the app's `path`, with a fresh `id_token`
 * (or the given one; `null` for none, as when the admin has none to give).
 */
export function embeddedUrl(
  baseUrl: string,
  shop: string,
  path = "/app",
  idToken: string | null = mintAdminSessionToken(shop),
): string {
  const host = Buffer.from(`admin.shopify.com/store/${shop.split(".")[0]}`).toString("base64url");
  const query = new URLSearchParams({ embedded: "1", shop, host });
  if (idToken !== null) query.set("id_token", idToken);
  return `${baseUrl}${path}?${query}`;
}

/**
 * A desktop browser's User-Agent. Shopify's library answers 410 to anything that looks like a
 * bot, and both Node's fetch ("node") and headless Chromium ("HeadlessChrome") do.
 */
export const BROWSER_USER_AGENT =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
