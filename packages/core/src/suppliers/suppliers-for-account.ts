import type { Supplier } from "@premiumcdkeys/suppliers";

/** The part of the platform this lookup reads: today one global list of supplier adapters. */
export type SupplierSource = { suppliers: Record<string, Supplier> };

export type AccountSupplier = {
  supplier: Supplier;
  name: string;
  /** A sandbox supplier sells test keys only: used in Sandbox Mode, never for live orders. */
  sandbox: boolean;
};

// Adapters that sell test keys. The supplier interface has no such flag yet; per-account
// adapters (issue 6) are expected to replace this set.
const SANDBOX_SUPPLIER_IDS = new Set(["sandbox"]);

const NAMES: Record<string, string> = { sandbox: "Sandbox supplier" };

/**
 * The suppliers an account may buy from and ask about, in the mode of the caller: sandbox
 * orders and `pck_test_` keys see only sandbox suppliers, live ones only real suppliers.
 *
 * Every lookup of an account's suppliers goes through here, so pointing it at a per-account
 * registry changes one function. Today every account shares `platform.suppliers`.
 */
export function suppliersForAccount(
  platform: SupplierSource,
  _accountId: string,
  options: { sandbox: boolean },
): Map<string, AccountSupplier> {
  const found = new Map<string, AccountSupplier>();
  for (const supplier of Object.values(platform.suppliers)) {
    const sandbox = SANDBOX_SUPPLIER_IDS.has(supplier.id);
    if (sandbox !== options.sandbox) continue;
    found.set(supplier.id, { supplier, sandbox, name: NAMES[supplier.id] ?? supplier.id });
  }
  return found;
}
