import type { PrismaClient } from "../db/types.ts";
import type { SupplierRegistry } from "../suppliers/supplier-registry.ts";

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
