import type { PrismaClient } from "../db/types.ts";

const NAME_LIMIT = 200;

/**
 * A merchant account of its own, for WooCommerce and API-only merchants (Shopify installs make
 * theirs). It starts in Sandbox Mode on the Standard tier, so nothing is bought with real money
 * before its owner says so.
 */
export async function createAccount(prisma: PrismaClient, name: string) {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > NAME_LIMIT || /\p{Cc}/u.test(trimmed)) {
    throw new RangeError(`An account name is 1 to ${NAME_LIMIT} printable characters`);
  }
  return prisma.account.create({ data: { name: trimmed, sandboxMode: true, tier: "standard" } });
}
