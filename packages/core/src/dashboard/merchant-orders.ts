import type { Prisma, PrismaClient } from "../db/types.ts";
import type { KeyVault } from "../vault/key-vault.ts";
import { recordAudit, type Actor } from "./audit-log.ts";

export type MerchantOrderFilter = {
  status?: string;
  shopId?: string;
  from?: Date;
  to?: Date;
  /** The shop's order number or part of the customer's email. */
  search?: string;
  page: number;
  limit: number;
};

/** The Orders page's table: the account's orders with filters and a search, newest first. */
export async function searchOrders(
  prisma: PrismaClient,
  accountId: string,
  filter: MerchantOrderFilter,
) {
  const search = filter.search?.trim();
  const where: Prisma.OrderWhereInput = {
    accountId,
    status: filter.status,
    shopId: filter.shopId,
    createdAt: { gte: filter.from, lte: filter.to },
    ...(search
      ? {
          OR: [
            { storeOrderRef: { in: [search, search.replace(/^#/, ""), `#${search}`] } },
            { customerEmail: { contains: likeLiteral(search), mode: "insensitive" as const } },
          ],
        }
      : {}),
  };
  const [total, orders] = await Promise.all([
    prisma.order.count({ where }),
    prisma.order.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (filter.page - 1) * filter.limit,
      take: filter.limit,
      include: { shop: { select: { domain: true, platform: true } } },
    }),
  ]);
  return { total, orders };
}

/**
 * Text matched literally inside Prisma's `contains`, which becomes LIKE without escaping: `%`
 * and `_` would otherwise match anything. PostgreSQL's LIKE escapes with a backslash.
 */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** One order of the account with its whole timeline; undefined when not the account's. */
export async function orderTimeline(prisma: PrismaClient, accountId: string, orderId: string) {
  const order = await prisma.order.findFirst({
    where: { id: orderId, accountId },
    include: {
      shop: { select: { domain: true, platform: true } },
      lines: { orderBy: { position: "asc" } },
      purchases: {
        orderBy: [{ orderLineId: "asc" }, { unitIndex: "asc" }],
        include: { key: { select: { id: true, kind: true, mimeType: true } } },
      },
      deliveries: { orderBy: { createdAt: "asc" } },
    },
  });
  if (!order) return undefined;

  const events = await prisma.event.findMany({
    where: { accountId, orderId },
    orderBy: { id: "asc" },
    include: {
      deliveries: {
        include: {
          endpoint: { select: { url: true } },
          attemptLog: { orderBy: { createdAt: "asc" } },
        },
      },
    },
  });
  return { order, events };
}

/**
 * The order's key codes for an operator who asked to reveal them: the audit entry is written
 * before any code is opened, so no code is shown without its entry.
 */
export async function revealOrderKeys(
  prisma: PrismaClient,
  vault: KeyVault,
  by: Actor,
  orderId: string,
) {
  const keys = await prisma.key.findMany({
    where: { purchase: { orderId, order: { accountId: by.accountId } } },
    include: { purchase: { select: { orderLineId: true, unitIndex: true } } },
  });
  if (keys.length === 0) return undefined;
  await recordAudit(prisma, by, {
    action: "order.keys_revealed",
    targetType: "order",
    targetId: orderId,
    details: { keys: keys.length },
  });
  return keys.map((key) => {
    const secret = vault.open(key.seal, `key:${key.purchaseId}`);
    return {
      purchaseId: key.purchaseId,
      kind: key.kind,
      code: key.kind === "text" ? secret.toString("utf8") : `${key.mimeType} image`,
    };
  });
}

/** The account's shops, for filters and pickers. */
export function accountShops(prisma: PrismaClient, accountId: string) {
  return prisma.shop.findMany({
    where: { accountId },
    orderBy: { createdAt: "asc" },
    select: { id: true, domain: true, platform: true, active: true },
  });
}
