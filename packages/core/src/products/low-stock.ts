/** The threshold a product is watched with: its own, else its account's default. */
export function lowStockThreshold(
  product: { lowStockThreshold: number | null },
  account: { lowStockThreshold: number },
): number {
  return product.lowStockThreshold ?? account.lowStockThreshold;
}

/** Low means below the threshold, as the contract's `stock.low` says: at it is still enough. */
export function isLowStock(stock: number, threshold: number): boolean {
  return stock < threshold;
}
