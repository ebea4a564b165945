import type { Supplier, SupplierProduct } from "@premiumcdkeys/suppliers";
import type { PrismaClient } from "../db/types.ts";
import { PermanentFailure, RetryLater } from "../jobs/job-errors.ts";
import { enqueueJob } from "../jobs/job-queue.ts";
import type { JobHandler } from "../jobs/worker.ts";
import type { CircuitBreaker } from "../suppliers/circuit-breaker.ts";
import { planRoute, type Route } from "../suppliers/plan-route.ts";
import type { RoutingMode } from "../suppliers/supplier-registry.ts";
import type { KeyVault } from "../vault/key-vault.ts";
import { buyUnit, type UnitOutcome, type UnitToBuy } from "./buy-unit.ts";
import { advanceOrder } from "./advance-order.ts";
import { failOrder } from "./fail-order.ts";
import { OrderStatus } from "./order-status.ts";

export const DELIVER_ORDER_JOB = "order.deliver";
export const CHECK_STOCK_JOB = "stock.check";

/** Gives the suppliers an account may buy from; the supplier registry in production. */
export type SupplierSource = {
  forAccount(accountId: string, mode: RoutingMode): Promise<Record<string, Supplier>>;
  /** The connections' routing priorities by supplier id; absent means all 0. */
  priorities?(accountId: string, mode: RoutingMode): Promise<Record<string, number>>;
};

export type FulfilmentDeps = {
  prisma: PrismaClient;
  vault: KeyVault;
  registry: SupplierSource;
  claimMs: number;
  supplierTimeoutMs: number;
  breaker?: CircuitBreaker;
  /** Called when units of an order became pre-orders (to tell the customer). */
  onPreorder?: (orderId: string) => Promise<void>;
};

/**
 * Buys every unit of a paid order that is not bought yet, all units at once, each from the
 * best supplier that can sell it. When every key is held the order is `fulfilled` and delivery
 * is queued; pre-ordered units keep it `processing` until their keys come; otherwise the job
 * fails and is retried, and after its last attempt the order fails with each unit's reasons.
 */
export function fulfilOrderHandler(deps: FulfilmentDeps): JobHandler {
  return {
    async run(payload) {
      const orderId = String(payload.orderId);
      const units = await prepareUnits(deps, orderId);
      if (!units) return;

      const outcomes = await Promise.all(
        units.map((unit) =>
          buyUnit(deps.prisma, deps.vault, unit, { ...deps, breakerScope: unit.scope }),
        ),
      );
      // Told before any failure is settled: pre-ordered units are not bought again later.
      if (outcomes.some((outcome) => outcome.outcome === "preordered" && outcome.preorder)) {
        await deps.onPreorder?.(orderId);
      }
      settleOutcomes(outcomes);
      await markFulfilledIfComplete(deps.prisma, orderId);
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

type PlannedUnit = UnitToBuy & { scope: string };

/**
 * Writes one purchase row per unit (with its reference) before any supplier is called, then
 * routes each line. A line no supplier can ever sell (every price above the maximum, say)
 * refuses the whole order before any unit is bought.
 */
async function prepareUnits(
  deps: FulfilmentDeps,
  orderId: string,
): Promise<PlannedUnit[] | undefined> {
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
    where: { orderId, status: { notIn: ["confirmed", "preordered"] } },
  });
  if (open.length === 0) return [];

  // Sandbox orders buy only from sandbox suppliers, live orders only from real ones.
  const suppliers = await deps.registry.forAccount(order.accountId, { sandbox: order.sandbox });
  const supplierPriority = await deps.registry.priorities?.(order.accountId, {
    sandbox: order.sandbox,
  });
  const quotes = new Map<string, Promise<SupplierProduct | undefined>>();
  const routes = new Map<string, Route>();
  for (const line of order.lines) {
    if (!open.some((purchase) => purchase.orderLineId === line.id)) continue;
    if (!line.product || line.product.offers.length === 0) {
      throw new PermanentFailure(`No supplier offer for "${line.name}"`, "NO_SUPPLIER_OFFER", {
        line_id: line.id,
      });
    }
    const route = await planRoute(
      line.product.offers,
      suppliers,
      {
        strategy: line.product.routingStrategy,
        ownStockFirst: line.product.ownStockFirst,
        maxCostMinor: line.product.maxCostMinor ?? line.unitPriceMinor,
        currency: order.currency,
        timeoutMs: deps.supplierTimeoutMs,
        supplierPriority,
      },
      quotes,
    );
    if (route.candidates.length === 0) refuseLine(line.id, route);
    routes.set(line.id, route);
  }

  return open.map((purchase) => {
    const line = order.lines.find((candidate) => candidate.id === purchase.orderLineId)!;
    const route = routes.get(line.id)!;
    return {
      purchaseId: purchase.id,
      reference: purchase.reference,
      candidates: route.candidates,
      skipped: route.skipped,
      suppliers,
      maxCostMinor: line.product!.maxCostMinor ?? line.unitPriceMinor,
      currency: order.currency,
      scope: order.accountId,
    };
  });
}

/** No supplier can sell this line now or later: the order fails whole, nothing bought. */
function refuseLine(lineId: string, route: Route): never {
  const reasons = route.skipped.map(({ supplier, code, message }) => ({ supplier, code, message }));
  const codes = new Set(route.skipped.map((reason) => reason.code));
  if (route.priceRefusal) {
    throw new PermanentFailure(
      "The supplier's price is above the product's maximum cost",
      "COST_ABOVE_MAXIMUM",
      { ...route.priceRefusal, line_id: lineId, reasons },
    );
  }
  if (codes.has("currency_mismatch")) {
    throw new PermanentFailure("No supplier sells in the order's currency", "CURRENCY_MISMATCH", {
      line_id: lineId,
      reasons,
    });
  }
  if (codes.has("unknown_product")) {
    throw new PermanentFailure(
      "The supplier no longer sells this product",
      "UNKNOWN_SUPPLIER_PRODUCT",
      {
        line_id: lineId,
        reasons,
      },
    );
  }
  throw new PermanentFailure("No connected supplier offers this product", "NO_SUPPLIER_OFFER", {
    line_id: lineId,
    reasons,
  });
}

/** Some units failed at the supplier this time; the job retries them. */
class UnitsNotBought extends Error {}

function settleOutcomes(outcomes: UnitOutcome[]): void {
  const failed = outcomes.flatMap((outcome) => (outcome.outcome === "failed" ? [outcome] : []));
  const failures = failed.map((outcome) => outcome.error);
  const details = {
    units_failed: failures.length,
    reasons: failed.map((outcome) => ({
      code: outcome.error.code,
      message: outcome.error.message,
      ...outcome.error.details,
      suppliers: outcome.reasons.map(({ supplier, code, message }) => ({
        supplier,
        code,
        message,
      })),
    })),
  };

  const priceRefused = failures.find((error) => error.code === "price_above_maximum");
  if (priceRefused && failures.every((error) => !error.retryable)) {
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

/** `fulfilled` once every unit holds its key; pre-ordered units keep the order waiting. */
export async function markFulfilledIfComplete(prisma: PrismaClient, orderId: string) {
  const waiting = await prisma.purchase.count({ where: { orderId, status: { not: "confirmed" } } });
  if (waiting > 0) return;
  await advanceOrder(prisma, orderId, {
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
