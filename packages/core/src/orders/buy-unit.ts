import { randomUUID } from "node:crypto";
import type { Supplier, SupplierOrder } from "@premiumcdkeys/suppliers";
import { SupplierError, mayHaveCharged } from "@premiumcdkeys/suppliers";
import type { PrismaClient } from "../db/types.ts";
import type { CircuitBreaker } from "../suppliers/circuit-breaker.ts";
import type { KeyVault } from "../vault/key-vault.ts";
import { withSupplierTimeout } from "./supplier-call.ts";

/** One supplier offer a unit may be bought from, in the order routing chose. */
export type Candidate = { supplier: Supplier; supplierProductId: string };

export type UnitToBuy = {
  purchaseId: string;
  reference: string;
  candidates: Candidate[];
  /** Every supplier of the account by id, to ask about earlier attempts. */
  suppliers: Record<string, Supplier>;
  maxCostMinor: number;
  currency: string;
  /** Why offers were left out before buying (out of stock, circuit open...), for the record. */
  skipped?: UnitReason[];
};

export type UnitReason = { supplier: string; code: string; message: string; retryable: boolean };

export type UnitOutcome =
  | { outcome: "confirmed" }
  | { outcome: "preordered"; preorder: boolean }
  | { outcome: "busy" }
  | { outcome: "failed"; error: SupplierError; reasons: UnitReason[] };

export type BuyTiming = {
  claimMs: number;
  supplierTimeoutMs: number;
  breaker?: CircuitBreaker;
  /** Circuit breaker keys are per account: one merchant's bad credentials say nothing of another's. */
  breakerScope?: string;
};

/**
 * Buys one unit, at most once. The purchase row is claimed first so no other worker calls a
 * supplier for it meanwhile. Every supplier the unit was ever sent to is asked for an order with
 * our reference before anything is bought, because an earlier attempt may have been charged
 * without us hearing the answer. Then the candidates are tried in order (those whose circuit is
 * open last); a supplier that fails hands over to the next, except after a timeout, when it may
 * have charged: the next attempt asks it first.
 */
export async function buyUnit(
  prisma: PrismaClient,
  vault: KeyVault,
  unit: UnitToBuy,
  timing: BuyTiming,
): Promise<UnitOutcome> {
  const claimed = await prisma.$queryRaw<{ attempts: number; suppliers_tried: string[] | null }[]>`
    UPDATE purchases SET status = 'calling', attempts = attempts + 1,
           claimed_until = now() + make_interval(secs => ${timing.claimMs / 1000})
     WHERE id = ${unit.purchaseId} AND status NOT IN ('confirmed', 'preordered')
       AND (claimed_until IS NULL OR claimed_until < now())
    RETURNING attempts, suppliers_tried`;
  if (claimed.length === 0) return { outcome: "busy" };

  const call = <T>(promise: Promise<T>) => withSupplierTimeout(promise, timing.supplierTimeoutMs);
  const reasons: UnitReason[] = [...(unit.skipped ?? [])];
  const fail = async (error: SupplierError): Promise<UnitOutcome> => {
    const text = reasons.map((reason) => `${reason.supplier}: ${reason.code}: ${reason.message}`);
    const codes = reasons.length > 0 ? reasons.map((reason) => reason.code) : [error.code];
    await releaseClaim(prisma, unit.purchaseId, {
      text: text.join("; ") || `${error.code}: ${error.message}`,
      codes,
    });
    return { outcome: "failed", error, reasons };
  };

  for (const supplierId of claimed[0].suppliers_tried ?? []) {
    const supplier = unit.suppliers[supplierId];
    if (!supplier) {
      reasons.push(reason(supplierId, new SupplierError("unavailable", "No longer connected")));
      return fail(
        new SupplierError("unavailable", `Cannot ask ${supplierId} about an earlier attempt`),
      );
    }
    try {
      const earlier = await call(supplier.findOrder(unit.reference));
      if (earlier) return settle(prisma, vault, unit, supplierId, earlier, fail);
    } catch (caught) {
      const error = asSupplierError(caught);
      reasons.push(reason(supplierId, error));
      return fail(error);
    }
  }

  const circuit = (candidate: Candidate) => `${timing.breakerScope ?? ""}:${candidate.supplier.id}`;
  // A supplier failing repeatedly is passed over while another can sell; alone, it is still tried.
  const tripped = unit.candidates.filter((candidate) => timing.breaker?.isOpen(circuit(candidate)));
  const ordered = [
    ...unit.candidates.filter((candidate) => !tripped.includes(candidate)),
    ...tripped,
  ];
  for (const candidate of ordered) {
    const id = candidate.supplier.id;
    await recordTried(prisma, unit.purchaseId, candidate);
    try {
      const order = await call(
        candidate.supplier.placeOrder({
          reference: unit.reference,
          productId: candidate.supplierProductId,
          maxPriceMinor: unit.maxCostMinor,
          currency: unit.currency,
        }),
      );
      timing.breaker?.succeeded(circuit(candidate));
      return settle(prisma, vault, unit, id, order, fail);
    } catch (caught) {
      // Anything but a supplier's clear answer may hide a charge: look it up before moving on.
      const error =
        caught instanceof SupplierError
          ? caught
          : new SupplierError("unknown_outcome", "The order call failed unexpectedly");
      reasons.push(reason(id, error));
      if (["unavailable", "timeout", "unknown_outcome", "rate_limited"].includes(error.code)) {
        timing.breaker?.failed(circuit(candidate));
      }
      if (mayHaveCharged(error)) return fail(error);
    }
  }
  return fail(primaryError(reasons));
}

function reason(supplier: string, error: SupplierError): UnitReason {
  return { supplier, code: error.code, message: error.message, retryable: error.retryable };
}

function asSupplierError(caught: unknown): SupplierError {
  return caught instanceof SupplierError
    ? caught
    : new SupplierError("unavailable", "The supplier call failed");
}

/** The reason that decides the unit's fate: permanent only when no supplier may sell later. */
function primaryError(reasons: UnitReason[]): SupplierError {
  const retryable = reasons.find((entry) => entry.retryable);
  const chosen = retryable ?? reasons[0];
  if (!chosen) return new SupplierError("out_of_stock", "No supplier offers this product");
  const details = { supplier: chosen.supplier };
  return new SupplierError(chosen.code as SupplierError["code"], chosen.message, details);
}

/** Written before the call: from now on this supplier is asked before the unit is bought again. */
async function recordTried(prisma: PrismaClient, purchaseId: string, candidate: Candidate) {
  await prisma.$executeRaw`
    UPDATE purchases SET supplier = ${candidate.supplier.id},
           supplier_product_id = ${candidate.supplierProductId},
           suppliers_tried = CASE WHEN ${candidate.supplier.id} = ANY(suppliers_tried)
                             THEN suppliers_tried
                             ELSE array_append(suppliers_tried, ${candidate.supplier.id}) END
     WHERE id = ${purchaseId}`;
}

async function settle(
  prisma: PrismaClient,
  vault: KeyVault,
  unit: UnitToBuy,
  supplierId: string,
  order: SupplierOrder,
  fail: (error: SupplierError) => Promise<UnitOutcome>,
): Promise<UnitOutcome> {
  if (order.keys.length === 0 && (order.pendingKeys ?? 0) > 0) {
    await markPreordered(prisma, unit.purchaseId, supplierId, order);
    return { outcome: "preordered", preorder: order.preorder === true };
  }
  if (order.keys.length === 0) {
    return fail(new SupplierError("unavailable", "The supplier returned no key yet"));
  }
  try {
    await confirmPurchase(prisma, vault, unit.purchaseId, supplierId, order);
  } catch (error) {
    // A slower attempt of another worker may have confirmed this unit meanwhile: then it is done.
    if (await isConfirmed(prisma, unit.purchaseId)) return { outcome: "confirmed" };
    await releaseClaim(prisma, unit.purchaseId, {
      text: "internal error while storing the key",
      codes: ["internal_error"],
    });
    throw error;
  }
  return { outcome: "confirmed" };
}

/**
 * Paid, key to come (a pre-order, or a supplier still preparing it): the unit waits for the
 * supplier's callback or the periodic check.
 */
async function markPreordered(
  prisma: PrismaClient,
  purchaseId: string,
  supplierId: string,
  order: SupplierOrder,
) {
  await prisma.purchase.updateMany({
    where: { id: purchaseId, status: { not: "confirmed" } },
    data: {
      status: "preordered",
      supplier: supplierId,
      supplierOrderId: order.supplierOrderId,
      costMinor: order.priceMinor,
      currency: order.currency,
      claimedUntil: null,
      lastError: null,
      lastErrorCodes: [],
    },
  });
}

/** Hands the unit back for a later attempt, unless another attempt has confirmed it. */
async function releaseClaim(
  prisma: PrismaClient,
  purchaseId: string,
  reason: { text: string; codes: string[] },
) {
  await prisma.purchase.updateMany({
    where: { id: purchaseId, status: { notIn: ["confirmed", "preordered"] } },
    data: {
      status: "pending",
      claimedUntil: null,
      lastError: reason.text.slice(0, 2000),
      lastErrorCodes: reason.codes,
    },
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
export async function confirmPurchase(
  prisma: PrismaClient,
  vault: KeyVault,
  purchaseId: string,
  supplierId: string,
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
    UPDATE purchases SET status = 'confirmed', supplier = ${supplierId},
           supplier_order_id = ${order.supplierOrderId},
           cost_minor = ${order.priceMinor}, currency = ${order.currency}, claimed_until = NULL,
           last_error = NULL, last_error_codes = '{}', confirmed_at = now()
     WHERE id = (SELECT purchase_id FROM stored)`;
}
