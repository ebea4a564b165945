/** Dates as operators read them in a table: UTC, minutes. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  return new Date(iso).toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

export const STATUS_TONES: Record<string, "success" | "critical" | "attention" | "info"> = {
  delivered: "success",
  fulfilled: "success",
  failed: "critical",
  pending: "attention",
  processing: "info",
};

/** Shopify's order names carry their "#", WooCommerce's numbers do not: shown alike. */
export function orderRef(ref: string): string {
  return ref.startsWith("#") ? ref : `#${ref}`;
}

/** "1 attempt", "2 attempts": a count with its noun in the right number. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
