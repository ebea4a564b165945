import type { Supplier } from "@premiumcdkeys/suppliers";
import type { SupplierRegistry } from "./supplier-registry.ts";

/** The part of the platform this lookup reads. */
export type SupplierSource = { supplierRegistry: SupplierRegistry };

export type AccountSupplier = {
  supplier: Supplier;
  name: string;
  /** A sandbox supplier sells test keys only: used in Sandbox Mode, never for live orders. */
  sandbox: boolean;
};

const NAMES: Record<string, string> = {
  sandbox: "Sandbox supplier",
  codeswholesale: "CodesWholesale",
  kinguin: "Kinguin",
  own_stock: "Own stock",
};

/**
 * The suppliers an account may buy from and ask about, in the mode of the caller: sandbox
 * orders and `pck_test_` keys see only sandbox suppliers (the built-in one and connections to
 * the suppliers' sandboxes), live ones only live connections and the merchant's own stock.
 */
export async function suppliersForAccount(
  platform: SupplierSource,
  accountId: string,
  options: { sandbox: boolean },
): Promise<Map<string, AccountSupplier>> {
  const suppliers = await platform.supplierRegistry.forAccount(accountId, options);
  const found = new Map<string, AccountSupplier>();
  for (const supplier of Object.values(suppliers)) {
    const name = NAMES[supplier.id] ?? supplier.id;
    found.set(supplier.id, { supplier, sandbox: options.sandbox, name });
  }
  return found;
}
