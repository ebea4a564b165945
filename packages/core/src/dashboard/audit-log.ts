import type { Db, Prisma, PrismaClient } from "../db/types.ts";

/** Who acted: an operator on /dashboard or a Shopify admin user inside the admin. */
export type Actor = { accountId: string; actor: string };

export type AuditInput = {
  action: string;
  targetType: string;
  targetId?: string;
  details?: Prisma.InputJsonValue;
};

/** Writes one audit entry; callers write it before or with the change it describes. */
export async function recordAudit(prisma: Db, by: Actor, entry: AuditInput) {
  await prisma.auditEntry.create({
    data: {
      accountId: by.accountId,
      actor: by.actor,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      details: entry.details ?? {},
    },
  });
}

/** The account's latest audit entries, newest first. */
export function listAudit(prisma: PrismaClient, accountId: string, take = 50) {
  return prisma.auditEntry.findMany({
    where: { accountId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
  });
}
