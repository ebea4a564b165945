import { z } from "zod";

/**
 * A whole number in a query string: plain decimal digits only. Number() would also read
 * `1e2`, `0x10`, `+5`, ` 5` and `1.0`, each a sign the caller meant something else.
 */
export function queryInteger(min: number, max: number) {
  return z
    .string()
    .regex(/^[0-9]+$/, "plain decimal digits")
    .transform(Number)
    .pipe(z.number().min(min).max(max));
}

/** `limit` 1 to 100 (20 by default) and `page` from 1, as every list of the API takes them. */
export const pageQuery = z.object({
  limit: queryInteger(1, 100).default(20),
  page: queryInteger(1, 1_000_000).default(1),
});

export function pageMeta(total: number, query: { limit: number; page: number }) {
  return { total, page: query.page, limit: query.limit, pages: Math.ceil(total / query.limit) };
}
