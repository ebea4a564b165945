import { z } from "zod";

/** `limit` 1 to 100 (20 by default) and `page` from 1, as every list of the API takes them. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
});

export function pageMeta(total: number, query: { limit: number; page: number }) {
  return { total, page: query.page, limit: query.limit, pages: Math.ceil(total / query.limit) };
}
