import { SupplierError, type Supplier } from "@premiumcdkeys/suppliers";
import type { PrismaClient } from "../db/types.ts";
import { PermanentFailure, RetryLater } from "../jobs/job-errors.ts";
import { enqueueJob } from "../jobs/job-queue.ts";
import type { JobHandler } from "../jobs/worker.ts";
import type { KeyVault } from "../vault/key-vault.ts";
import { buyUnit, type UnitOutcome, type UnitToBuy } from "./buy-unit.ts";
import { advanceOrder } from "./advance-order.ts";
import { failOrder } from "./fail-order.ts";
import { suppliersForAccount } from "../suppliers/suppliers-for-account.ts";
import { withSupplierTimeout } from "./supplier-call.ts";
import { OrderStatus } from "./order-status.ts";

export const DELIVER_ORDER_JOB = "order.deliver";
export const CHECK_STOCK_JOB = "stock.check";

export type FulfilmentDeps = {
  prisma: PrismaClient;
  vault: KeyVault;
  suppliers: Record<string, Supplier>;
  claimMs: number;
  supplierTimeoutMs: number;
};

/**
 * Buys every unit of a paid order that is not bought yet, all units at once. When every key is
 * held the order is `fulfilled` and delivery is queued; otherwise the job fails and is retried,
 * and after its last attempt the order fails with each unit's reason.
 */
export function fulfilOrderHandler(deps: FulfilmentDeps): JobHandler {
  return {
    async run(payload) {
      const orderId = String(payload.orderId);
      const units = await prepareUnits(deps, orderId);
      if (!units) return;
      await refuseAboveMaximum(units, deps.supplierTimeoutMs);

      const outcomes = await Promise.all(
        units.map((unit) => buyUnit(deps.prisma, deps.vault, unit, deps)),
      );
      settleOutcomes(outcomes);
      await markFulfilled(deps.prisma, orderId);
    },

    async onFinalFailure(payload, error) {
      const orderId = String(payload.orderId);
      const code = error instanceof PermanentFailure ? error.code : "SUPPLIER_FAILED";
      // Our own failures carry readable reasons; anything else may hold internals.
      const known = error instanceof PermanentFailure || error instanceof UnitsNotBought;
      const message = known
        ? error.message
        : "Keys could not be bought because of an internal error";
      const unbought = await deps.prisma.purchase.findMany({
        where: { orderId, status: { not: "confirmed" } },
        orderBy: [{ orderLineId: "asc" }, { unitIndex: "asc" }],
      });
      const details = {
        ...(error instanceof PermanentFailure ? error.details : {}),
        units: unbought.map((purchase) => ({
          line_id: purchase.orderLineId,
          unit: purchase.unitIndex,
          reference: purchase.reference,
          supplier: purchase.supplier,
          attempts: purchase.attempts,
          last_error: purchase.lastError,
        })),
      };
      await failOrder(deps.prisma, orderId, code, message, details);
    },
  };
}

/** Writes one purchase row per unit (with its reference) before any supplier is called. */
async function prepareUnits(
  deps: FulfilmentDeps,
  orderId: string,
): Promise<UnitToBuy[] | undefined> {
  const order = await deps.prisma.order.findUnique({
    relationLoadStrategy: "join",
    where: { id: orderId },
    include: {
      lines: { include: { product: { include: { offers: { orderBy: { priority: "asc" } } } } } },
    },
  });
  if (!order || order.status !== OrderStatus.processing) return undefined;

  await deps.prisma.purchase.createMany({
    data: order.lines.flatMap((line) =>
      Array.from({ length: line.quantity }, (_, unitIndex) => ({
        orderId,
        orderLineId: line.id,
        unitIndex,
        reference: `pck_${line.id}_${unitIndex}`,
      })),
    ),
    skipDuplicates: true,
  });

  const open = await deps.prisma.purchase.findMany({
    where: { orderId, status: { not: "confirmed" } },
  });
  // Sandbox orders buy only from sandbox suppliers, live orders only from real ones.
  const suppliers = suppliersForAccount(deps, order.accountId, { sandbox: order.sandbox });
  return open.map((purchase) => {
    const line = order.lines.find((candidate) => candidate.id === purchase.orderLineId)!;
    const offer = line.product?.offers.find((candidate) => suppliers.has(candidate.supplier));
    if (!line.product || !offer) {
      throw new PermanentFailure(`No supplier offer for "${line.name}"`, "NO_SUPPLIER_OFFER", {
        line_id: line.id,
      });
    }
    return {
      purchaseId: purchase.id,
      reference: purchase.reference,
      supplier: suppliers.get(offer.supplier)!.supplier,
      supplierProductId: offer.supplierProductId,
      maxCostMinor: line.product.maxCostMinor ?? line.unitPriceMinor,
      currency: order.currency,
    };
  });
}

/**
 * Asks each supplier for its current price before buying anything, so an order whose price has
 * risen above the maximum is refused whole instead of leaving some units bought. The supplier
 * still gets the maximum with every purchase, for a price that changes in between.
 */
async function refuseAboveMaximum(units: UnitToBuy[], timeoutMs: number): Promise<void> {
  const offers = new Map(
    units.map((unit) => [`${unit.supplier.id}:${unit.supplierProductId}`, unit]),
  );
  for (const unit of offers.values()) {
    const product = await withSupplierTimeout(
      unit.supplier.getProduct(unit.supplierProductId),
      timeoutMs,
    ).catch((error: unknown) => {
      if (!(error instanceof SupplierError)) throw error;
      throw new UnitsNotBought(`Price check failed: ${error.code}: ${error.message}`);
    });
    if (!product) {
      throw new PermanentFailure(
        `The supplier no longer sells ${unit.supplierProductId}`,
        "UNKNOWN_SUPPLIER_PRODUCT",
        {
          supplier: unit.supplier.id,
          supplier_product_id: unit.supplierProductId,
        },
      );
    }
    if (product.currency !== unit.currency) {
      throw new PermanentFailure(
        `The supplier sells ${unit.supplierProductId} in ${product.currency}, the order is in ${unit.currency}`,
        "CURRENCY_MISMATCH",
        { supplier: unit.supplier.id, supplier_product_id: unit.supplierProductId },
      );
    }
    if (product.priceMinor > unit.maxCostMinor) {
      throw new PermanentFailure(
        "The supplier's price is above the product's maximum cost",
        "COST_ABOVE_MAXIMUM",
        {
          supplier: unit.supplier.id,
          supplier_product_id: unit.supplierProductId,
          price_minor: product.priceMinor,
          price_currency: product.currency,
          max_cost_minor: unit.maxCostMinor,
          currency: unit.currency,
        },
      );
    }
  }
}

/** Some units failed at the supplier this time; the job retries them. */
class UnitsNotBought extends Error {}

function settleOutcomes(outcomes: UnitOutcome[]): void {
  const failures = outcomes.flatMap((outcome) =>
    outcome.outcome === "failed" ? [outcome.error] : [],
  );
  const details = {
    units_failed: failures.length,
    reasons: failures.map((error) => ({
      code: error.code,
      message: error.message,
      ...error.details,
    })),
  };

  const priceRefused = failures.find((error) => error.code === "price_above_maximum");
  if (priceRefused) {
    throw new PermanentFailure(
      "The supplier's price is above the product's maximum cost",
      "COST_ABOVE_MAXIMUM",
      details,
    );
  }
  if (failures.some((error) => !error.retryable)) {
    throw new PermanentFailure(failures[0].message, "SUPPLIER_REJECTED", details);
  }
  if (failures.length > 0) {
    throw new UnitsNotBought(
      `${failures.length} unit(s) not bought: ${failures[0].code}: ${failures[0].message}`,
    );
  }
  if (outcomes.some((outcome) => outcome.outcome === "busy")) {
    throw new RetryLater(1000, "another worker is buying a unit of this order");
  }
}

function markFulfilled(prisma: PrismaClient, orderId: string): Promise<void> {
  return advanceOrder(prisma, orderId, {
    from: OrderStatus.processing,
    to: OrderStatus.fulfilled,
    event: "order.fulfilled",
    async alongside(tx, order) {
      await enqueueJob(tx, DELIVER_ORDER_JOB, { orderId }, { uniqueKey: `deliver:${orderId}` });
      for (const productId of new Set(order.lines.map((line) => line.productId))) {
        if (!productId) continue;
        await enqueueJob(tx, CHECK_STOCK_JOB, { productId }, { uniqueKey: `stock:${productId}` });
      }
    },
  });
}
