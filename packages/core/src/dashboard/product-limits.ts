import type { PrismaClient } from "../db/types.ts";
import { recordAudit, type Actor } from "./audit-log.ts";
import { parseExactAmount, parseWholeNumber } from "./form-numbers.ts";
import { productLimitsSchema } from "./product-catalogue.ts";

/** The limits form's fields as typed; empty text clears a limit. */
export type ProductLimitsText = { maxCost: string; lowStockThreshold: string };

export type ProductLimitsChange =
  { ok: true } | { ok: false; field?: "maxCost" | "lowStockThreshold"; message: string };

const UUID = /^[0-9a-f-]{36}$/i;

/**
 * Sets a product's maximum cost (read in the product's own currency, never one the form names)
 * and low-stock threshold, audited. Any refusal changes nothing.
 */
export async function changeProductLimits(
  prisma: PrismaClient,
  by: Actor,
  productId: string,
  input: ProductLimitsText,
): Promise<ProductLimitsChange> {
  const product = UUID.test(productId)
    ? await prisma.product.findFirst({
        where: { id: productId, accountId: by.accountId },
        select: { currency: true },
      })
    : null;
  if (!product) return { ok: false, message: "No such product" };

  const maxCost = parseExactAmount(input.maxCost, product.currency);
  if (!maxCost.ok) return { ok: false, field: "maxCost", message: maxCost.message };
  const threshold = parseWholeNumber(input.lowStockThreshold, { min: 0, max: 1_000_000 });
  if (!threshold.ok) return { ok: false, field: "lowStockThreshold", message: threshold.message };
  const limits = productLimitsSchema.safeParse({
    maxCostMinor: maxCost.value,
    lowStockThreshold: threshold.value,
  });
  if (!limits.success) {
    const onMaxCost = limits.error.issues[0]?.path[0] === "maxCostMinor";
    return onMaxCost
      ? { ok: false, field: "maxCost", message: "At most 1000000 in whole units" }
      : { ok: false, field: "lowStockThreshold", message: "A whole number from 0 to 1000000" };
  }

  await recordAudit(prisma, by, {
    action: "product.limits_changed",
    targetType: "product",
    targetId: productId,
    details: limits.data,
  });
  await prisma.product.update({ where: { id: productId }, data: limits.data });
  return { ok: true };
}
