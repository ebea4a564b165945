import type { Db } from "../db/types.ts";
import type { ShopOrderLine } from "../shops/shop-platform.ts";

/**
 * Finds our product for each shop line: by variant first, then by product, then by SKU.
 * Returns the product id per line, or null where the merchant has mapped nothing yet.
 */
export async function mapOrderLines(db: Db, shopId: string, lines: ShopOrderLine[]) {
  const mappings = await db.productMapping.findMany({
    where: {
      shopId,
      OR: [
        { externalVariantId: { in: present(lines.map((line) => line.externalVariantId)) } },
        { externalProductId: { in: present(lines.map((line) => line.externalProductId)) } },
        { sku: { in: present(lines.map((line) => line.sku)) } },
      ],
    },
  });

  return lines.map((line) => {
    const byVariant = line.externalVariantId
      ? mappings.find((mapping) => mapping.externalVariantId === line.externalVariantId)
      : undefined;
    const byProduct = line.externalProductId
      ? mappings.find(
          (mapping) =>
            mapping.externalProductId === line.externalProductId && !mapping.externalVariantId,
        )
      : undefined;
    const bySku = line.sku ? mappings.find((mapping) => mapping.sku === line.sku) : undefined;
    return (byVariant ?? byProduct ?? bySku)?.productId ?? null;
  });
}

function present(values: (string | undefined)[]): string[] {
  return values.filter((value): value is string => Boolean(value));
}
