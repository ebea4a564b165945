import type { PrismaClient } from "../db/types.ts";
import { limitForAccount, WINDOW_SECONDS } from "../api/rate-limit.ts";
import { accountDeliveryOptions } from "./account-preferences.ts";

/**
 * The Settings page: tier, this minute's API usage, Sandbox Mode, the default low-stock
 * threshold, delivery options, keys and team members.
 */
export async function accountSettings(prisma: PrismaClient, accountId: string, now = Date.now()) {
  const account = await prisma.account.findUniqueOrThrow({ where: { id: accountId } });
  const windowStart = new Date(Math.floor(now / 1000 / WINDOW_SECONDS) * WINDOW_SECONDS * 1000);
  const usage = await prisma.rateLimitWindow.findUnique({
    where: { subject_windowStart: { subject: `account:${accountId}`, windowStart } },
  });
  const [apiKeys, operators] = await Promise.all([
    prisma.apiKey.findMany({ where: { accountId }, orderBy: { createdAt: "asc" } }),
    prisma.operator.findMany({
      where: { accountId },
      orderBy: { createdAt: "asc" },
      select: { id: true, email: true, createdAt: true },
    }),
  ]);
  return {
    tier: account.tier,
    limitPerMinute: limitForAccount(account),
    usedThisMinute: usage?.count ?? 0,
    sandboxMode: account.sandboxMode,
    lowStockThreshold: account.lowStockThreshold,
    delivery: await accountDeliveryOptions(prisma, accountId),
    apiKeys: apiKeys.map((key) => ({
      id: key.id,
      name: key.name,
      prefix: key.prefix,
      permissions: key.permissions,
      lastUsedAt: key.lastUsedAt,
      revokedAt: key.revokedAt,
      createdAt: key.createdAt,
    })),
    operators,
  };
}
