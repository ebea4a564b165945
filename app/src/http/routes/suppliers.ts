import { Hono } from "hono";
import { z } from "zod";
import { fromMinorUnits, suppliersForAccount, type Platform } from "@premiumcdkeys/core";
import { ApiError } from "../api-error.ts";
import { owner, requirePermission, type ApiEnv } from "../middleware/api-auth.ts";
import { validate } from "../validate.ts";

// Supplier product ids are the supplier's own: letters, digits and a few separators.
const stockParams = z.object({
  supplier: z.string().regex(/^[a-z0-9_-]{1,64}$/, "a supplier id"),
  product_id: z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, "a supplier product id"),
});

const supplierNotFound = () =>
  new ApiError(404, "SUPPLIER_NOT_FOUND", "The requested supplier does not exist");

/** The suppliers of the key's mode, and live stock asked of one of them. */
export function supplierRoutes(platform: Platform) {
  const routes = new Hono<ApiEnv>();

  routes.get("/", async (c) => {
    requirePermission(c, "read");
    const { accountId, sandbox } = owner(c);
    const suppliers = await suppliersForAccount(platform, accountId, { sandbox });
    const data = [...suppliers.values()].map((entry) => ({
      id: entry.supplier.id,
      name: entry.name,
      enabled: true,
      sandbox: entry.sandbox,
    }));
    return c.json({ data });
  });

  routes.get("/:supplier/products/:product_id/stock", async (c) => {
    requirePermission(c, "read");
    const { accountId, sandbox } = owner(c);
    const params = stockParams.safeParse(c.req.param());
    if (!params.success) {
      if (params.error.issues.some((issue) => issue.path[0] === "supplier"))
        throw supplierNotFound();
      validate(stockParams, c.req.param());
    }
    const { supplier: supplierId, product_id: productId } = params.data!;

    const entry = (await suppliersForAccount(platform, accountId, { sandbox })).get(supplierId);
    if (!entry) throw supplierNotFound();
    let reading;
    try {
      reading = await platform.stockCache.read(entry.supplier, productId);
    } catch (error) {
      platform.log.warn({ supplier: supplierId, err: error }, "stock check failed");
      throw new ApiError(503, "SUPPLIER_UNAVAILABLE", "The supplier did not answer", {
        supplier: supplierId,
      });
    }
    if (!reading.product) {
      throw new ApiError(404, "PRODUCT_NOT_FOUND", "The supplier does not sell this product");
    }
    return c.json({
      data: {
        supplier: supplierId,
        product_id: productId,
        available: reading.product.stock,
        cost: fromMinorUnits(reading.product.priceMinor, reading.product.currency),
        currency: reading.product.currency,
        checked_at: reading.checkedAt.toISOString(),
      },
    });
  });

  return routes;
}
