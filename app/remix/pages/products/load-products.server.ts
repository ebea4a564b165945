import type { WebContext } from "../../load-context";
import { actorOf, type MerchantScope } from "../../shells/merchant-scope";
import { moneyText } from "../common/money.server";
import { formText } from "../common/form-text";

export type ProductsData = Awaited<ReturnType<typeof loadProducts>>;

/** Products with offers and mappings; with `?search=` the supplier catalogue's matches too. */
export async function loadProducts(context: WebContext, scope: MerchantScope, request: Request) {
  const { core, platform } = context;
  const prisma = platform.db.prisma;
  const url = new URL(request.url);
  const account = await prisma.account.findUniqueOrThrow({ where: { id: scope.accountId } });
  const suppliers = await core.suppliersForAccount(platform, scope.accountId, {
    sandbox: account.sandboxMode,
  });
  const products = await core.accountProducts(prisma, scope.accountId);
  const shops = await core.accountShops(prisma, scope.accountId);
  const money = (minor: number | null, currency: string | null) =>
    minor === null || !currency ? "—" : moneyText(core, minor, currency);

  const search = url.searchParams.get("search")?.trim().slice(0, 100) ?? "";
  const searchSupplier = url.searchParams.get("supplier") ?? [...suppliers.keys()][0] ?? "";
  const found = search
    ? await core
        .searchSupplierCatalogue(platform, {
          accountId: scope.accountId,
          supplier: searchSupplier,
          sandbox: account.sandboxMode,
          text: search,
        })
        .catch(() => undefined)
    : [];

  return {
    csrfToken: scope.csrfToken ?? "",
    suppliers: [...suppliers.values()].map(({ supplier, name }) => ({ id: supplier.id, name })),
    shops: shops.map((shop) => ({ id: shop.id, label: `${shop.domain} (${shop.platform})` })),
    defaultLowStockThreshold: account.lowStockThreshold,
    search,
    searchSupplier,
    searchFailed: found === undefined,
    searchResults: (found ?? []).map((product) => ({
      id: product.id,
      name: product.name,
      price: money(product.priceMinor, product.currency),
      stock: product.stock,
    })),
    products: products.map((product) => ({
      id: product.id,
      name: product.name,
      sku: product.sku,
      currency: product.currency,
      maxCost:
        product.maxCostMinor === null
          ? ""
          : String(core.fromMinorUnits(product.maxCostMinor, product.currency)),
      lowStockThreshold:
        product.lowStockThreshold === null ? "" : String(product.lowStockThreshold),
      offers: product.offers.map((offer) => ({
        id: offer.id,
        label: `${offer.supplier}: ${offer.supplierProductId}, stock ${offer.lastStock ?? "?"}, cost ${money(offer.lastCostMinor, offer.lastCurrency)}`,
      })),
      mappings: product.mappings.map((mapping) =>
        [
          mapping.shop.domain,
          mapping.sku && `SKU ${mapping.sku}`,
          mapping.externalVariantId && `variant ${mapping.externalVariantId}`,
          mapping.externalProductId && `product ${mapping.externalProductId}`,
        ]
          .filter(Boolean)
          .join(" "),
      ),
    })),
  };
}

const LIMIT_FIELDS = { maxCost: "max_cost", lowStockThreshold: "low_stock_threshold" } as const;

export type ProductsActionData =
  | { ok: true; message: string }
  | { ok: false; field?: string; message: string; productId?: string };

/** Bulk SKU mapping and per-product limits, each written to the audit log. */
export async function productsAction(
  context: WebContext,
  scope: MerchantScope,
  form: FormData,
): Promise<ProductsActionData> {
  const { core, platform } = context;
  const prisma = platform.db.prisma;
  const intent = formText(form, "intent");

  if (intent === "map_skus") {
    const parsed = core.parseSkuLines(formText(form, "lines"));
    if (!parsed.ok)
      return { ok: false, field: "lines", message: `Line ${parsed.line}: ${parsed.message}` };
    const account = await prisma.account.findUniqueOrThrow({ where: { id: scope.accountId } });
    const outcome = await core.mapSkusInBulk(platform, {
      accountId: scope.accountId,
      shopId: formText(form, "shop"),
      supplier: formText(form, "supplier"),
      sandbox: account.sandboxMode,
      lines: parsed.lines,
    });
    if (!outcome.ok) {
      return {
        ok: false,
        field: "lines",
        message: outcome.line ? `Line ${outcome.line}: ${outcome.message}` : outcome.message,
      };
    }
    await core.recordAudit(prisma, actorOf(scope), {
      action: "products.mapped_by_sku",
      targetType: "shop",
      targetId: formText(form, "shop"),
      details: { lines: parsed.lines.length, supplier: formText(form, "supplier") },
    });
    return {
      ok: true,
      message: `${outcome.mapped === 1 ? "1 SKU" : `${outcome.mapped} SKUs`} mapped.`,
    };
  }

  if (intent === "limits") {
    const productId = formText(form, "product");
    // The amount is read in the product's own currency: the form names none.
    const outcome = await core.changeProductLimits(prisma, actorOf(scope), productId, {
      maxCost: formText(form, "max_cost"),
      // Empty: the product follows the account's default threshold.
      lowStockThreshold: formText(form, "low_stock_threshold"),
    });
    if (!outcome.ok) {
      const field = outcome.field && LIMIT_FIELDS[outcome.field];
      return { ok: false, field, productId, message: outcome.message };
    }
    return { ok: true, message: "Product limits saved." };
  }
  return { ok: false, message: "Unknown action" };
}
