import { SupplierError, type Money } from "@premiumcdkeys/suppliers";
import { supplierKind } from "./supplier-kinds.ts";

export type CredentialCheck =
  { ok: true; balance: Money } | { ok: false; reason: string; message: string };

/**
 * Asks the supplier for the account's balance with these credentials before they are saved:
 * the cheapest call that proves them, and it spends nothing. Only the supplier's error code and
 * our own fixed message come back, never the credentials.
 */
export async function checkSupplierCredentials(connection: {
  supplier: string;
  environment: "sandbox" | "live";
  credentials: Record<string, string>;
  baseUrl: string;
  currency: string;
  timeoutMs: number;
}): Promise<CredentialCheck> {
  const kind = supplierKind(connection.supplier);
  if (!kind) return { ok: false, reason: "unknown_supplier", message: "No such supplier" };

  const supplier = kind.create(
    { baseUrl: connection.baseUrl, currency: connection.currency, timeoutMs: connection.timeoutMs },
    connection.credentials,
  );
  try {
    return { ok: true, balance: await supplier.getBalance() };
  } catch (error) {
    if (!(error instanceof SupplierError)) throw error;
    return { ok: false, reason: error.code, message: error.message };
  }
}
