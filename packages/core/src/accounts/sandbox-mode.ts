import type { PrismaClient } from "../db/types.ts";

/**
 * The contract's Settings, API, Sandbox Mode switch. While it is on, new shop orders are
 * sandbox orders: bought only from sandbox suppliers and seen only by `pck_test_` keys.
 * Orders already recorded keep the mode they were recorded in.
 */
export async function setSandboxMode(prisma: PrismaClient, accountId: string, on: boolean) {
  const updated = await prisma.account.updateMany({
    where: { id: accountId },
    data: { sandboxMode: on },
  });
  return updated.count > 0;
}
