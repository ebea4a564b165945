import { z } from "zod";
import type { PrismaClient } from "../db/types.ts";
import type { SupplierRegistry } from "../suppliers/supplier-registry.ts";
import { recordAudit, type Actor } from "./audit-log.ts";

export type ConnectionTest =
  { ok: true; balanceMinor: number; currency: string } | { ok: false; message: string };

/**
 * Asks the supplier for the connection's balance with its stored credentials: the connection
 * test of the Suppliers page. The balance seen is kept on the connection.
 */
export async function testSupplierConnection(
  prisma: PrismaClient,
  registry: SupplierRegistry,
  accountId: string,
  connectionId: string,
): Promise<ConnectionTest | undefined> {
  const row = await prisma.supplierConnection.findFirst({ where: { id: connectionId, accountId } });
  if (!row) return undefined;
  const supplier = registry.forConnection(row);
  if (!supplier) return { ok: false, message: "This supplier has no API to test (own stock)" };
  try {
    const balance = await supplier.getBalance();
    await prisma.supplierConnection.update({
      where: { id: row.id },
      data: { balanceMinor: balance.amountMinor, balanceCheckedAt: new Date() },
    });
    return { ok: true, balanceMinor: balance.amountMinor, currency: balance.currency };
  } catch (error) {
    const code = (error as { code?: string }).code;
    return {
      ok: false,
      message: `The supplier refused or did not answer${code ? ` (${code})` : ""}`,
    };
  }
}

/** Switches a connection on or off; false when it is not the account's. */
export async function setSupplierEnabled(
  prisma: PrismaClient,
  accountId: string,
  connectionId: string,
  enabled: boolean,
): Promise<boolean> {
  const updated = await prisma.supplierConnection.updateMany({
    where: { id: connectionId, accountId },
    data: { enabled },
  });
  return updated.count > 0;
}

export const connectionPrioritySchema = z.number().int().min(-1000).max(1000);

/**
 * Sets a connection's routing priority (lower first); the audit entry keeps the old and new
 * value. Refused without a change when the value is not a whole number from -1000 to 1000.
 */
export async function setSupplierPriority(
  prisma: PrismaClient,
  by: Actor,
  connectionId: string,
  input: unknown,
): Promise<{ ok: true } | { ok: false; field?: "priority"; message: string }> {
  const priority = connectionPrioritySchema.safeParse(input);
  if (!priority.success) {
    return { ok: false, field: "priority", message: "A whole number from -1000 to 1000" };
  }
  const row = await prisma.supplierConnection.findFirst({
    where: { id: connectionId, accountId: by.accountId },
    select: { priority: true },
  });
  if (!row) return { ok: false, message: "No such connection" };

  await recordAudit(prisma, by, {
    action: "supplier.priority_changed",
    targetType: "supplier_connection",
    targetId: connectionId,
    details: { before: row.priority, after: priority.data },
  });
  await prisma.supplierConnection.update({
    where: { id: connectionId },
    data: { priority: priority.data },
  });
  return { ok: true };
}
