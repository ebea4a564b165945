import { SupplierError, type CallbackHint } from "@premiumcdkeys/suppliers";
import type { PrismaClient } from "../db/types.ts";
import { enqueueJob } from "../jobs/job-queue.ts";
import type { JobHandler } from "../jobs/worker.ts";
import type { Logger } from "../logger.ts";
import { CHECK_STOCK_JOB } from "../orders/fulfil-order.ts";
import { withSupplierTimeout } from "../orders/supplier-call.ts";
import { collectPreorders, type PreorderDeps } from "./collect-preorders.ts";
import { SUPPLIER_CALLBACK_JOB } from "./receive-supplier-callback.ts";
import { refreshProduct } from "./refresh-product.ts";

export const SUPPLIERS_REFRESH_JOB = "suppliers.refresh";
export const PREORDERS_CHECK_JOB = "preorders.check";

export type SupplierJobsDeps = PreorderDeps & {
  refreshEveryMs: number;
  preorderCheckEveryMs: number;
};

/**
 * Queues the periodic jobs unless they are queued already, first runs one interval from now
 * (start-up has enough to do). Each run queues its next one, so the durable job table is the
 * only scheduler, shared by every worker.
 */
export async function schedulePeriodicJobs(
  prisma: PrismaClient,
  every: { refreshMs: number; preorderCheckMs: number },
): Promise<void> {
  const later = (ms: number) => new Date(Date.now() + ms);
  await enqueueJob(
    prisma,
    SUPPLIERS_REFRESH_JOB,
    {},
    {
      uniqueKey: SUPPLIERS_REFRESH_JOB,
      runAt: later(every.refreshMs),
    },
  );
  await enqueueJob(
    prisma,
    PREORDERS_CHECK_JOB,
    {},
    {
      uniqueKey: PREORDERS_CHECK_JOB,
      runAt: later(every.preorderCheckMs),
    },
  );
}

export function supplierJobHandlers(deps: SupplierJobsDeps): Record<string, JobHandler> {
  const again = (type: string, everyMs: number) =>
    enqueueJob(deps.prisma, type, {}, { uniqueKey: type, runAt: new Date(Date.now() + everyMs) });

  return {
    [SUPPLIER_CALLBACK_JOB]: {
      async run(payload) {
        await handleCallback(deps, String(payload.callbackId));
      },
    },
    [PREORDERS_CHECK_JOB]: {
      async run() {
        try {
          await collectPreorders(deps);
        } finally {
          await again(PREORDERS_CHECK_JOB, deps.preorderCheckEveryMs);
        }
      },
    },
    [SUPPLIERS_REFRESH_JOB]: {
      async run() {
        try {
          await refreshAll(deps);
        } finally {
          await again(SUPPLIERS_REFRESH_JOB, deps.refreshEveryMs);
        }
      },
    },
  };
}

async function handleCallback(deps: SupplierJobsDeps, callbackId: string) {
  const callback = await deps.prisma.supplierCallback.findUnique({
    where: { id: callbackId },
    include: { connection: true },
  });
  if (!callback || callback.processedAt) return;
  const hint = JSON.parse(callback.body) as CallbackHint;
  const { accountId, supplier } = callback.connection;

  if (hint.kind === "order") {
    const named = [
      hint.supplierOrderId ? { supplierOrderId: hint.supplierOrderId } : undefined,
      hint.reference ? { reference: hint.reference } : undefined,
    ].filter((entry) => entry !== undefined);
    if (named.length > 0) {
      await collectPreorders(deps, { supplier, order: { accountId }, OR: named });
    }
  } else if (hint.kind === "stock" && hint.productIds?.length) {
    const products = await deps.prisma.product.findMany({
      where: {
        accountId,
        offers: { some: { supplier, supplierProductId: { in: hint.productIds } } },
      },
      select: { id: true },
    });
    for (const product of products) {
      await enqueueJob(
        deps.prisma,
        CHECK_STOCK_JOB,
        { productId: product.id },
        {
          uniqueKey: `stock:${product.id}`,
        },
      );
    }
  }
  await deps.prisma.supplierCallback.update({
    where: { id: callbackId },
    data: { processedAt: new Date() },
  });
}

/** Stock and cost of every mapped offer, then every connection's balance. */
async function refreshAll(deps: SupplierJobsDeps) {
  const accounts = await deps.prisma.account.findMany({
    where: { products: { some: { offers: { some: {} } } } },
    select: { id: true },
  });
  for (const account of accounts) {
    const suppliers = await deps.registry.forAccountMode(account.id);
    const products = await deps.prisma.product.findMany({
      where: { accountId: account.id, offers: { some: {} } },
      select: { id: true },
    });
    for (const product of products) {
      // One product's trouble must not stop the refresh of every other.
      await refreshProduct(deps.prisma, product.id, suppliers, deps.timeoutMs).catch(
        (error: unknown) => {
          deps.log.warn({ err: error, productId: product.id }, "stock refresh failed");
        },
      );
    }
  }
  await checkBalances(deps, deps.log);
}

/**
 * Reads every enabled connection's balance and warns once when it falls below the
 * connection's threshold, again only after it was back above.
 */
export async function checkBalances(deps: PreorderDeps, log: Logger): Promise<void> {
  const connections = await deps.prisma.supplierConnection.findMany({ where: { enabled: true } });
  for (const connection of connections) {
    const supplier = deps.registry.forConnection(connection);
    if (!supplier) continue;
    let balance;
    try {
      balance = await withSupplierTimeout(supplier.getBalance(), deps.timeoutMs);
    } catch (error) {
      const code = error instanceof SupplierError ? error.code : "unreadable";
      log.warn({ connectionId: connection.id, code }, "supplier balance unavailable");
      continue;
    }
    const low =
      connection.lowBalanceMinor !== null && balance.amountMinor < connection.lowBalanceMinor;
    await deps.prisma.supplierConnection.update({
      where: { id: connection.id },
      data: { balanceMinor: balance.amountMinor, balanceLow: low, balanceCheckedAt: new Date() },
    });
    if (low && !connection.balanceLow) {
      log.warn(
        {
          connectionId: connection.id,
          accountId: connection.accountId,
          supplier: connection.supplier,
          balanceMinor: balance.amountMinor,
          thresholdMinor: connection.lowBalanceMinor,
          currency: balance.currency,
        },
        "supplier balance low",
      );
    }
  }
}
