import { Hono } from "hono";
import {
  findProduct,
  fromMinorUnits,
  listProducts,
  productStock,
  suppliersForAccount,
  type Platform,
} from "@premiumcdkeys/core";
import { ApiError } from "../api-error.ts";
import { owner, requirePermission, type ApiEnv } from "../middleware/api-auth.ts";
import { pageMeta, pageQuery } from "../page-query.ts";
import { pathId } from "../path-id.ts";
import { validate } from "../validate.ts";

const notFound = () =>
  new ApiError(404, "PRODUCT_NOT_FOUND", "The requested product does not exist");

/** The account's products and their stock at the suppliers of the key's mode. */
export function productRoutes(platform: Platform) {
  const routes = new Hono<ApiEnv>();

  routes.get("/", async (c) => {
    requirePermission(c, "read");
    const query = validate(pageQuery, c.req.query());
    const { total, products } = await listProducts(platform.db.prisma, c.get("accountId"), query);
    const data = products.map((product) => ({
      id: product.id,
      name: product.name,
      sku: product.sku,
      max_cost:
        product.maxCostMinor === null
          ? null
          : fromMinorUnits(product.maxCostMinor, product.currency),
      currency: product.currency,
      low_stock_threshold: product.lowStockThreshold,
      created_at: product.createdAt.toISOString(),
    }));
    return c.json({ data, meta: pageMeta(total, query) });
  });

  routes.get("/:id/stock", async (c) => {
    requirePermission(c, "read");
    const { accountId, sandbox } = owner(c);
    const product = await findProduct(platform.db.prisma, accountId, pathId(c, "id", notFound));
    if (!product) throw notFound();

    const suppliers = await suppliersForAccount(platform, accountId, { sandbox });
    const stock = await productStock(product.offers, suppliers, platform.stockCache, platform.log);
    return c.json({
      data: {
        product_id: product.id,
        available: stock.available,
        offers: stock.offers.map((offer) => ({
          supplier: offer.supplier,
          supplier_product_id: offer.supplierProductId,
          available: offer.available,
          cost: fromMinorUnits(offer.costMinor, offer.currency),
          currency: offer.currency,
        })),
        checked_at: stock.checkedAt.toISOString(),
      },
    });
  });

  return routes;
}
