import { randomUUID } from "node:crypto";
import type { Supplier, SupplierOrder } from "@premiumcdkeys/suppliers";
import { SupplierError } from "@premiumcdkeys/suppliers";
import type { PrismaClient } from "../db/types.ts";
import type { KeyVault } from "../vault/key-vault.ts";
import { withSupplierTimeout } from "./supplier-call.ts";

export type UnitToBuy = {
  purchaseId: string;
  reference: string;
  supplier: Supplier;
  supplierProductId: string;
  maxCostMinor: number;
  currency: string;
};

export type UnitOutcome =
  { outcome: "confirmed" } | { outcome: "busy" } | { outcome: "failed"; error: SupplierError };

/**
 * Buys one unit, at most once. The purchase row is claimed first so no other worker calls the
 * supplier for it meanwhile; from the second attempt on, the supplier is asked for an order
 * with our reference before anything is bought, because an earlier attempt may have been
 * charged without us hearing the answer.
 */
export async function buyUnit(
  prisma: PrismaClient,
  vault: KeyVault,
  unit: UnitToBuy,
  timing: { claimMs: number; supplierTimeoutMs: number },
): Promise<UnitOutcome> {
  const claimed = await prisma.$queryRaw<{ attempts: number }[]>`
    UPDATE purchases SET status = 'calling', attempts = attempts + 1,
           supplier = ${unit.supplier.id}, supplier_product_id = ${unit.supplierProductId},
           claimed_until = now() + make_interval(secs => ${timing.claimMs / 1000})
     WHERE id = ${unit.purchaseId} AND status <> 'confirmed'
       AND (claimed_until IS NULL OR claimed_until < now())
    RETURNING attempts`;
  if (claimed.length === 0) return { outcome: "busy" };

  const call = <T>(promise: Promise<T>) => withSupplierTimeout(promise, timing.supplierTimeoutMs);
  let order: SupplierOrder;
  try {
    const earlier =
      claimed[0].attempts > 1 ? await call(unit.supplier.findOrder(unit.reference)) : undefined;
    order =
      earlier ??
      (await call(
        unit.supplier.placeOrder({
          reference: unit.reference,
          productId: unit.supplierProductId,
          maxPriceMinor: unit.maxCostMinor,
          currency: unit.currency,
        }),
      ));
  } catch (caught) {
    const error =
      caught instanceof SupplierError
        ? caught
        : new SupplierError("unavailable", "The supplier call failed");
    await releaseClaim(prisma, unit.purchaseId, `${error.code}: ${error.message}`);
    return { outcome: "failed", error };
  }

  try {
    await confirmPurchase(prisma, vault, unit.purchaseId, order);
  } catch (error) {
    // A slower attempt of another worker may have confirmed this unit meanwhile: then it is done.
    if (await isConfirmed(prisma, unit.purchaseId)) return { outcome: "confirmed" };
    await releaseClaim(prisma, unit.purchaseId, "internal error while storing the key");
    throw error;
  }
  return { outcome: "confirmed" };
}

/** Hands the unit back for a later attempt, unless another attempt has confirmed it. */
async function releaseClaim(prisma: PrismaClient, purchaseId: string, reason: string) {
  await prisma.purchase.updateMany({
    where: { id: purchaseId, status: { not: "confirmed" } },
    data: { status: "pending", claimedUntil: null, lastError: reason },
  });
}

async function isConfirmed(prisma: PrismaClient, purchaseId: string): Promise<boolean> {
  const purchase = await prisma.purchase.findUnique({
    where: { id: purchaseId },
    select: { status: true },
  });
  return purchase?.status === "confirmed";
}

/**
 * The key and the confirmation are written in one statement, so a key we were given is never
 * lost, and PGlite is held for one round trip rather than a whole transaction.
 */
async function confirmPurchase(
  prisma: PrismaClient,
  vault: KeyVault,
  purchaseId: string,
  order: SupplierOrder,
): Promise<void> {
  const key = order.keys[0];
  if (!key) throw new SupplierError("unavailable", "The supplier returned no key yet");

  const secret = key.kind === "text" ? Buffer.from(key.code) : key.data;
  const mimeType = key.kind === "text" ? "text/plain" : key.mimeType;
  const fileName = key.kind === "image" ? key.fileName : null;
  const seal = vault.seal(secret, `key:${purchaseId}`);
  await prisma.$executeRaw`
    WITH stored AS (
      INSERT INTO keys (id, purchase_id, kind, mime_type, file_name, seal)
      VALUES (${randomUUID()}, ${purchaseId}, ${key.kind}, ${mimeType}, ${fileName}, ${seal})
      RETURNING purchase_id)
    UPDATE purchases SET status = 'confirmed', supplier_order_id = ${order.supplierOrderId},
           cost_minor = ${order.priceMinor}, currency = ${order.currency}, claimed_until = NULL,
           last_error = NULL, confirmed_at = now()
     WHERE id = (SELECT purchase_id FROM stored)`;
}
