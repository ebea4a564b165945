import { randomBytes, randomUUID } from "node:crypto";
import type { KeyVault, Logger, PrismaClient } from "@premiumcdkeys/core";

export type InstalledShop = { shopId: string; accountId: string; created: boolean };

/**
 * Makes sure an installing Shopify shop has its merchant account and shop, once: a new shop gets
 * an account of its own in Sandbox Mode; a shop that uninstalled and came back is active again.
 */
export async function installShop(
  prisma: PrismaClient,
  vault: KeyVault,
  domain: string,
  log: Logger,
): Promise<InstalledShop> {
  const existing = await findShopifyShop(prisma, domain);
  if (existing) {
    if (!existing.active) {
      await prisma.shop.update({ where: { id: existing.id }, data: { active: true } });
      log.info({ shopId: existing.id }, "shopify shop reinstalled");
    }
    return { shopId: existing.id, accountId: existing.accountId, created: false };
  }

  const shopId = randomUUID();
  // The contract's own webhook URL for this shop keeps a secret of its own.
  const secret = randomBytes(24).toString("base64url");
  try {
    const account = await prisma.account.create({
      data: {
        name: domain,
        sandboxMode: true,
        shops: {
          create: {
            id: shopId,
            platform: "shopify",
            domain,
            webhookSecretSeal: vault.seal(secret, `shop:${shopId}`),
          },
        },
      },
    });
    log.info({ shopId, accountId: account.id }, "shopify shop installed");
    return { shopId, accountId: account.id, created: true };
  } catch (error) {
    // Two first requests raced; the other one created it.
    const raced = await findShopifyShop(prisma, domain);
    if (!raced) throw error;
    return { shopId: raced.id, accountId: raced.accountId, created: false };
  }
}

export function findShopifyShop(prisma: PrismaClient, domain: string) {
  return prisma.shop.findUnique({
    where: { platform_domain: { platform: "shopify", domain } },
  });
}
