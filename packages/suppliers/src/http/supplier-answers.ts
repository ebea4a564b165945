import { SupplierError } from "../supplier.ts";

// Shared by the HTTP adapters: reading callback bodies and naming an order's unknown outcome.

/** A callback body as a JSON object, or an `invalid_callback` error. */
export function parseJsonObject(body: Buffer): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw new SupplierError("invalid_callback", "The callback body is not JSON");
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new SupplierError("invalid_callback", "The callback body is not a JSON object");
  }
  return parsed as Record<string, unknown>;
}

/** A server error answering an order: it may or may not have been taken. */
export function unknownOutcome(supplier: string, status: number): SupplierError {
  return new SupplierError("unknown_outcome", `${supplier} answered ${status} to the order`, {
    status,
  });
}
