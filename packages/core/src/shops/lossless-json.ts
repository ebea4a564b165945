import { parse, isSafeNumber } from "lossless-json";

/**
 * JSON.parse, except that integers beyond 2^53 come back as bigint instead of being rounded:
 * Shopify order and line ids can exceed it.
 */
export function parseJsonLosslessly(text: string): unknown {
  return parse(text, undefined, (value: string) =>
    isSafeNumber(value) || /[.eE]/.test(value) ? Number(value) : BigInt(value),
  );
}

/** An id field as exact text, whether the platform sent it as a number, a bigint or a string. */
export function idText(value: unknown): string | undefined {
  if (typeof value === "string") return value === "" ? undefined : value;
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number" && value !== 0) return String(value);
  return undefined;
}
