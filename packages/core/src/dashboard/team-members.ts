import type { PrismaClient } from "../db/types.ts";
import { recordAudit, type Actor } from "./audit-log.ts";

export type OperatorRemoval =
  { ok: true; email: string } | { ok: false; reason: "not_found" | "last_operator" | "self" };

/**
 * Removes an operator of the account: the row goes, and with it (by cascade) every session, so
 * the person is signed out at once. The account keeps at least one operator. `removedBy` is
 * the operator asking from the dashboard, who may not remove themself (another team member, or
 * `npm run users -- remove`, does it), so nobody locks themself out by a stray click.
 *
 * The account's row is locked for the check and the delete, so two operators removing each
 * other at the same moment cannot leave the account with none.
 */
export async function removeOperator(
  prisma: PrismaClient,
  by: Actor,
  input: { operatorId: string; removedBy?: string },
): Promise<OperatorRemoval> {
  if (input.operatorId === input.removedBy) return { ok: false, reason: "self" };

  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM accounts WHERE id = ${by.accountId} FOR UPDATE`;
    const operator = await tx.operator.findFirst({
      where: { id: input.operatorId, accountId: by.accountId },
    });
    if (!operator) return { ok: false, reason: "not_found" } as const;
    if (input.removedBy) {
      const remover = await tx.operator.count({
        where: { id: input.removedBy, accountId: by.accountId },
      });
      if (remover === 0) return { ok: false, reason: "not_found" } as const;
    }
    const operators = await tx.operator.count({ where: { accountId: by.accountId } });
    if (operators <= 1) return { ok: false, reason: "last_operator" } as const;

    await recordAudit(tx, by, {
      action: "operator.removed",
      targetType: "operator",
      targetId: operator.id,
      details: { email: operator.email },
    });
    await tx.operator.delete({ where: { id: operator.id } });
    return { ok: true, email: operator.email } as const;
  });
}
